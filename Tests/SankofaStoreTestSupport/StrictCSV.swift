import Testing

/// RFC 4180, strictly, for the tests of every CSV file the site writes (the directory's export,
/// the indicators' files, the open data): fields quoted when they hold a comma, a quote (doubled
/// inside) or a line break, records ended by CRLF, the last one too. Anything else fails the
/// test that reads the file.
public enum StrictCSV {
    public static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false, afterQuote = false
        // By Unicode scalar: "\r\n" is one Character, and a lone "\n" must be told from it.
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" { scalars.removeFirst(); field.unicodeScalars.append("\"") } else { quoted = false; afterQuote = true }
                } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"" where field.isEmpty && !afterQuote: quoted = true
            case ",": record.append(field); field = ""; afterQuote = false
            case "\r":
                #expect(scalars.popFirst() == "\n", "a CR not followed by LF outside quotes")
                record.append(field); records.append(record); record = []; field = ""; afterQuote = false
            default:
                #expect(!afterQuote && c != "\n" && c != "\"", "unquoted \(c) in a field")
                field.unicodeScalars.append(c)
            }
        }
        #expect(field.isEmpty && record.isEmpty, "the last record is not ended by CRLF")
        return records
    }
}
