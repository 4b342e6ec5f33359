import Foundation
import SankofaCore
import SankofaStore

/// Everything `configure` needs, passed in so tests use their own (Hummingbird-style).
public struct AppSettings: Sendable {
    public var database: DatabaseSettings
    /// PostgreSQL schema to work in; tests give each suite its own.
    public var searchPath: [String]?
    /// Public address of the site, for absolute links (`SANKOFA_BASE_URL`).
    public var baseURL: String
    /// Run migrations during `configure` (tests, the run script); production runs `sankofa migrate`.
    public var autoMigrate: Bool
    /// Cache rendered anonymous pages (off in tests that count renders).
    public var pageCache: Bool

    public init(database: DatabaseSettings, searchPath: [String]? = nil, baseURL: String = "http://127.0.0.1:8080",
                autoMigrate: Bool = false, pageCache: Bool = true) {
        self.database = database
        self.searchPath = searchPath
        self.baseURL = baseURL
        self.autoMigrate = autoMigrate
        self.pageCache = pageCache
    }

    /// Settings from the process environment (see the README's configuration section).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppSettings {
        AppSettings(
            database: try DatabaseSettings(url: environment["DATABASE_URL"]),
            baseURL: environment["SANKOFA_BASE_URL"] ?? "http://127.0.0.1:\(environment["PORT"] ?? "8080")",
            autoMigrate: environment["SANKOFA_AUTO_MIGRATE"] == "1"
        )
    }
}
