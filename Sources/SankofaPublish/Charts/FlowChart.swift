import Foundation

/// A flow matrix (e.g. exchanges from region × to region) as a grid of proportional squares:
/// each cell a square whose area is proportional to its value, its formatted value beneath it,
/// row labels beside the grid, column labels above it. Squares, unlike ribbons, keep small flows
/// visible and readable in greyscale. Mirrored for right-to-left languages: row labels on the
/// right, the first column on the right. For a PDF made with WeasyPrint, use `html` (SVG text is
/// not shaped there, so Arabic labels would break).
public struct FlowChart: Sendable {
    public struct Cell: Sendable {
        public var value: Double
        public var valueText: String

        /// - value: the number that sets the square's area (zero or more; a suppressed figure: 0).
        /// - valueText: the figure as the page shows it ("12", "fewer than 3").
        public init(value: Double, valueText: String) {
            self.value = value
            self.valueText = valueText
        }
    }

    /// The `<svg>` element, every caller-given string escaped: safe to place raw in a page.
    public let svg: String
    /// The same matrix as an HTML table (headers as `th` with scopes, squares as sized blocks), for
    /// the annual report's PDF: WeasyPrint draws SVG text letter by letter, which breaks Arabic.
    public let html: String

    /// - Parameters:
    ///   - id: unique within the page (letters, digits, `-`), e.g. `"flows-regions"`.
    ///   - title: the chart's accessible name, translated ("Exchanges between regions").
    ///   - description: one translated sentence for screen readers (what a square stands for).
    ///   - rowHeading: translated heading of the rows ("From"), drawn over the row labels.
    ///   - columnHeading: translated heading of the columns ("To"), drawn over the column labels.
    ///   - rows: translated row labels, top first (e.g. `Region.allCases` names).
    ///   - columns: translated column labels, in reading order.
    ///   - cells: `cells[row][column]`; nil for an empty cell (nothing drawn). Rows or columns
    ///     missing from the matrix are drawn empty.
    ///   - rightToLeft: true for Arabic.
    ///   - width: view-box width; the chart scales to its container.
    public init(id: String, title: String, description: String, rowHeading: String, columnHeading: String,
                rows: [String], columns: [String], cells: [[Cell?]], rightToLeft: Bool, width: Double = 640) {
        let id = ChartSVG.identifier(id)
        html = ChartHTML.flow(rowHeading: rowHeading, columnHeading: columnHeading, rows: rows, columns: columns,
                              cells: cells, rightToLeft: rightToLeft)
        let font = ChartStyle.fontSize, margin = 4.0, line = font + 3
        let rowLabelWidth = min((rows.map { ChartSVG.width($0, fontSize: font) } + [ChartSVG.width(rowHeading, fontSize: font)]).max() ?? 0,
                                width * 0.3) + 10
        let columnCount = max(columns.count, 1)
        let cellWidth = (width - 2 * margin - rowLabelWidth) / Double(columnCount)
        let columnLines = columns.map { ChartSVG.wrap($0, maxWidth: cellWidth - 6, fontSize: font, maxLines: 5) }
        let headerHeight = line * Double(1 + (columnLines.map(\.count).max() ?? 1)) + 6
        let cellHeight = max(min(cellWidth, 90), 3 * line)
        let square = cellHeight - line - 12  // the largest square's side; its value sits under it
        let height = margin + headerHeight + cellHeight * Double(rows.count) + margin
        let largest = ChartStyle.largest(cells)

        // The left edge of column `c`, and the side the row labels stand on.
        func columnX(_ c: Int) -> Double {
            rightToLeft ? width - margin - rowLabelWidth - Double(c + 1) * cellWidth : margin + rowLabelWidth + Double(c) * cellWidth
        }
        let rowLabelX = rightToLeft ? width - margin : margin
        let gridLeft = columnX(rightToLeft ? columnCount - 1 : 0), gridRight = gridLeft + cellWidth * Double(columnCount)

        var svg = ChartSVG.open(id: id, width: width, height: height, title: title, description: description,
                                interactive: false, className: "chart flow-chart")
        let headings = " font-weight=\"bold\""
        svg += ChartSVG.label(columnHeading, x: (gridLeft + gridRight) / 2, y: margin + font, anchorEnd: false,
                              extra: " text-anchor=\"middle\"" + headings)
        svg += ChartSVG.label(rowHeading, x: rowLabelX, y: margin + headerHeight - 8, anchorEnd: rightToLeft, extra: headings)
        for (c, lines) in columnLines.enumerated() {
            let centre = columnX(c) + cellWidth / 2
            let first = margin + headerHeight - 8 - line * Double(lines.count - 1)
            for (l, text) in lines.enumerated() {
                svg += ChartSVG.label(text, x: centre, y: first + line * Double(l), anchorEnd: false, extra: " text-anchor=\"middle\"")
            }
        }
        svg += "<g stroke=\"\(ChartStyle.rule)\" stroke-width=\"1\">"
        for r in 0...rows.count {
            let lineY = ChartSVG.number(margin + headerHeight + cellHeight * Double(r))
            let x1 = rightToLeft ? gridLeft : margin, x2 = rightToLeft ? width - margin : gridRight
            svg += "<line x1=\"\(ChartSVG.number(x1))\" x2=\"\(ChartSVG.number(x2))\" y1=\"\(lineY)\" y2=\"\(lineY)\"/>"
        }
        svg += "</g>"
        for (r, label) in rows.enumerated() {
            let top = margin + headerHeight + cellHeight * Double(r)
            let lines = ChartSVG.wrap(label, maxWidth: rowLabelWidth - 10, fontSize: font, maxLines: 3)
            for (l, text) in lines.enumerated() {
                svg += ChartSVG.label(text, x: rowLabelX, y: top + line * Double(l + 1), anchorEnd: rightToLeft)
            }
            for c in 0..<columns.count {
                guard r < cells.count, c < cells[r].count, let cell = cells[r][c] else { continue }
                let centre = columnX(c) + cellWidth / 2
                let side = ChartStyle.squareSide(cell.value, largest: largest, side: square)
                // The arrow is not mirrored by bidi: in Arabic, reading from the right, it must point left.
                let arrow = rightToLeft ? "←" : "→"
                svg += "<g><title>\(ChartSVG.text(label)) \(arrow) \(ChartSVG.text(columns[c])): \(ChartSVG.text(cell.valueText))</title>"
                if side > 0 {
                    let squareTop = top + 4 + (square - side) / 2
                    svg += "<rect x=\"\(ChartSVG.number(centre - side / 2))\" y=\"\(ChartSVG.number(squareTop))\" width=\"\(ChartSVG.number(side))\""
                    svg += " height=\"\(ChartSVG.number(side))\" fill=\"\(ChartStyle.mark)\"/>"
                }
                svg += ChartSVG.label(cell.valueText, x: centre, y: top + cellHeight - 6, anchorEnd: false, extra: " text-anchor=\"middle\"")
                svg += "</g>"
            }
        }
        svg += "</svg>"
        self.svg = svg
    }
}
