import SankofaStore
import Vapor

/// `/metrics` in the Prometheus text format, for the addresses and token of ``MetricsAccess``.
/// The outbox and digest figures are read from the database here, at scrape time (they are the
/// whole site's, every node's); the rest was counted by this process as requests went by.
struct MetricsController: RouteCollection {
    let metrics: SiteMetrics

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.metrics, use: scrape)
    }

    func scrape(_ request: Request) async throws -> Response {
        guard request.application.settings.metricsAccess.allows(
            client: request.clientAddress, authorization: request.headers.first(name: .authorization))
        else { throw Abort(.notFound) }
        metrics.update(try await OperationsCounts.read(on: request.db))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 << 10)
        metrics.registry.emit(into: &bytes)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: bytes)))
    }
}
