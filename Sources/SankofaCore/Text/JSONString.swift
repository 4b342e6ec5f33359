/// A JSON string literal (RFC 8259) written by hand where a whole encoder is not wanted: the open
/// data's rows, a row at a time, and the JSON log lines.
public enum JSONString {
    /// Appends `value` quoted to `out`: quotes, backslashes and control characters escaped (so a
    /// value holding a line break stays on one line), and U+2028/U+2029 too, which JavaScript
    /// reads as line ends; everything else as it is.
    public static func append(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    public static func quoted(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count + 2)
        append(value, to: &out)
        return out
    }
}
