import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Writes exchanges: recorded directly (by staff, past ones too) or from a request's accepted
/// match, changed, moved from status to status, and agreed to a public summary side by side.
/// Every write leaves a line in `exchange_events` (the exchange's history) in its transaction.
/// Permissions are the caller's (``AccessPolicy`` with ``ExchangeLookup``'s standing).
public struct Exchanges: Sendable {
    public let database: any Database
    public let regions: RegionTable
    public init(database: any Database, regions: RegionTable = .standard) {
        self.database = database
        self.regions = regions
    }

    public enum StoreError: Error, Equatable {
        /// The record broke a rule; each issue names its field.
        case invalid([ValidationIssue])
        /// The match is unknown, not accepted, or of another request.
        case matchNotAccepted
        case notFound
    }

    /// Saves a new exchange and returns its id. From a match (`matchID`): the match must be
    /// accepted, the exchange answers its request, and the request steps to "in exchange" in
    /// the same transaction (when it is open or matched; a second exchange leaves it there).
    public func create(_ record: ExchangeRecord, createdBy: UUID?, matchID: Int? = nil, now: Int) async throws -> Int {
        let regions = regions
        return try await database.atomically { tx in
            let rows = ExchangeRows(sql: tx as! any SQLDatabase, regions: regions)
            var record = record
            if let matchID {
                guard let match = try await rows.acceptedMatch(matchID) else { throw StoreError.matchNotAccepted }
                record.requestID = match
            }
            let resolved = try await rows.validate(record)
            let derived = ExchangeScope.derive(parties: record.parties, table: regions)
            guard let row = try await rows.sql.raw("""
                INSERT INTO exchanges (request_id, match_id, type, status, language, title, themes, pillars, starts_on, ends_on,
                  place, online, scope, triangular, public_summary, record, demo, created_by, created_at, updated_at, held_at)
                VALUES (\(bind: record.requestID), \(bind: matchID), \(bind: record.type.rawValue), \(bind: record.status.rawValue),
                  \(bind: record.language.rawValue), \(bind: record.title), \(bind: ExchangeRows.list(record.themes.map(\.rawValue))),
                  \(bind: ExchangeRows.list(record.pillars.map { String($0.rawValue) })), \(bind: record.startsOn), \(bind: record.endsOn),
                  \(bind: record.place), \(bind: record.online), \(bind: derived.scope?.rawValue), \(bind: derived.triangular), \(bind: false),
                  \(bind: try RecordJSON.encode(record)), \(bind: record.demo), \(bind: createdBy), \(bind: now), \(bind: now),
                  \(bind: record.status == .held ? now : nil)) RETURNING id
                """).first() else { throw StoreError.notFound }
            let id = try row.decode(column: "id", as: Int.self)
            try await rows.replaceParties(id, resolved, links: record)
            try await rows.event(id, kind: "created", from: nil, to: record.status, actorID: createdBy, note: "", now: now)
            if let requestID = record.requestID, try await rows.requestAwaitsExchange(requestID) {
                try await Requests(database: tx).takeStep(.startExchange, requestID: requestID, actorID: createdBy, now: now, on: tx)
            }
            return id
        }
    }

