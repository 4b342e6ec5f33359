import Fluent
import Foundation
import SQLKit

/// The site's signing secrets (table `site_secrets`, made by CreateSiteSecrets), read by name.
public struct SiteSecrets: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    public enum Missing: Error { case secret(String) }

    public func value(named name: String) async throws -> String {
        guard let value = try await (database as! any SQLDatabase).raw("SELECT value FROM site_secrets WHERE name = \(bind: name)")
            .first()?.decode(column: "value", as: String.self) else { throw Missing.secret(name) }
        return value
    }

    /// 32 random bytes, hex: from the system's generator (SystemRandomNumberGenerator).
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
