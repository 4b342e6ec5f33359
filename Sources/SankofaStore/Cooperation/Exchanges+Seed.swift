import Fluent
import Foundation
import SankofaCore
import SQLKit

extension Exchanges {
    /// What an accepted match gives a new exchange's form: its request's words and the invited
    /// expert or centre on the provider side. Nil unless the match is accepted.
    public struct MatchSeed: Sendable, Equatable {
        public var requestID: Int
        public var expert: String?
        public var centre: String?
        public var country: String?
        public init(requestID: Int, expert: String? = nil, centre: String? = nil, country: String? = nil) {
            self.requestID = requestID
            self.expert = expert
            self.centre = centre
            self.country = country
        }
    }

    public func seed(fromMatch matchID: Int) async throws -> MatchSeed? {
        guard let match = try await RequestMatches(database: database).match(matchID), match.state == .accepted else { return nil }
        var seed = MatchSeed(requestID: match.requestID)
        let table = switch match.kind { case .expert: "experts"; case .centre: "centres"; default: "" }
        if !table.isEmpty, let id = UUID(uuidString: match.target),
           let row = try await sql.raw("SELECT slug, country FROM \(unsafeRaw: table) WHERE id = \(bind: id)").first() {
            let slug = try row.decode(column: "slug", as: String.self)
            if match.kind == .expert { seed.expert = slug } else { seed.centre = slug }
            seed.country = try row.decode(column: "country", as: String.self)
        }
        return seed
    }
}
