import Foundation
import SankofaCore
import SankofaStore
import Vapor

extension AdminController {
    /// Refused requests that have no audit line of their own (`Request.recordDenial`): visitors',
    /// and members' past the hourly number the audit log keeps, counted per hour and route.
    func deniedRequests(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.readAuditLog)
        let counts = try await DeniedRequests(database: request.db).counts(limit: 200)
        func t(_ key: String) -> String { request.t(key, language) }
        let page = AdminTablePage(
            heading: t("denied.heading"),
            columns: [t("denied.hour"), t("denied.route"), t("audit.who"), t("denied.hits")],
            rows: counts.map { [Self.when($0.hour, language), $0.route, $0.actor.isEmpty ? t("denied.visitor") : $0.actor,
                                NumberFormatting.integer($0.hits, language)] },
            filters: [], action: "", empty: counts.isEmpty ? t("denied.empty") : nil)
        return try await request.render("admin/table", page, language: language, title: page.heading, section: .admin)
    }
}
