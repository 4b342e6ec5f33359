import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Outcome reports and their follow-ups in an exchanges file. An import restores them as they
/// were filed (dates included, no author: accounts do not travel), without what filing does
/// besides (notices, the exchange's move to `reported`, a practice's maturity or a new draft):
/// those happened where the report was filed, and the exchange's status travels with it.
extension CooperationTransfer {
    public struct ReportEntry: Codable, Sendable, Equatable {
        public var side: ExchangeSide
        /// ISO day it was filed: the six-month follow-up is counted from it.
        public var filedOn: String
        public var report: OutcomeReport
        public var followUp: FollowUp?
        /// ISO day the follow-up was filed.
        public var followUpOn: String?

        public init(side: ExchangeSide, filedOn: String, report: OutcomeReport, followUp: FollowUp? = nil, followUpOn: String? = nil) {
            self.side = side
            self.filedOn = filedOn
            self.report = report
            self.followUp = followUp
            self.followUpOn = followUpOn
        }
    }

    static func day(_ time: Int) -> String { ISODay.format(Date(timeIntervalSince1970: TimeInterval(time))) }

    static func reports(of exchangeID: Int, on database: any Database) async throws -> [ReportEntry] {
        var entries: [ReportEntry] = []
        for filed in try await OutcomeReports(database: database).reports(exchangeID: exchangeID) {
            let followUp = try await FollowUps(database: database).followUp(reportID: filed.id)
            entries.append(ReportEntry(side: filed.side, filedOn: day(filed.filedAt), report: filed.report, followUp: followUp?.followUp,
                                       followUpOn: followUp.map { day($0.filedAt) }))
        }
        return entries
    }

    /// What the rules say of an entry's reports, as `reports[J].FIELD: REASON`.
    static func issues(in reports: [ReportEntry], exchange: ExchangeRecord, today: String) -> [String] {
        var problems: [String] = []
        let sides = Set(exchange.parties.map(\.side))
        let rules = OutcomeReportValidation.Exchange(themes: exchange.themes, startsOn: exchange.startsOn)
        if !reports.isEmpty && ![.held, .reported].contains(exchange.status) {
            problems.append("reports: only a held or reported exchange has reports")
        }
        if Set(reports.map(\.side)).count != reports.count { problems.append("reports: one report per side") }
        for (index, entry) in reports.enumerated() {
            let at = "reports[\(index)]"
            if !sides.contains(entry.side) { problems.append("\(at).side: the exchange has no \(entry.side.rawValue) side") }
            if ISODay.parse(entry.filedOn) == nil || entry.filedOn < exchange.startsOn || entry.filedOn > today {
                problems.append("\(at).filedOn: a day between the exchange's start and today")
            }
            problems += OutcomeReportValidation.issues(in: entry.report, exchange: rules).map { "\(at).\($0.field): \($0.description)" }
            guard let followUp = entry.followUp else { continue }
            if entry.report.adaptations.isEmpty { problems.append("\(at).followUp: only a report that announced adaptations has one") }
            let on = entry.followUpOn ?? ""
            if ISODay.parse(on) == nil || on < entry.filedOn || on > today { problems.append("\(at).followUpOn: a day between the report and today") }
            problems += FollowUpValidation.issues(in: followUp, adaptations: entry.report.adaptations.count, reportedOn: entry.filedOn, today: today)
                .map { "\(at).followUp.\($0.field): \($0.description)" }
        }
        return problems
    }

    /// Replaces the exchange's reports with the file's unless they are the same; whether it did.
    static func writeReports(_ reports: [ReportEntry], exchangeID: Int, on tx: any Database) async throws -> Bool {
        let stored = try await Self.reports(of: exchangeID, on: tx)
        guard stored.count != reports.count || !reports.allSatisfy(stored.contains) else { return false }
        let sql = tx as! any SQLDatabase
        try await sql.raw("""
            DELETE FROM outcome_follow_ups WHERE report_id IN (SELECT id FROM outcome_reports WHERE exchange_id = \(bind: exchangeID))
            """).run()
        try await sql.raw("DELETE FROM outcome_reports WHERE exchange_id = \(bind: exchangeID)").run()
        for (index, entry) in reports.enumerated() {
            let report = entry.report, g = report.gender
            if let slug = report.adaptedPractice, try await PracticeStore(database: tx).find(slug: slug, publishedOnly: true) == nil {
                throw Exchanges.StoreError.invalid([ValidationIssue(field: "reports[\(index)].adaptedPractice", reason: "report.error.practice", detail: slug)])
            }
            let filed = Int(ISODay.parse(entry.filedOn)!.timeIntervalSince1970)
            let id = try await sql.raw("""
                INSERT INTO outcome_reports (exchange_id, side, language, author_id, participants, women, men, unspecified,
                  adapted_practice, record, demo, filed_at, updated_at)
                VALUES (\(bind: exchangeID), \(bind: entry.side.rawValue), \(bind: report.language.rawValue), NULL, \(bind: report.participants),
                  \(bind: g.women), \(bind: g.men), \(bind: g.unspecified), \(bind: report.adaptedPractice), \(bind: try RecordJSON.encode(report)),
                  \(bind: report.demo), \(bind: filed), \(bind: filed))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            try await OutcomeReports(database: tx).writeCapacity(reportID: id, report)
            if let followUp = entry.followUp, let on = entry.followUpOn.flatMap(ISODay.parse) {
                try await sql.raw("""
                    INSERT INTO outcome_follow_ups (report_id, author_id, language, adopted_count, record, demo, filed_at)
                    VALUES (\(bind: id), NULL, \(bind: followUp.language.rawValue), \(bind: followUp.adoptedCount),
                      \(bind: try RecordJSON.encode(followUp)), \(bind: followUp.demo), \(bind: Int(on.timeIntervalSince1970)))
                    """).run()
            }
        }
        return true
    }
}
