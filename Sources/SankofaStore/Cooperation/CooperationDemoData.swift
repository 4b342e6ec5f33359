import Fluent
import Foundation
import SankofaCore

/// The demo cooperation cycle in `Resources/Demo/cooperation.json`, loaded by `sankofa seed --demo`
/// after the directory (its exchanges name the demo experts, centres, practices and courses):
/// some fifteen requests in the six languages and in every status, with their steps, comments and
/// picked matches (accepted, declined with a reason, invited, picked); twenty exchanges across
/// the four Southern regions, bilateral, regional, inter-regional and triangular, in every status,
/// with financial and in-kind contributions in several currencies; ten outcome reports and two
/// six-month follow-ups. The countries, centres and programmes are real (DOMAIN.md's public
/// facts); the requests, events, people of the requests, figures and reports are fictional, and
/// every record is marked `demo` so that its pages say "Demo".
///
/// Everything is written through the cycle's own stores (``Requests``, ``RequestMatches``,
/// ``Exchanges``, ``Contributions``, ``OutcomeReports``, ``FollowUps``), in time order, so the
/// histories, derived scopes and statuses are those the site itself would record. Dates in the
/// file are days relative to the seed ("D-120", "D+30"), so the calendar always has exchanges
/// to come. Loading is idempotent: accounts are found by address, requests and exchanges by
/// their demo title; what exists is left as it is.
public enum CooperationDemoData {
    public struct Content: Decodable, Sendable {
        public var accounts: [Account]
        public var requests: [Request]
        public var exchanges: [Exchange]
    }

    /// A fictional account (`@demo.sankofa.example`) that cannot sign in: requesters, focal
    /// points of their countries and a programme officer (staff).
    public struct Account: Decodable, Sendable {
        public var key: String
        public var name: String
        public var email: String
        public var country: String
        public var language: Language
        public var organisation: String
        public var position: String
        public var roles: [Role]
    }

    public struct Request: Decodable, Sendable {
        public var key: String
        /// Account keys.
        public var requester: String
        public var endorsedBy: String?
        public var status: RequestStatus
        public var closure: RequestClosure?
        public var closingNote: String?
        /// Days before the seed it was filed, and closed.
        public var ago: Int
        public var closedAgo: Int?
        public var record: RequestRecord
        public var comments: [Comment]
        public var matches: [Match]
    }

    public struct Comment: Decodable, Sendable {
        public var by: String
        public var ago: Int
        public var body: String
    }

    /// A picked match: an expert or a centre by slug, and how the invited answered.
    public struct Match: Decodable, Sendable {
        public var kind: MatchKind
        public var target: String
        public var state: MatchState
        public var reason: String?
    }

    public struct Exchange: Decodable, Sendable {
        public var key: String
        public var createdBy: String
        /// The request (its key) whose accepted match the exchange was recorded from.
        public var request: String?
        /// Both sides agreed to a public summary once it was held.
        public var publicSummary: Bool?
        public var record: ExchangeRecord
        public var contributions: [ContributionRecord]
        public var reports: [Report]
    }

    public struct Report: Decodable, Sendable {
        public var side: ExchangeSide
        public var by: String
        public var ago: Int
        public var report: OutcomeReport
        public var followUp: FollowUpText?
    }

    /// What was adopted about six months later: `adopted` of the report's adaptations, in full.
    public struct FollowUpText: Decodable, Sendable {
        public var ago: Int
        public var adopted: Int
        public var language: Language
        public var note: String
    }

    /// What a load created (zero everywhere on a second load).
    public struct Summary: Sendable, Equatable {
        public var accounts = 0, requests = 0, matches = 0, exchanges = 0, contributions = 0, reports = 0, followUps = 0
        public init() {}
    }

    public static func content(in folder: String) throws -> Content {
        let path = folder + "/cooperation.json"
        return try JSONDecoder().decode(Content.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Loads the demo cycle in one transaction; the summary counts what was created this time.
    public static func load(from folder: String, on database: any Database, now: Int = Int(Date().timeIntervalSince1970)) async throws -> Summary {
        let content = try content(in: folder)
        return try await database.atomically { tx in
            try await CooperationDemoWriter(database: tx, now: now).write(content)
        }
    }
}
