import Foundation
import SankofaCore

/// The pieces every chart shares: escaped text, short coordinates, a rough text width, the
/// opening of an accessible `<svg>`. Charts are plain strings made on the server, placed raw in
/// pages and in the annual report's PDF (WeasyPrint), so every caller-given string goes through
/// `HTMLEscaping` here and only SVG that WeasyPrint draws is used (presentation attributes, no
/// CSS variables, no `foreignObject`, no scripts).
enum ChartSVG {
    /// Text for an element's content or a quoted attribute.
    static func text(_ string: String) -> String { HTMLEscaping.escape(string) }

    /// A coordinate with at most one decimal ("12", "12.5"): shorter pages, same drawing.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.1f", rounded)
    }

    /// An id made safe for `id` and `url(#…)`: letters, digits, `-` and `_` only.
    static func identifier(_ id: String) -> String {
        let kept = id.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        let string = String(String.UnicodeScalarView(kept))
        return string.isEmpty ? "chart" : string
    }

    /// The opening tag and the accessible name. A chart without links is one image to assistive
    /// technology (`role="img"`); a chart with links is a group, so that its links stay reachable
    /// (an image's children are presentational, and axe refuses focusable content inside one).
    /// `direction="ltr"` always: the layout is mirrored by hand for right-to-left languages, so
    /// `text-anchor` means the same side in browsers (which would inherit `dir="rtl"`) and in
    /// WeasyPrint (which ignores direction for anchoring).
    static func open(id: String, width: Double, height: Double, title: String, description: String,
                     interactive: Bool, className: String) -> String {
        let role = interactive ? "group" : "img"
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\""
        svg += " class=\"\(className)\" role=\"\(role)\" aria-labelledby=\"\(id)-title \(id)-desc\" direction=\"ltr\""
        svg += " font-size=\"\(number(ChartStyle.fontSize))\" fill=\"\(ChartStyle.ink)\">"
        svg += "<title id=\"\(id)-title\">\(text(title))</title><desc id=\"\(id)-desc\">\(text(description))</desc>"
        return svg
    }

    /// A rough width of `string` at `fontSize`, without fonts: wide (CJK, full-width) characters
    /// count one em, digits and Latin, Cyrillic and Arabic letters a little over half. Used only to
    /// leave room and to wrap long labels, never to cut them.
    static func width(_ string: String, fontSize: Double) -> Double {
        var ems = 0.0
        for scalar in string.unicodeScalars {
            switch scalar.value {
            case 0x20: ems += 0.3
            case 0x0300...0x036F, 0x064B...0x065F, 0x200B...0x200F: break  // combining marks and bidi controls
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
                ems += 1.0
            case 0x41...0x5A, 0x0410...0x042F: ems += 0.68  // capitals
            default: ems += 0.58
            }
        }
        return ems * fontSize
    }

    /// `string` broken into lines no wider than `maxWidth` (at word boundaries, or between
    /// characters in scripts written without spaces), at most `maxLines`; the last line keeps the rest.
    static func wrap(_ string: String, maxWidth: Double, fontSize: Double, maxLines: Int = 3) -> [String] {
        let words = string.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var lines: [String] = []
        var current = ""
        for word in words {
            let candidate = current.isEmpty ? word : current + " " + word
            if width(candidate, fontSize: fontSize) <= maxWidth || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        // A single long run without spaces (Chinese): cut it between characters.
        lines = lines.flatMap { line -> [String] in
            guard width(line, fontSize: fontSize) > maxWidth, !line.contains(" ") else { return [line] }
            var pieces: [String] = [], piece = ""
            for character in line {
                if !piece.isEmpty && width(piece + String(character), fontSize: fontSize) > maxWidth {
                    pieces.append(piece)
                    piece = ""
                }
                piece.append(character)
            }
            if !piece.isEmpty { pieces.append(piece) }
            return pieces
        }
        if lines.count > maxLines {
            let rest = lines[(maxLines - 1)...].joined(separator: " ")
            lines = Array(lines[..<(maxLines - 1)]) + [rest]
        }
        return lines.isEmpty ? [""] : lines
    }

    /// A country of the map or of its legend: a link to `href` when there is one, else a group,
    /// `tooltip` (already escaped `<title>`) before the drawn `content`.
    static func country(_ code: String, href: String?, tooltip: String, content: String) -> String {
        let data = "class=\"country\" data-country=\"\(text(code))\""
        guard let href else { return "<g \(data)>\(tooltip)\(content)</g>" }
        return "<a href=\"\(text(href))\" \(data)>\(tooltip)\(content)</a>"
    }

    /// `<text>` at (x, y), its end or start at x: `anchorEnd` is the literal right side.
    static func label(_ string: String, x: Double, y: Double, anchorEnd: Bool, extra: String = "") -> String {
        let anchor = anchorEnd ? " text-anchor=\"end\"" : ""
        return "<text x=\"\(number(x))\" y=\"\(number(y))\"\(anchor)\(extra)>\(text(string))</text>"
    }
}

/// Colours and sizes of the charts, chosen to read on screen, in greyscale print and by readers
/// with colour blindness.
public enum ChartStyle {
    /// Text colour (contrast 15:1 on white).
    public static let ink = "#222222"
    /// Axes and grid lines.
    static let rule = "#8a8a8a"
    /// Bars and lines: viridis' dark blue, dark enough for white text and for print.
    static let mark = "#3b528b"
    static let fontSize = 13.0
    /// The "no data" hatch, drawn in a 12 × 12 tile: light grey with darker diagonals, told apart
    /// from every class by texture, not only by tone. The map's pattern and the PDF legend's swatch.
    static let hatchTile = "<rect width=\"12\" height=\"12\" fill=\"#f4f4f4\"/><path d=\"M0 12L12 0M-3 3L3-3M9 15L15 9\" stroke=\"#9b9b9b\" stroke-width=\"2\"/>"

    /// The side of a flow square, `side` for the largest value: its area is proportional to the value.
    static func squareSide(_ value: Double, largest: Double, side: Double) -> Double {
        largest > 0 && value.isFinite ? sqrt(max(value, 0) / largest) * side : 0
    }

    /// The largest finite value of a flow matrix's cells (0 when none).
    static func largest(_ cells: [[FlowChart.Cell?]]) -> Double {
        cells.flatMap { $0.compactMap { $0?.value } }.filter(\.isFinite).max() ?? 0
    }

    /// The map's sequential scale, lowest class first: five samples of viridis, whose lightness
    /// falls strictly as values rise (CIE L* about 91, 75, 55, 37, 15), so classes stay apart in
    /// greyscale and for every common colour-vision deficiency.
    public static let sequentialRamp = ["#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"]

    /// The ramp for `count` classes (1…5): evenly spread samples, keeping the order.
    public static func ramp(classes count: Int) -> [String] {
        let n = min(max(count, 1), sequentialRamp.count)
        if n == 1 { return [sequentialRamp[2]] }
        let last = sequentialRamp.count - 1
        return (0..<n).map { sequentialRamp[Int((Double($0 * last) / Double(n - 1)).rounded())] }
    }

    /// CIE L* (0 black … 100 white) of a `#rrggbb` colour: its lightness in greyscale.
    public static func lightness(_ hex: String) -> Double {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return 0 }
        func linear(_ channel: UInt32) -> Double {
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let y = 0.2126 * linear(value >> 16 & 0xFF) + 0.7152 * linear(value >> 8 & 0xFF) + 0.0722 * linear(value & 0xFF)
        return y > 216.0 / 24389 ? 116 * cbrt(y) - 16 : y * 24389 / 27
    }
}
