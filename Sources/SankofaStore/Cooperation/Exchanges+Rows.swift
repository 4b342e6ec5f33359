import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The statements ``Exchanges``' writes share, run on the writer's transaction.
struct ExchangeRows: Sendable {
    let sql: any SQLDatabase
    let regions: RegionTable

    /// A party with the ids of its named expert and centre.
    struct ResolvedParty: Sendable {
        var party: ExchangeParty
        var expertID: UUID?
        var centreID: UUID?
    }

    /// Lists are stored ",a,b," so that `LIKE '%,youth,%'` finds one on both engines.
    static func list(_ values: [String]) -> String { values.isEmpty ? "" : ",\(values.joined(separator: ",")),"}

    /// The record's rules (``ExchangeValidation``) and whether its named experts, centres,
    /// published practices and courses exist; throws every issue found at once.
    func validate(_ record: ExchangeRecord) async throws -> [ResolvedParty] {
        var issues = ExchangeValidation.issues(in: record, table: regions)
        var resolved: [ResolvedParty] = []
        for (index, party) in record.parties.enumerated() {
            var row = ResolvedParty(party: party)
            if let slug = party.expert, Slug.isValid(slug) {
                row.expertID = try await id(of: "experts", slug: slug)
                if row.expertID == nil { issues.append(.init(field: "parties", reason: "error.unknownExpert", detail: "\(index + 1): \(slug)")) }
            }
            if let slug = party.centre, Slug.isValid(slug) {
                row.centreID = try await id(of: "centres", slug: slug)
                if row.centreID == nil { issues.append(.init(field: "parties", reason: "exchange.error.unknownCentre", detail: "\(index + 1): \(slug)")) }
            }
            resolved.append(row)
        }
        for slug in record.practices where Slug.isValid(slug) {
            let found = try await sql.raw("""
                SELECT 1 AS one FROM practices WHERE slug = \(bind: slug) AND status = \(bind: PracticeStatus.published.rawValue)
                """).first() != nil
            if !found { issues.append(.init(field: "practices", reason: "error.unknownPractice", detail: slug)) }
        }
        for slug in record.courses where Slug.isValid(slug) {
            if try await id(of: "courses", slug: slug) == nil { issues.append(.init(field: "courses", reason: "exchange.error.unknownCourse", detail: slug)) }
        }
        if !issues.isEmpty { throw Exchanges.StoreError.invalid(issues) }
        return resolved
    }

    private func id(of table: String, slug: String) async throws -> UUID? {
        try await sql.raw("SELECT id FROM \(unsafeRaw: table) WHERE slug = \(bind: slug)").first()?.decode(column: "id", as: UUID.self)
    }

    /// Parties and links written anew: they are the record's, and a change rewrites them whole.
    func replaceParties(_ id: Int, _ parties: [ResolvedParty], links record: ExchangeRecord) async throws {
        try await sql.raw("DELETE FROM exchange_parties WHERE exchange_id = \(bind: id)").run()
        try await sql.raw("DELETE FROM exchange_links WHERE exchange_id = \(bind: id)").run()
        for row in parties {
            try await sql.raw("""
                INSERT INTO exchange_parties (exchange_id, side, country, institution, expert_id, centre_id)
                VALUES (\(bind: id), \(bind: row.party.side.rawValue), \(bind: row.party.country.uppercased()),
                        \(bind: row.party.institution), \(bind: row.expertID), \(bind: row.centreID))
                """).run()
        }
        for (kind, slugs) in [("practice", record.practices), ("course", record.courses)] {
            for slug in slugs {
                try await sql.raw("INSERT INTO exchange_links (exchange_id, kind, target) VALUES (\(bind: id), \(bind: kind), \(bind: slug))").run()
            }
        }
    }

    func event(_ id: Int, kind: String, from: ExchangeStatus?, to: ExchangeStatus?, actorID: UUID?, note: String, now: Int) async throws {
        try await sql.raw("""
            INSERT INTO exchange_events (exchange_id, kind, from_status, to_status, actor_id, note, at)
            VALUES (\(bind: id), \(bind: kind), \(bind: from?.rawValue), \(bind: to?.rawValue), \(bind: actorID), \(bind: note), \(bind: now))
            """).run()
    }

    /// Public pages and the API (cached by the data version) show an exchange whose summary is
    /// public: a change to one must move the version, in the writing transaction.
    func bumpIfPublic(_ id: Int) async throws {
        guard try await sql.raw("SELECT public_summary FROM exchanges WHERE id = \(bind: id)").first()?
            .decode(column: "public_summary", as: Bool.self) == true else { return }
        // The writer's transaction, as Fluent's database (the same connection).
        try await DataVersion.bump(on: sql as! any Database)
    }

    func record(_ id: Int) async throws -> ExchangeRecord? {
        guard let text = try await sql.raw("SELECT record FROM exchanges WHERE id = \(bind: id)").first()?.decode(column: "record", as: String.self)
        else { return nil }
        return try RecordJSON.decode(ExchangeRecord.self, text)
    }

    /// The request of an accepted match, or nil.
    func acceptedMatch(_ matchID: Int) async throws -> Int? {
        guard let row = try await sql.raw("SELECT request_id, state FROM request_matches WHERE id = \(bind: matchID)").first(),
              try row.decode(column: "state", as: String.self) == MatchState.accepted.rawValue else { return nil }
        return try row.decode(column: "request_id", as: Int.self)
    }

    /// Whether the request still waits for its first exchange (open or matched).
    func requestAwaitsExchange(_ requestID: Int) async throws -> Bool {
        guard let text = try await sql.raw("SELECT status FROM requests WHERE id = \(bind: requestID)").first()?
            .decode(column: "status", as: String.self), let status = RequestStatus(rawValue: text) else { return false }
        return RequestLifecycle.next(after: .startExchange, from: status) != nil
    }
}
