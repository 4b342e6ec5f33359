import Foundation
@testable import SankofaStore
import Testing

@Suite("Time-ordered row ids")
struct TimeOrderedIDsTests {
    static func bytes(_ id: UUID) -> [UInt8] { withUnsafeBytes(of: id.uuid) { Array($0) } }

    /// Ids sort (as bytes, which is how both engines compare them) in the order they were made,
    /// within one millisecond (past the 12-bit counter), across milliseconds and when the clock
    /// goes back; each carries version 7, the RFC variant and the time it was made.
    @Test func idsSortInTheOrderTheyWereMade() {
        var ids = TimeOrderedIDs()
        let start = Date(timeIntervalSince1970: 1_790_000_000.123)
        var made: [UUID] = []
        for _ in 0..<5_000 { made.append(ids.next(now: start)) } // one millisecond: counter, then borrowing
        for n in 1...200 { made.append(ids.next(now: start.addingTimeInterval(Double(n) / 1_000))) }
        made.append(ids.next(now: start.addingTimeInterval(-60))) // the clock went back a minute
        let raw = made.map(Self.bytes)
        for (earlier, later) in zip(raw, raw.dropFirst()) {
            #expect(earlier.lexicographicallyPrecedes(later))
        }
        #expect(Set(made).count == made.count)
        for id in raw {
            #expect(id[6] >> 4 == 7)
            #expect(id[8] >> 6 == 0b10)
        }
        let millisecond = raw[0][0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(millisecond == 1_790_000_000_123)
    }
}
