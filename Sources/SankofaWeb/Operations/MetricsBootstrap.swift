import Metrics
import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// `sankofa serve`: swift-metrics' factory for the whole process is this application's registry,
/// so that a library recording through swift-metrics shows in the same `/metrics`.
/// `MetricsSystem.bootstrap` may run once a process (it traps the second time): the guard makes
/// a second call do nothing. Tests never call it; each test application keeps its own registry.
public func bootstrapMetricsSystem(_ app: Application) {
    let first = MetricsBootstrap.done.withLockedValue { done in
        defer { done = true }
        return !done
    }
    guard first else { return }
    MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: app.siteMetrics.registry))
}

private enum MetricsBootstrap {
    static let done = NIOLockedValueBox(false)
}
