/// What keeps rendering a post fast whatever is in it. Debian 12's libcmark-gfm (0.29.0.gfm.6)
/// predates upstream's fixes of several quadratic cases (CVE-2023-22483/22484/22486/24824/37463,
/// fixed in gfm.7 to gfm.13), measured here at 100,000 characters: `www._` repeated 4.3 s, a table
/// row of 100,000 pipes 3.5 s, `a<?` repeated 0.9 s, `![[]()` 0.5 s, and a 1,000-column header over
/// 1,000 one-word lines 0.8 s and 10 MB of cells (every row is padded to the header's width).
/// One pass over the bytes counts what those cases need in numbers no real post reaches; past a
/// limit the post is parsed without the extension at fault, or (core syntax) shown as plain text.
/// At the limits each case renders in tens of milliseconds (ForumMarkdownTests measures them).
enum ForumMarkdownLimits {
    struct Plan {
        var extensions: [String]
    }

    /// `<` (inline HTML, comments, declarations and processing instructions are scanned ahead).
    static let angleBrackets = 5_000
    /// `![`: image openers stay on the bracket stack each link's close walks.
    static let imageOpeners = 2_000
    /// `*` and `_`: emphasis delimiters matched against each other.
    static let emphasisDelimiters = 20_000
    /// Autolink extension: `www.` and `@` starts it scans from.
    static let autolinkStarts = 1_000
    static let atSigns = 5_000
    /// Table extension: pipes on one line (cells of a row), and cells once rows are padded.
    static let pipesPerLine = 256
    static let tableCells = 20_000

    /// The extensions to parse with, or nil: show as plain text.
    static func plan(for markdown: String) -> Plan? {
        guard markdown.utf8.count <= ForumMarkdown.maximumLength * 4,
              markdown.count <= ForumMarkdown.maximumLength else { return nil }
        var angles = 0, images = 0, emphasis = 0, wwws = 0, ats = 0
        var pipes = 0, widestRow = 0
        var lines: [(blank: Bool, columns: Int)] = []
        var line = LineShape()
        var last: (UInt8, UInt8, UInt8) = (0, 0, 0)
        for byte in markdown.utf8 {
            switch byte {
            case UInt8(ascii: "<"): angles += 1
            case UInt8(ascii: "["): if last.2 == UInt8(ascii: "!") { images += 1 }
            case UInt8(ascii: "*"), UInt8(ascii: "_"): emphasis += 1
            case UInt8(ascii: "@"): ats += 1
            case UInt8(ascii: "."): if last == (119, 119, 119) { wwws += 1 }  // "www"
            case UInt8(ascii: "|"): pipes += 1
            case UInt8(ascii: "\n"):
                widestRow = max(widestRow, pipes)
                pipes = 0
                lines.append((line.blank, line.delimiterColumns))
                line = LineShape()
            default: break
            }
            if byte != UInt8(ascii: "\n") { line.add(byte) }
            last = (last.1, last.2, byte | (byte >= 65 && byte <= 90 ? 0x20 : 0))
        }
        widestRow = max(widestRow, pipes)
        lines.append((line.blank, line.delimiterColumns))
        guard angles <= angleBrackets, images <= imageOpeners, emphasis <= emphasisDelimiters else { return nil }
        var extensions = ["strikethrough"]
        if widestRow <= pipesPerLine, paddedCells(lines) <= tableCells { extensions.append("table") }
        if wwws <= autolinkStarts, ats <= atSigns { extensions.append("autolink") }
        return Plan(extensions: extensions)
    }

    /// Cells a table would have if each delimiter-like line began one: its columns times the lines
    /// up to the next blank line (where any table ends).
    private static func paddedCells(_ lines: [(blank: Bool, columns: Int)]) -> Int {
        var cells = 0
        var following = 0
        for line in lines.reversed() {
            if line.columns > 0 { cells += line.columns * following }
            following = line.blank ? 0 : following + 1
        }
        return cells
    }

    /// A post too long or too costly to parse, as escaped paragraphs (blank lines between them,
    /// line breaks kept): readable, and linear in its length.
    static func plainHTML(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 64)
        let paragraphs = text.split(separator: "\n\n", omittingEmptySubsequences: true)
        for paragraph in paragraphs where !paragraph.allSatisfy(\.isWhitespace) {
            output.append(contentsOf: "<p>".utf8)
            for (number, line) in paragraph.split(separator: "\n").enumerated() {
                if number > 0 { output.append(contentsOf: "<br>\n".utf8) }
                HTMLEscaping.append(String(line), to: &output)
            }
            output.append(contentsOf: "</p>\n".utf8)
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// One line as the table extension would read it: blank, or a delimiter row (only `|`, `:`, `-`
/// and spaces, with a pipe and a dash) and how many columns it has.
private struct LineShape {
    var blank = true
    var delimiterLike = true
    var hasPipe = false
    var dashRuns = 0
    var inDashes = false

    mutating func add(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
            inDashes = false
        case UInt8(ascii: "-"):
            blank = false
            if !inDashes { dashRuns += 1 }
            inDashes = true
        case UInt8(ascii: "|"):
            blank = false
            hasPipe = true
            inDashes = false
        case UInt8(ascii: ":"):
            blank = false
        default:
            blank = false
            delimiterLike = false
        }
    }

    var delimiterColumns: Int { delimiterLike && hasPipe ? dashRuns : 0 }
}
