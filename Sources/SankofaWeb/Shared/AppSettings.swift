import Foundation
import SankofaPublish
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
    /// Cache rendered anonymous pages and API answers (off in tests that count renders;
    /// `SANKOFA_PAGE_CACHE=0` turns it off, search results included, to measure the pages themselves).
    public var pageCache: Bool
    /// Cache anonymous search results too (`SANKOFA_SEARCH_CACHE=0` turns it off, to measure searches).
    public var searchCache: Bool = true
    /// Session timeouts in seconds: idle and absolute (ASVS 3.3).
    public var sessionIdle: Int = 30 * 60
    public var sessionAbsolute: Int = 12 * 3600
    /// Bcrypt cost; 12 or more (ASVS 2.4.4).
    public var bcryptCost: Int = 12
    /// `SMTP_URL`: smtp://user:password@host:port; without it, mail waits in the outbox.
    public var smtpURL: String?
    /// `SMTP_FROM` (`Name <address>`): the sender of the site's mail; without it
    /// `Sankofa <no-reply@HOST>` with the host of `baseURL`.
    public var smtpFrom: String?
    /// `SANKOFA_MAIL_RETENTION_DAYS`: how long mail is kept once sent or given up on (default 30).
    public var mailRetentionDays = 30
    /// The Handbook's folder (`SANKOFA_HANDBOOK_DIR`), the formats the site builds, and WeasyPrint
    /// (`SANKOFA_WEASYPRINT`, else the `weasyprint` on `PATH`).
    public var handbook = HandbookSettings(directory: "data/handbook", formats: BookFormat.allCases, weasyPrint: WeasyPrint.locate())
    /// `SANKOFA_TRUSTED_PROXIES`: whose `X-Forwarded-For` names the client (default: nobody's).
    var trustedProxies = TrustedProxies()
    /// `SANKOFA_METRICS_ALLOW`, `SANKOFA_METRICS_TOKEN`: who may read `/metrics` (default: loopback).
    var metricsAccess = MetricsAccess()
    /// Where search counts and ranking stop being exact (tests make them small).
    public var searchLimits = SearchLimits.standard
    /// `SANKOFA_ATTACHMENT_MAX_BYTES`: the largest file a forum post may carry (default 10 MB).
    public var attachmentMaxBytes = 10 << 20
    /// `SANKOFA_API_RATE_ANONYMOUS`, `SANKOFA_API_RATE_TOKEN`: API requests a minute per source
    /// address without a token, and per token (0: no limit; default 60 and 600).
    public var apiRateLimits = APIRateLimits.standard

    public var https: Bool { baseURL.hasPrefix("https://") }

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
        var settings = AppSettings(
            database: try DatabaseSettings(url: environment["DATABASE_URL"]),
            baseURL: environment["SANKOFA_BASE_URL"] ?? "http://127.0.0.1:\(environment["PORT"] ?? "8080")",
            autoMigrate: environment["SANKOFA_AUTO_MIGRATE"] == "1"
        )
        settings.smtpURL = environment["SMTP_URL"]
        settings.smtpFrom = environment["SMTP_FROM"].flatMap { $0.isEmpty ? nil : $0 }
        if let days = environment["SANKOFA_MAIL_RETENTION_DAYS"].flatMap(Int.init), days >= 0 { settings.mailRetentionDays = days }
        settings.handbook.directory = environment["SANKOFA_HANDBOOK_DIR"] ?? settings.handbook.directory
        settings.handbook.weasyPrint = WeasyPrint.locate(environment: environment)
        settings.pageCache = environment["SANKOFA_PAGE_CACHE"] != "0"
        settings.searchCache = environment["SANKOFA_SEARCH_CACHE"] != "0"
        settings.trustedProxies = TrustedProxies(environment["SANKOFA_TRUSTED_PROXIES"] ?? "")
        settings.metricsAccess = MetricsAccess(allow: environment["SANKOFA_METRICS_ALLOW"], token: environment["SANKOFA_METRICS_TOKEN"])
        if let bytes = environment["SANKOFA_ATTACHMENT_MAX_BYTES"].flatMap(Int.init), bytes > 0 { settings.attachmentMaxBytes = bytes }
        if let anonymous = environment["SANKOFA_API_RATE_ANONYMOUS"].flatMap(Int.init) { settings.apiRateLimits.anonymous = anonymous > 0 ? anonymous : nil }
        if let token = environment["SANKOFA_API_RATE_TOKEN"].flatMap(Int.init) { settings.apiRateLimits.token = token > 0 ? token : nil }
        if let idle = environment["SANKOFA_SESSION_IDLE_MINUTES"].flatMap(Int.init) { settings.sessionIdle = idle * 60 }
        if let absolute = environment["SANKOFA_SESSION_ABSOLUTE_HOURS"].flatMap(Int.init) { settings.sessionAbsolute = absolute * 3600 }
        return settings
    }
}
