import Foundation

/// Cuts the text of a JSON array into parts of whole elements, each a JSON array of its own, so
/// that a large import file is decoded on every core: one `JSONDecoder` pass over 100,000
/// practices (190 MB) took 4 s before the first row could be written. The cut only tracks
/// strings (and their escapes) and nesting; what it does not understand it leaves to the
/// decoder, which reads the whole file and reports the error as before.
enum JSONArrayParts {
    /// The parts of `data`, about `count` of them, in order, or nil when `data` is not one
    /// top-level array of at least `count` elements (the caller then decodes it whole).
    static func split(_ data: Data, into count: Int) -> [Data]? {
        guard count > 1 else { return nil }
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> [Data]? in
            let bytes = bytes.bindMemory(to: UInt8.self)
            var index = 0
            func skipSpaces() {
                while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
            }
            skipSpaces()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
            let open = index
            // The commas between top-level elements, then the closing bracket; each opener
            // nested inside an element, to check that its closer is of the same kind.
            var commas: [Int] = []
            var openers: [UInt8] = []
            var inString = false, close = -1, elementHasText = false
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                if inString {
                    if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                } else {
                    switch byte {
                    case 0x20, 0x0A, 0x0D, 0x09: break
                    case UInt8(ascii: "\""): inString = true; elementHasText = true
                    case UInt8(ascii: "["), UInt8(ascii: "{"): openers.append(byte); elementHasText = true
                    case UInt8(ascii: "]"), UInt8(ascii: "}"):
                        if let opener = openers.popLast() {
                            guard (opener == UInt8(ascii: "[")) == (byte == UInt8(ascii: "]")) else { return nil }
                        } else {
                            // The array's own end: a brace there, or an empty last element, is not JSON.
                            guard byte == UInt8(ascii: "]"), elementHasText else { return nil }
                            close = index
                        }
                    case UInt8(ascii: ","):
                        if openers.isEmpty {
                            guard elementHasText else { return nil }
                            commas.append(index)
                            elementHasText = false
                        }
                    default: elementHasText = true
                    }
                }
                if close >= 0 { break }
                index += 1
            }
            guard close >= 0, !inString else { return nil }
            index = close + 1
            skipSpaces()
            // Something after the array, or too few elements to share: the decoder's business.
            guard index == bytes.count, commas.count + 1 >= count else { return nil }
            // Element i spans from the comma before it (or the bracket) to the comma after it.
            let starts = [open] + commas, ends = commas + [close]
            let elements = starts.count
            return (0..<count).map { part in
                let first = elements * part / count, last = elements * (part + 1) / count - 1
                var text = Data(capacity: ends[last] - starts[first] + 2)
                text.append(UInt8(ascii: "["))
                text.append(contentsOf: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[(starts[first] + 1)..<ends[last]]))
                text.append(UInt8(ascii: "]"))
                return text
            }
        }
    }
}
