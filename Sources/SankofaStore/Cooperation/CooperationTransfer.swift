import Fluent
import Foundation
import SankofaCore
import SQLKit

/// `sankofa export exchanges` and `sankofa import exchanges FILE`: every exchange with its parties,
/// links, public-summary agreements, contributions, and outcome reports with their follow-ups, as a
/// JSON array of ``Entry``. An exchange
/// is named across databases by its `key` (given the first time it is exported, kept by an
/// import), as a practice is by its slug: importing a file again updates what it names and adds
/// nothing. Import is all or nothing, in one transaction, every problem reported at once.
///
/// Requests are not carried: they are a member's own words tied to their account (an export
/// file travels outside the platform and cannot carry accounts), so an exported exchange leaves
/// its `requestID` out and an imported one answers no request. Nor is the history: an import
/// writes its own lines ("created", "edited", contributions added) as any other write does.
public enum CooperationTransfer {
    /// One exchange in the file.
    public struct Entry: Codable, Sendable, Equatable {
        /// Letters, digits and hyphens, at most 64: `exchange-` and a UUID when the platform gives it.
        public var key: String
        public var exchange: ExchangeRecord
        /// The sides (provider, beneficiary) that agreed to the public summary; public when both did.
        public var agreed: [ExchangeSide]
        public var contributions: [ContributionRecord]
        public var reports: [ReportEntry]

        public init(key: String, exchange: ExchangeRecord, agreed: [ExchangeSide] = [], contributions: [ContributionRecord] = [],
                    reports: [ReportEntry] = []) {
            self.key = key
            self.exchange = exchange
            self.agreed = agreed
            self.contributions = contributions
            self.reports = reports
        }

        enum CodingKeys: String, CodingKey { case key, exchange, agreed, contributions, reports }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            key = try c.decode(String.self, forKey: .key)
            exchange = try c.decode(ExchangeRecord.self, forKey: .exchange)
            agreed = try c.decodeIfPresent([ExchangeSide].self, forKey: .agreed) ?? []
            contributions = try c.decodeIfPresent([ContributionRecord].self, forKey: .contributions) ?? []
            reports = try c.decodeIfPresent([ReportEntry].self, forKey: .reports) ?? []
        }
    }

    /// Every problem of a refused file, one per line: the directory's import reports the same way.
    public typealias Failure = DirectoryTransfer.Failure

    public struct Outcome: Sendable, Equatable {
        public var created = 0
        public var updated = 0
        public var unchanged = 0

        public init(created: Int = 0, updated: Int = 0, unchanged: Int = 0) {
            self.created = created
            self.updated = updated
            self.unchanged = unchanged
        }
    }

    public static func isValidKey(_ key: String) -> Bool {
        (1...64).contains(key.count) && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    /// Every exchange, oldest first. Exchanges without a key get one here, in one transaction.
    public static func exportJSON(on database: any Database) async throws -> Data {
        let entries = try await database.atomically { tx in
            let sql = tx as! any SQLDatabase
            let rows = ExchangeRows(sql: sql, regions: .standard)
            var entries: [Entry] = []
            for row in try await sql.raw("""
                SELECT id, transfer_key, provider_agreed_at, beneficiary_agreed_at FROM exchanges ORDER BY id
                """).all() {
                let id = try row.decode(column: "id", as: Int.self)
                guard var record = try await rows.record(id) else { continue }
                record.requestID = nil
                var key = try row.decode(column: "transfer_key", as: String?.self)
                if key == nil {
                    key = "exchange-\(UUID().uuidString.lowercased())"
                    try await sql.raw("UPDATE exchanges SET transfer_key = \(bind: key) WHERE id = \(bind: id)").run()
                }
                var agreed: [ExchangeSide] = []
                if try row.decode(column: "provider_agreed_at", as: Int?.self) != nil { agreed.append(.provider) }
                if try row.decode(column: "beneficiary_agreed_at", as: Int?.self) != nil { agreed.append(.beneficiary) }
                let contributions = try await Contributions(database: tx).list(exchangeID: id).map(\.record)
                entries.append(Entry(key: key!, exchange: record, agreed: agreed, contributions: contributions,
                                     reports: try await reports(of: id, on: tx)))
            }
            return entries
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(entries)
    }
}
