import AsyncKit
import Foundation
import SankofaCore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// A request that waited too long for the database (SQLite's one connection held by a long job,
/// or more requests than it serves) is told to try again: a 503 with Retry-After, translated, in
/// HTML and in JSON, never a 500.
@Suite("Busy database")
struct BusyDatabaseTests {
    @Test func aRequestThatWaitedTooLongForTheDatabaseIsToldToTryAgain() async throws {
        try await withTestApp(.sqlite, data: .empty) { app in
            // What the connection pool throws after its timeout, from a page and from the API.
            app.get("ar", "busy-test") { _ -> String in throw ConnectionPoolTimeoutError.connectionRequestTimeout }
            app.get("api", "v1", "busy-test") { _ -> String in throw ConnectionPoolTimeoutError.connectionRequestTimeout }
            let page = try await app.get("/ar/busy-test")
            #expect(page.status == .serviceUnavailable && page.headers.first(name: .retryAfter) == "5")
            #expect(page.text.contains(escapeHTML(Catalogs.bundled.text("error.busy.title", .ar))) && page.text.contains(#"dir="rtl""#))
            let api = try await app.get("/api/v1/busy-test")
            #expect(api.status == .serviceUnavailable && api.headers.first(name: .retryAfter) == "5")
            #expect(api.text.contains(Catalogs.bundled.text("error.busy.message", .en)))
        }
    }
}
