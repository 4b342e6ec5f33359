import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The cycle's reminders: 7 and 30 days after a held exchange ends, each side that has not
/// reported is asked for its outcome report (`outcomeReportDue`); about six months after a report
/// that announced adaptations, its side is asked for the follow-up (`followUpDue`). In the app and
/// by e-mail (``CooperationNotices``). Each goes once: its row in `cooperation_reminders` (primary
/// key exchange, side, kind) is claimed in the transaction that tells the people, so two nodes
/// running the pass at once send it once, and a failed send leaves it to the next pass.
public struct CooperationReminders: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public enum Kind: String, Sendable, CaseIterable {
        case report7, report30, followUp
    }

    public struct Sent: Sendable, Equatable {
        public var exchangeID: Int
        public var side: ExchangeSide
        public var kind: Kind
        public var people: Int
    }

    static let day = 86_400
    public static let followUpAfter = 182 * day

    /// One pass at `now`; returns the reminders it sent.
    public func remind(now: Int) async throws -> [Sent] {
        try await remindReports(now: now) + remindFollowUps(now: now)
    }

    func remindReports(now: Int) async throws -> [Sent] {
        let sql = database as! any SQLDatabase
        let weekAgo = Self.isoDay(now - 7 * Self.day), monthAgo = Self.isoDay(now - 30 * Self.day)
        // Only the exchanges with a side still owed the reminder that is due (no report, no claim):
        // those already reminded, or reported, are not reread every hour.
        let rows = try await sql.raw("""
            SELECT x.id FROM exchanges x
            WHERE x.status = \(bind: ExchangeStatus.held.rawValue) AND x.ends_on <= \(bind: weekAgo)
            AND EXISTS (SELECT 1 FROM exchange_parties p WHERE p.exchange_id = x.id
                AND NOT EXISTS (SELECT 1 FROM outcome_reports r WHERE r.exchange_id = x.id AND r.side = p.side)
                AND NOT EXISTS (SELECT 1 FROM cooperation_reminders c WHERE c.exchange_id = x.id AND c.side = p.side
                    AND c.kind = CASE WHEN x.ends_on <= \(bind: monthAgo) THEN \(bind: Kind.report30.rawValue) ELSE \(bind: Kind.report7.rawValue) END))
            ORDER BY x.id
            """).all()
        let reports = OutcomeReports(database: database)
        var sent: [Sent] = []
        for row in rows {
            let id = try row.decode(column: "id", as: Int.self)
            guard let context = try await reports.exchange(id) else { continue }
            let filed = Set(try await reports.reports(exchangeID: id).map(\.side))
            // Past 30 days only the second is sent: a first found late would come after it.
            let kind: Kind = context.endsOn <= monthAgo ? .report30 : .report7
            for side in context.sides where !filed.contains(side) {
                if let done = try await send(kind, exchange: context, side: side, notice: .outcomeReportDue, now: now,
                                             alsoClaiming: kind == .report30 ? [.report7] : [], extra: []) {
                    sent.append(done)
                }
            }
        }
        return sent
    }

    func remindFollowUps(now: Int) async throws -> [Sent] {
        let sql = database as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT r.exchange_id, r.side, r.author_id, r.record FROM outcome_reports r
            LEFT JOIN outcome_follow_ups f ON f.report_id = r.id
            LEFT JOIN cooperation_reminders c ON c.exchange_id = r.exchange_id AND c.side = r.side AND c.kind = \(bind: Kind.followUp.rawValue)
            WHERE f.report_id IS NULL AND c.exchange_id IS NULL AND r.filed_at <= \(bind: now - Self.followUpAfter) ORDER BY r.id
            """).all()
        var sent: [Sent] = []
        for row in rows {
            let report = try RecordJSON.decode(OutcomeReport.self, try row.decode(column: "record", as: String.self))
            guard !report.adaptations.isEmpty,
                  let side = ExchangeSide(rawValue: try row.decode(column: "side", as: String.self)),
                  let context = try await OutcomeReports(database: database).exchange(try row.decode(column: "exchange_id", as: Int.self))
            else { continue }
            let author = try row.decode(column: "author_id", as: UUID?.self)
            if let done = try await send(.followUp, exchange: context, side: side, notice: .followUpDue, now: now,
                                         alsoClaiming: [], extra: author.map { [$0] } ?? []) {
                sent.append(done)
            }
        }
        return sent
    }

    /// Claims the reminder and tells the side's people in one transaction; nil when it was sent before.
    func send(_ kind: Kind, exchange: OutcomeReports.ExchangeContext, side: ExchangeSide, notice: NotificationKind, now: Int,
              alsoClaiming: [Kind], extra: [UUID]) async throws -> Sent? {
        try await database.atomically { tx in
            guard try await Self.claim(kind, exchange.id, side, now, on: tx) else { return nil }
            for other in alsoClaiming { _ = try await Self.claim(other, exchange.id, side, now, on: tx) }
            var people = try await OutcomeReports(database: tx).people(of: exchange, sides: [side])
            for id in extra where !people.contains(id) { people.append(id) }
            let catalogs = Catalogs.bundled
            try await CooperationNotices(database: tx).tell(
                userIDs: people, kind: notice, actorID: nil, requestID: nil, exchangeID: exchange.id,
                detail: { catalogs.text("reminder.\(kind.rawValue)", $0, ["side": catalogs.text(side.labelKey, $0)]) }, now: now)
            return Sent(exchangeID: exchange.id, side: side, kind: kind, people: people.count)
        }
    }

    static func claim(_ kind: Kind, _ exchangeID: Int, _ side: ExchangeSide, _ now: Int, on tx: any Database) async throws -> Bool {
        try await (tx as! any SQLDatabase).raw("""
            INSERT INTO cooperation_reminders (exchange_id, side, kind, sent_at)
            VALUES (\(bind: exchangeID), \(bind: side.rawValue), \(bind: kind.rawValue), \(bind: now))
            ON CONFLICT DO NOTHING RETURNING exchange_id
            """).first() != nil
    }

    static func isoDay(_ time: Int) -> String { ISODay.format(Date(timeIntervalSince1970: TimeInterval(time))) }
}
