import Fluent
import Foundation
import SankofaCore
import SQLKit

extension OutcomeReports {
    /// Puts the report's capacity ratings in `outcome_capacity` (one row a theme), replacing what
    /// was there, so that the mean gain by theme is one aggregate on both engines. Called in the
    /// transaction that writes the report (filing, editing, importing); the rows go with the
    /// report when it is deleted (ON DELETE CASCADE).
    func writeCapacity(reportID: Int, _ report: OutcomeReport) async throws {
        try await sql.raw("DELETE FROM outcome_capacity WHERE report_id = \(bind: reportID)").run()
        guard !report.capacity.isEmpty else { return }
        // One statement for the report's ratings (a theme each: a handful of rows).
        let values: [SQLQueryString] = report.capacity.map {
            "(\(bind: reportID), \(bind: $0.theme.rawValue), \(bind: $0.before), \(bind: $0.after))"
        }
        try await sql.raw("INSERT INTO outcome_capacity (report_id, theme, before, after) VALUES \(values.joined(separator: ", "))").run()
    }
}
