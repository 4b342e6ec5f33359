import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The six-month follow-ups of outcome reports (``FollowUp``): one a report, asked of a report that
/// announced adaptations (``CooperationReminders`` sends the reminder), filed and changed by the
/// people who may file the report's side.
public struct FollowUps: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }

    public struct Filed: Sendable {
        public var reportID: Int
        public var authorName: String?
        public var followUp: FollowUp
        public var filedAt: Int
    }

    public func followUp(reportID: Int) async throws -> Filed? {
        guard let row = try await sql.raw("""
            SELECT f.report_id, f.record, f.filed_at, u.name AS author_name
            FROM outcome_follow_ups f LEFT JOIN users u ON u.id = f.author_id WHERE f.report_id = \(bind: reportID)
            """).first() else { return nil }
        return Filed(reportID: reportID, authorName: try row.decode(column: "author_name", as: String?.self),
                     followUp: try RecordJSON.decode(FollowUp.self, try row.decode(column: "record", as: String.self)),
                     filedAt: try row.decode(column: "filed_at", as: Int.self))
    }

    /// Files (or changes) the follow-up of `report`, which must have announced adaptations
    /// (``OutcomeReports/FileError/notReportable`` otherwise); invalid ones throw the issues.
    public func file(_ followUp: FollowUp, of report: OutcomeReports.Filed, by writer: PracticeWrites.Writer, now: Int) async throws {
        guard !report.report.adaptations.isEmpty else { throw OutcomeReports.FileError.notReportable }
        func day(_ time: Int) -> String { ISODay.format(Date(timeIntervalSince1970: TimeInterval(time))) }
        let issues = FollowUpValidation.issues(in: followUp, adaptations: report.report.adaptations.count,
                                               reportedOn: day(report.filedAt), today: day(now))
        guard issues.isEmpty else { throw OutcomeReports.FileError.invalid(issues) }
        let record = try RecordJSON.encode(followUp)
        try await database.atomically { tx in
            let sql = tx as! any SQLDatabase
            let existing = try await FollowUps(database: tx).followUp(reportID: report.id)
            if existing != nil {
                try await sql.raw("""
                    UPDATE outcome_follow_ups SET language = \(bind: followUp.language.rawValue), adopted_count = \(bind: followUp.adoptedCount),
                      record = \(bind: record), demo = \(bind: followUp.demo), filed_at = \(bind: now)
                    WHERE report_id = \(bind: report.id)
                    """).run()
            } else {
                try await sql.raw("""
                    INSERT INTO outcome_follow_ups (report_id, author_id, language, adopted_count, record, demo, filed_at)
                    VALUES (\(bind: report.id), \(bind: writer.userID), \(bind: followUp.language.rawValue), \(bind: followUp.adoptedCount),
                      \(bind: record), \(bind: followUp.demo), \(bind: now))
                    """).run()
            }
            var entry = writer.audit
            entry.action = existing == nil ? "report.followUp.filed" : "report.followUp.updated"
            entry.target = "exchange:\(report.exchangeID)"
            entry.detail = report.side.rawValue
            try await AuditLog(database: tx).record(entry)
        }
    }
}
