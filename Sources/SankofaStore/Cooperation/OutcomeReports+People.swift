import Fluent
import Foundation
import SankofaCore
import SQLKit

extension OutcomeReports {
    /// The accounts that speak for `sides` of the exchange, who are asked for its reports and told
    /// of them: experts named on a side who have an account, the focal point of a centre named on
    /// a side, the requester (beneficiary side), and the active focal points of the side's countries
    /// — the same people ``CooperationStanding`` counts on a side.
    public func people(of context: ExchangeContext, sides: [ExchangeSide]) async throws -> [UUID] {
        guard !sides.isEmpty else { return [] }
        let names = sides.map(\.rawValue)
        var people: [UUID] = []
        func add(_ id: UUID?) { if let id, !people.contains(id) { people.append(id) } }

        for row in try await sql.raw("""
            SELECT e.user_id FROM exchange_parties p JOIN experts e ON e.id = p.expert_id
            WHERE p.exchange_id = \(bind: context.id) AND p.side IN (\(binds: names)) AND e.user_id IS NOT NULL
            """).all() { add(try row.decode(column: "user_id", as: UUID?.self)) }

        // A centre acts through the expert whose profile is its focal point (`centre:SLUG`).
        for row in try await sql.raw("""
            SELECT e.user_id FROM exchange_parties p JOIN centres c ON c.id = p.centre_id
            JOIN experts e ON e.focal_point_for = 'centre:' || c.slug
            WHERE p.exchange_id = \(bind: context.id) AND p.side IN (\(binds: names)) AND e.user_id IS NOT NULL
            """).all() { add(try row.decode(column: "user_id", as: UUID?.self)) }

        if sides.contains(.beneficiary) {
            for row in try await sql.raw("""
                SELECT q.requester_id FROM exchanges x JOIN requests q ON q.id = x.request_id WHERE x.id = \(bind: context.id)
                """).all() { add(try row.decode(column: "requester_id", as: UUID?.self)) }
        }

        let countries = Array(Set(sides.flatMap { context.countries[$0] ?? [] }))
        if !countries.isEmpty {
            let users = try await UserModel.query(on: database).filter(\.$country ~~ countries)
                .filter(\.$status == AccountStatus.active.rawValue).all()
            for user in users where user.roleSet.contains(.focalPoint) { add(user.id) }
        }
        return people
    }
}
