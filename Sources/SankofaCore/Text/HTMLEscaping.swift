/// Text made safe to place in HTML or XML, between tags or inside a quoted attribute: the five
/// characters that could end either (`& < > " '`) become references, everything else stays.
/// Used where markup is assembled in Swift (the Handbook's chapters, search snippets), the rest of
/// the pages being escaped by Leaf. Reads UTF-8 bytes: the five are ASCII and never occur inside
/// a multi-byte character, and Leaf's own escaper (one Unicode scalar appended at a time) cost
/// a tenth of the search page's CPU on snippets alone.
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        append(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `text` escaped to `output` (UTF-8).
    public static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): output.append(contentsOf: "&#39;".utf8)
                default: output.append(byte)
                }
            }
        }
    }
}
