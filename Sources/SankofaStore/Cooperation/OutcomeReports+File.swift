import Fluent
import Foundation
import SankofaCore
import SQLKit

extension OutcomeReports {
    public enum FileError: Error, Equatable {
        /// No such exchange, or one not held yet (nothing to report on).
        case notReportable
        case invalid([ValidationIssue])
    }

    /// What filing did besides storing the report.
    public struct FileResult: Sendable, Equatable {
        /// The side's first report (an edit otherwise).
        public var first: Bool
        /// The exchange moved to `reported` with this report.
        public var exchangeReported: Bool
        public var practice: [PracticeEffect]
    }

    /// Files (or changes) `side`'s report on the exchange, in one transaction: the exchange row is
    /// locked first, so two sides filing at once see each other's report. The exchange moves from
    /// `held` to `reported` when its provider and its beneficiary sides (those it has) both
    /// reported; a partner's report is welcome but not waited for. The practice link takes effect
    /// once (``applyPracticeLink(_:report:context:writer:on:)``); the other sides' people are told
    /// of a first report (`outcomeReportFiled`).
    public func file(_ report: OutcomeReport, exchangeID: Int, side: ExchangeSide, by writer: PracticeWrites.Writer,
                     now: Int) async throws -> FileResult {
        try await database.atomically { tx in
            let store = OutcomeReports(database: tx), sql = store.sql
            try await sql.raw("UPDATE exchanges SET updated_at = updated_at WHERE id = \(bind: exchangeID)").run()
            guard let context = try await store.exchange(exchangeID), context.takesReports, context.sides.contains(side) else {
                throw FileError.notReportable
            }
            var issues = OutcomeReportValidation.issues(in: report, exchange: context.rules)
            if let slug = report.adaptedPractice, issues.allSatisfy({ $0.field != "adaptedPractice" }),
               try await PracticeStore(database: tx).find(slug: slug, publishedOnly: true) == nil {
                issues.append(ValidationIssue(field: "adaptedPractice", reason: "report.error.practice", detail: slug))
            }
            guard issues.isEmpty else { throw FileError.invalid(issues) }

            let existing = try await store.report(exchangeID: exchangeID, side: side)
            let record = try RecordJSON.encode(report), g = report.gender
            if let existing {
                try await sql.raw("""
                    UPDATE outcome_reports SET language = \(bind: report.language.rawValue), participants = \(bind: report.participants),
                      women = \(bind: g.women), men = \(bind: g.men), unspecified = \(bind: g.unspecified),
                      adapted_practice = \(bind: report.adaptedPractice), record = \(bind: record), demo = \(bind: report.demo),
                      updated_at = \(bind: now)
                    WHERE id = \(bind: existing.id)
                    """).run()
                try await store.writeCapacity(reportID: existing.id, report)
            } else {
                let id = try await sql.raw("""
                    INSERT INTO outcome_reports (exchange_id, side, language, author_id, participants, women, men, unspecified,
                      adapted_practice, record, demo, filed_at, updated_at)
                    VALUES (\(bind: exchangeID), \(bind: side.rawValue), \(bind: report.language.rawValue), \(bind: writer.userID),
                      \(bind: report.participants), \(bind: g.women), \(bind: g.men), \(bind: g.unspecified), \(bind: report.adaptedPractice),
                      \(bind: record), \(bind: report.demo), \(bind: now), \(bind: now))
                    RETURNING id
                    """).first()!.decode(column: "id", as: Int.self)
                try await store.writeCapacity(reportID: id, report)
            }
            let practice = try await store.applyPracticeLink(existing, report: report, side: side, context: context, writer: writer, on: tx)
            let reported = try await store.markReportedWhenComplete(context, actorID: writer.userID, now: now)

            var entry = writer.audit
            entry.action = existing == nil ? "report.filed" : "report.updated"
            entry.target = "exchange:\(exchangeID)"
            entry.detail = side.rawValue
            try await AuditLog(database: tx).record(entry)
            if existing == nil {
                let others = try await store.people(of: context, sides: context.sides.filter { $0 != side })
                try await CooperationNotices(database: tx).tell(
                    userIDs: others.filter { $0 != writer.userID }, kind: .outcomeReportFiled, actorID: writer.userID,
                    requestID: nil, exchangeID: exchangeID,
                    detail: { Catalogs.bundled.text("report.notice.filed", $0, ["side": Catalogs.bundled.text(side.labelKey, $0)]) }, now: now)
            }
            return FileResult(first: existing == nil, exchangeReported: reported, practice: practice)
        }
    }

    /// `held` → `reported` once the provider and beneficiary sides the exchange has have reported,
    /// through ``Exchanges/changeStatus(_:to:actorID:note:now:)`` (record, column and history agree).
    func markReportedWhenComplete(_ context: ExchangeContext, actorID: UUID?, now: Int) async throws -> Bool {
        guard context.status == .held else { return false }
        let awaited = context.sides.filter { $0 != .partner }
        let filed = Set(try await reports(exchangeID: context.id).map(\.side))
        guard !awaited.isEmpty, awaited.allSatisfy(filed.contains) else { return false }
        try await Exchanges(database: database).changeStatus(context.id, to: .reported, actorID: actorID, note: "", now: now)
        return true
    }
}
