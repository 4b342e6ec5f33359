import Foundation
import Leaf
import SankofaStore
import Testing
import Vapor
import VaporTesting
@testable import SankofaWeb

/// `sankofa serve` runs in Vapor's development environment unless told otherwise; Leaf's own
/// renderer turned the template cache off there, so every page read its templates from disk.
@Suite("Templates parsed once")
struct TemplateCacheTests {
    @Test func theTemplateCacheStaysOnInTheDevelopmentEnvironment() async throws {
        let app = try await Application.make(.development)
        do {
            try await configure(app, AppSettings(database: .sqliteMemory, autoMigrate: true, pageCache: false))
            for _ in 0..<2 {
                let response = try await app.get("/en/search?q=prison")
                #expect(response.status == .ok)
            }
            #expect(app.leaf.cache.isEnabled)
            // The search page, its layout and its partials are held, parsed.
            #expect(app.leaf.cache.count >= 2)
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
