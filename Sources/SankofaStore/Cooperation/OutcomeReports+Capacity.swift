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
        for rating in report.capacity {
            try await sql.raw("""
                INSERT INTO outcome_capacity (report_id, theme, before, after)
                VALUES (\(bind: reportID), \(bind: rating.theme.rawValue), \(bind: rating.before), \(bind: rating.after))
                """).run()
        }
    }
}
