/// The central directory of a zip file (APPNOTE 4.3.12–4.3.16): the names of its entries, read with
/// every offset checked against the file's length, so that a hostile upload gives nil, never a crash.
enum ZipDirectory {
    struct Entry {
        var name: String
        var method: Int
        var compressedSize: Int
        var localHeaderOffset: Int
    }

    static func entries(_ bytes: [UInt8]) -> [Entry]? {
        // The end record is in the last 22 bytes plus a comment of at most 65,535.
        let lowest = max(0, bytes.count - 22 - 65_535)
        var end = bytes.count - 22
        while end >= lowest, !(u32(bytes, end) == 0x0605_4B50) { end -= 1 }
        guard end >= lowest, let count = u16(bytes, end + 10), let offset = u32(bytes, end + 16) else { return nil }
        var entries: [Entry] = []
        var position = Int(offset)
        for _ in 0..<min(count, 10_000) {
            guard u32(bytes, position) == 0x0201_4B50, let method = u16(bytes, position + 10),
                  let size = u32(bytes, position + 20), let nameLength = u16(bytes, position + 28),
                  let extraLength = u16(bytes, position + 30), let commentLength = u16(bytes, position + 32),
                  let local = u32(bytes, position + 42), position + 46 + nameLength <= bytes.count
            else { return nil }
            let name = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            entries.append(Entry(name: name, method: method, compressedSize: Int(size), localHeaderOffset: Int(local)))
            position += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    /// The content of a small entry stored without compression (an OpenDocument's `mimetype`).
    static func storedText(_ bytes: [UInt8], _ entry: Entry) -> String? {
        let header = entry.localHeaderOffset
        guard entry.method == 0, entry.compressedSize <= 200, u32(bytes, header) == 0x0403_4B50,
              let nameLength = u16(bytes, header + 26), let extraLength = u16(bytes, header + 28) else { return nil }
        let start = header + 30 + nameLength + extraLength
        guard start + entry.compressedSize <= bytes.count else { return nil }
        return String(decoding: bytes[start..<(start + entry.compressedSize)], as: UTF8.self)
    }

    static func u16(_ bytes: [UInt8], _ at: Int) -> Int? {
        guard at >= 0, at + 2 <= bytes.count else { return nil }
        return Int(bytes[at]) | Int(bytes[at + 1]) << 8
    }

    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32? {
        guard at >= 0, at + 4 <= bytes.count else { return nil }
        return UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
