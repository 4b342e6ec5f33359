import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The contributions to exchanges: added, changed and removed by the exchange's managers and the
/// people taking part (the controller asks ``AccessPolicy`` first). Every change leaves a line in
/// the exchange's history (`exchange_events`, kinds ``EventKind``) in the same transaction, and an
/// addition tells the exchange's people (`contributionAdded`). Amounts are stored as given.
public struct Contributions: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    public struct Stored: Sendable, Equatable {
        public var id: Int
        public var exchangeID: Int
        public var record: ContributionRecord
        public var createdBy: UUID?
        public var createdAt: Int
    }

    /// The kinds of the history lines a contribution leaves (`exchange_events.kind`); their
    /// labels are `contribution.event.<kind>` in the catalogs.
    public enum EventKind: String, CaseIterable, Sendable {
        case contribAdded, contribEdited, contribDeleted
        public var labelKey: String { "contribution.event.\(rawValue)" }
    }

    /// A record the rules refuse (by field), or a centre that is not in the directory.
    public enum Refusal: Error, Equatable {
        case invalid([ValidationIssue])
    }

    /// Stores a new contribution and returns its id; tells the exchange's people but `actorID`
    /// unless `notify` is false (imports and demo data tell nobody).
    @discardableResult
    public func add(_ record: ContributionRecord, exchangeID: Int, actorID: UUID?, now: Int, notify: Bool = true) async throws -> Int {
        try await database.atomically { tx in
            let store = Contributions(database: tx)
            let columns = try await store.columns(of: record)
            let id = try await store.sql.raw("""
                INSERT INTO contributions (exchange_id, kind, contributor_kind, contributor_country, contributor_name, centre_id,
                  amount_milli, currency, item, description, given_on, source, created_by, created_at)
                VALUES (\(bind: exchangeID), \(bind: record.kind.rawValue), \(bind: record.contributorKind.rawValue),
                  \(bind: columns.country), \(bind: columns.name), \(bind: columns.centreID), \(bind: record.amount?.milli),
                  \(bind: record.amount?.currency), \(bind: record.item?.rawValue), \(bind: record.description), \(bind: record.givenOn),
                  \(bind: record.source), \(bind: actorID), \(bind: now))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            try await store.event(.contribAdded, exchangeID: exchangeID, record: record, actorID: actorID, now: now)
            if notify {
                // The exchange's people, as for its other notices (`tell` leaves the actor out).
                try await CooperationNotices(database: tx).tell(userIDs: try await Exchanges(database: tx).people(of: exchangeID),
                                                                kind: .contributionAdded, actorID: actorID, requestID: nil,
                                                                exchangeID: exchangeID, detail: record.summary, now: now)
            }
            return id
        }
    }

    /// Replaces a contribution of `exchangeID`; false when it has no such contribution.
    public func edit(_ id: Int, exchangeID: Int, record: ContributionRecord, actorID: UUID?, now: Int) async throws -> Bool {
        try await database.atomically { tx in
            let store = Contributions(database: tx)
            guard try await store.contribution(id, exchangeID: exchangeID) != nil else { return false }
            let columns = try await store.columns(of: record)
            try await store.sql.raw("""
                UPDATE contributions SET kind = \(bind: record.kind.rawValue), contributor_kind = \(bind: record.contributorKind.rawValue),
                  contributor_country = \(bind: columns.country), contributor_name = \(bind: columns.name), centre_id = \(bind: columns.centreID),
                  amount_milli = \(bind: record.amount?.milli), currency = \(bind: record.amount?.currency), item = \(bind: record.item?.rawValue),
                  description = \(bind: record.description), given_on = \(bind: record.givenOn), source = \(bind: record.source)
                WHERE id = \(bind: id) AND exchange_id = \(bind: exchangeID)
                """).run()
            try await store.event(.contribEdited, exchangeID: exchangeID, record: record, actorID: actorID, now: now)
            return true
        }
    }

    /// Removes a contribution of `exchangeID`, keeping what it was in the history; false when absent.
    public func delete(_ id: Int, exchangeID: Int, actorID: UUID?, now: Int) async throws -> Bool {
        try await database.atomically { tx in
            let store = Contributions(database: tx)
            guard let stored = try await store.contribution(id, exchangeID: exchangeID) else { return false }
            try await store.sql.raw("DELETE FROM contributions WHERE id = \(bind: id) AND exchange_id = \(bind: exchangeID)").run()
            try await store.event(.contribDeleted, exchangeID: exchangeID, record: stored.record, actorID: actorID, now: now)
            return true
        }
    }

    /// An exchange's contributions, money first, then by date.
    public func list(exchangeID: Int) async throws -> [Stored] {
        try await sql.raw("\(unsafeRaw: Self.select) WHERE k.exchange_id = \(bind: exchangeID) ORDER BY k.kind, k.given_on, k.id")
            .all().map(Self.stored)
    }

    public func contribution(_ id: Int, exchangeID: Int) async throws -> Stored? {
        try await sql.raw("\(unsafeRaw: Self.select) WHERE k.id = \(bind: id) AND k.exchange_id = \(bind: exchangeID)")
            .first().map(Self.stored)
    }

    static let select = """
        SELECT k.id, k.exchange_id, k.kind, k.contributor_kind, k.contributor_country, k.contributor_name, c.slug AS centre_slug,
          k.amount_milli, k.currency, k.item, k.description, k.given_on, k.source, k.created_by, k.created_at
        FROM contributions k LEFT JOIN centres c ON c.id = k.centre_id
        """

    static func stored(_ row: any SQLRow) throws -> Stored {
        let amount = try row.decode(column: "amount_milli", as: Int64?.self).flatMap { milli in
            try row.decode(column: "currency", as: String?.self).map { Money(milli: milli, currency: $0) }
        }
        let record = ContributionRecord(
            kind: ContributionKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .financial,
            contributorKind: ContributorKind(rawValue: try row.decode(column: "contributor_kind", as: String.self)) ?? .organisation,
            contributorCountry: try row.decode(column: "contributor_country", as: String?.self),
            contributorName: try row.decode(column: "contributor_name", as: String.self),
            centre: try row.decode(column: "centre_slug", as: String?.self), amount: amount,
            item: try row.decode(column: "item", as: String?.self).flatMap(InKindItem.init(rawValue:)),
            description: try row.decode(column: "description", as: String.self),
            givenOn: try row.decode(column: "given_on", as: String.self), source: try row.decode(column: "source", as: String.self))
        return Stored(id: try row.decode(column: "id", as: Int.self), exchangeID: try row.decode(column: "exchange_id", as: Int.self),
                      record: record, createdBy: try row.decode(column: "created_by", as: UUID?.self),
                      createdAt: try row.decode(column: "created_at", as: Int.self))
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }
}
