import Foundation

/// Row ids for a bulk import that sort in the order they are made: UUID version 7 (RFC 9562),
/// 48 bits of Unix milliseconds, a 12-bit counter within the millisecond, 62 random bits.
/// Random (version 4) ids land every row at a random page of each b-tree index keyed by them,
/// and pages split half full; ordered ones append. They also avoid Foundation's `UUID()`, which
/// on Linux opens `/dev/urandom` for each id (2-3 % of an import went to `open`).
/// A value type used by one task at a time: the import hands it from batch to batch.
struct TimeOrderedIDs: Sendable {
    private var millisecond: UInt64 = 0
    private var counter: UInt16 = 0

    mutating func next(now: Date = Date()) -> UUID {
        let clock = UInt64(max(0, now.timeIntervalSince1970 * 1_000))
        if clock > millisecond {
            millisecond = clock
            counter = 0
        } else if counter < 0x0FFF {
            counter += 1 // same millisecond, or the clock went back: keep counting from the last id
        } else {
            millisecond += 1 // 4,096 ids in a millisecond: borrow the next one
            counter = 0
        }
        var random = SystemRandomNumberGenerator()
        let bits = random.next() as UInt64
        var bytes = (millisecond << 16 | 0x7000 | UInt64(counter)).bigEndian
        var tail = (bits & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000).bigEndian // RFC 9562 variant
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { target in
            withUnsafeBytes(of: &bytes) { target.copyMemory(from: $0) }
            withUnsafeBytes(of: &tail) { UnsafeMutableRawBufferPointer(rebasing: target[8...]).copyMemory(from: $0) }
        }
        return UUID(uuid: uuid)
    }
}
