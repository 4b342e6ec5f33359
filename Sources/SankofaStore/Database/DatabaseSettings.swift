import Foundation

/// Which engine to use, from `DATABASE_URL`: `sqlite:PATH`, `sqlite::memory:` or `postgres://…`.
public enum DatabaseSettings: Sendable, Equatable {
    case sqliteFile(String)
    case sqliteMemory
    case postgres(URL)

    public static let defaultPath = "data/sankofa.sqlite"

    public init(url: String?) throws {
        guard let url, !url.isEmpty else { self = .sqliteFile(Self.defaultPath); return }
        if url == "sqlite::memory:" || url == "sqlite::memory" {
            self = .sqliteMemory
        } else if url.hasPrefix("sqlite:") {
            let path = String(url.dropFirst("sqlite:".count)).replacingOccurrences(of: "//", with: "", options: .anchored)
            guard !path.isEmpty else { throw SettingsError.invalid(url) }
            self = .sqliteFile(path)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://"), let parsed = URL(string: url) {
            self = .postgres(parsed)
        } else {
            throw SettingsError.invalid(url)
        }
    }

    public var engineName: String {
        switch self {
        case .sqliteFile, .sqliteMemory: "sqlite"
        case .postgres: "postgresql"
        }
    }

    public enum SettingsError: Error, CustomStringConvertible {
        case invalid(String)
        public var description: String {
            if case .invalid(let url) = self {
                return "DATABASE_URL must be sqlite:PATH, sqlite::memory: or postgres://USER@HOST:PORT/DB (got \(url.prefix(20))…)"
            }
            return "invalid database settings"
        }
    }
}