    /// Replaces the exchange's words, dates, parties and links (not its status, which moves by
    /// ``changeStatus``; not the agreements, which stand for the summary they were given for, so
    /// a change of parties, countries, type, themes or dates withdraws them).
    public func update(_ id: Int, _ record: ExchangeRecord, actorID: UUID?, now: Int) async throws {
        let regions = regions
        try await database.atomically { tx in
            let rows = ExchangeRows(sql: tx as! any SQLDatabase, regions: regions)
            guard let old = try await rows.record(id) else { throw StoreError.notFound }
            var record = record
            record.status = old.status
            record.requestID = old.requestID
            let resolved = try await rows.validate(record)
            let derived = ExchangeScope.derive(parties: record.parties, table: regions)
            let summaryChanged = old.publicSummaryFacts != record.publicSummaryFacts
            // A changed summary withdraws both agreements in the same statement.
            let withdrawal: SQLQueryString = summaryChanged
                ? ", provider_agreed_at = NULL, beneficiary_agreed_at = NULL, public_summary = \(bind: false)" : ""
            try await rows.bumpIfPublic(id)
            try await rows.sql.raw("""
                UPDATE exchanges SET type = \(bind: record.type.rawValue), language = \(bind: record.language.rawValue),
                  title = \(bind: record.title), themes = \(bind: ExchangeRows.list(record.themes.map(\.rawValue))),
                  pillars = \(bind: ExchangeRows.list(record.pillars.map { String($0.rawValue) })), starts_on = \(bind: record.startsOn),
                  ends_on = \(bind: record.endsOn), place = \(bind: record.place), online = \(bind: record.online),
                  scope = \(bind: derived.scope?.rawValue), triangular = \(bind: derived.triangular),
                  record = \(bind: try RecordJSON.encode(record)), updated_at = \(bind: now)\(withdrawal)
                WHERE id = \(bind: id)
                """).run()
            try await rows.replaceParties(id, resolved, links: record)
            try await rows.event(id, kind: summaryChanged ? "editedSummary" : "edited", from: nil, to: nil, actorID: actorID, note: "", now: now)
        }
    }

    /// Moves the exchange to `status` with a note in its history; false when it is there already.
    @discardableResult
    public func changeStatus(_ id: Int, to status: ExchangeStatus, actorID: UUID?, note: String, now: Int) async throws -> Bool {
        try await database.atomically { tx in
            let rows = ExchangeRows(sql: tx as! any SQLDatabase, regions: .standard)
            guard var record = try await rows.record(id) else { throw StoreError.notFound }
            let from = record.status
            guard from != status else { return false }
            record.status = status
            try await rows.sql.raw("""
                UPDATE exchanges SET status = \(bind: status.rawValue), record = \(bind: try RecordJSON.encode(record)),
                  updated_at = \(bind: now), held_at = COALESCE(held_at, \(bind: status == .held ? now : nil))
                WHERE id = \(bind: id)
                """).run()
            try await rows.event(id, kind: "status", from: from, to: status, actorID: actorID, note: String(note.prefix(2000)), now: now)
            try await rows.bumpIfPublic(id)
            return true
        }
    }

    /// Records one side's agreement (provider or beneficiary) to the public summary, or its
    /// withdrawal; the summary is public only while both sides agree. Returns whether it is now public.
    @discardableResult
    public func agree(_ id: Int, side: ExchangeSide, agreed: Bool, actorID: UUID?, now: Int) async throws -> Bool {
        guard side != .partner else { throw StoreError.notFound }
        return try await database.atomically { tx in
            let sql = tx as! any SQLDatabase
            let column: SQLQueryString = side == .provider ? "provider_agreed_at" : "beneficiary_agreed_at"
            try await sql.raw("UPDATE exchanges SET \(column) = \(bind: agreed ? now : nil), updated_at = \(bind: now) WHERE id = \(bind: id)").run()
            guard let row = try await sql.raw("""
                UPDATE exchanges SET public_summary = (provider_agreed_at IS NOT NULL AND beneficiary_agreed_at IS NOT NULL)
                WHERE id = \(bind: id) RETURNING public_summary
                """).first() else { throw StoreError.notFound }
            // Public or no longer: either way the public pages and the API change.
            try await DataVersion.bump(on: tx)
            try await ExchangeRows(sql: tx as! any SQLDatabase, regions: .standard)
                .event(id, kind: agreed ? "agreed" : "withdrew", from: nil, to: nil, actorID: actorID, note: side.rawValue, now: now)
            return try row.decode(column: "public_summary", as: Bool.self)
        }
    }
}

extension ExchangeRecord {
    /// What the public summary shows (countries, type, themes, dates): an agreement was given for these.
    var publicSummaryFacts: [String] {
        [type.rawValue, startsOn, endsOn, themes.map(\.rawValue).joined(separator: ","),
         parties.map { "\($0.side.rawValue):\($0.country)" }.sorted().joined(separator: ",")]
    }
}
