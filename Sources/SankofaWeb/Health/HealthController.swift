import SankofaStore
import Vapor

/// `/healthz`: 200 with the engine's name when the database answers, 503 otherwise.
struct HealthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.health, use: health)
    }

    struct Health: Content {
        var status: String
        var database: String
    }

    func health(_ request: Request) async throws -> Response {
        let engine = request.application.settings.database.engineName
        let ok = await DatabaseHealth.check(request.db)
        let response = Response(status: ok ? .ok : .serviceUnavailable)
        try response.content.encode(Health(status: ok ? "ok" : "unavailable", database: engine))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
