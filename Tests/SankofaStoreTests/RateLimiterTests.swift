import Foundation
import SankofaStore
import Testing
import SankofaStoreTestSupport

/// The database rate limiter: a sliding count over two fixed windows, the same on both engines.
@Suite("Rate limiter")
struct RateLimiterTests {
    @Test(arguments: TestEngine.all)
    func crossingAWindowBoundaryDoesNotResetTheCount(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let limiter = RateLimiter(database: db)
            let limit = RateLimiter.Limit(5, per: 100)
            // Five hits at the end of one window are allowed, the sixth is not.
            var answers: [Int?] = []
            for second in 195...199 { answers.append(try await limiter.hit("login:a", limit, now: second)) }
            #expect(answers.allSatisfy { $0 == nil })
            let sixth = try await limiter.hit("login:a", limit, now: 199)
            #expect(sixth != nil)
            // Just after the boundary the previous window still counts almost fully: refused.
            let afterBoundary = try await limiter.hit("login:a", limit, now: 201)
            #expect(afterBoundary != nil)
            // Late in the next window, the old hits weigh little: allowed again.
            let late = try await limiter.hit("login:a", limit, now: 290)
            #expect(late == nil)
            // Another bucket is independent.
            let other = try await limiter.hit("login:b", limit, now: 201)
            #expect(other == nil)
        }
    }
}
