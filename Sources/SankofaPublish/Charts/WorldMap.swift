import Foundation

/// A choropleth world map as inline SVG: each country coloured by the class of its value on a
/// sequential scale (`ChartStyle.sequentialRamp`, lightness falling as values rise), countries
/// without a value hatched in grey, each country a `<title>` and (if the caller gives one) a link,
/// a legend under the map. Made on the server, shown without JavaScript, in pages and in the
/// annual report's PDF. Pages should also give the values as a table, for screen readers.
public struct WorldMap: Sendable {
    /// One class of the scale, as the legend shows it.
    public struct ScaleClass: Sendable, Equatable {
        public var colour: String
        public var lowest: Double
        public var highest: Double
        public var label: String
    }

    /// The `<svg>` element, every caller-given string escaped: safe to place raw in a page.
    public let svg: String
    /// The classes of the scale, lowest first (empty when no country has a value).
    public let classes: [ScaleClass]
    /// The legend as HTML (heading, a swatch and label per class, the hatch for no data, the
    /// countries too small to draw), for the annual report's PDF with `legendInSVG: false`:
    /// WeasyPrint draws SVG text letter by letter, which breaks Arabic. The map has no other text.
    public let legendHTML: String
    /// Codes with a value but no outline at this scale (Singapore, Barbados, Mauritius, most Pacific
    /// states…), largest value first: listed under the legend, each with its swatch, title and link.
    public let unmapped: [String]

    /// - Parameters:
    ///   - id: unique within the page (letters, digits, `-`), prefixes the ids of the title,
    ///     description and hatch pattern, e.g. `"map-practices"`.
    ///   - title: the map's accessible name, translated ("Published practices by country").
    ///   - description: one translated sentence saying what the colours show, read by screen readers.
    ///   - values: ISO 3166-1 alpha-2 code (any case) → the number to colour, e.g. practices per
    ///     country. Pass only countries with a figure: a country absent here is drawn as "no data"
    ///     (so also leave out suppressed figures, and explain them in `countryTitle`). Zero is a value.
    ///   - formatValue: formats a value for the legend in the page's language, e.g.
    ///     `{ NumberFormatting.integer(Int($0), language) }`.
    ///   - countryTitle: the full tooltip of a country, given its code: translated name and
    ///     formatted figure, e.g. "Kenya: 12" or "Chad: fewer than 3" or "Chile: no data". Called
    ///     for every country drawn (`WorldMapShapes.codes`).
    ///   - link: the `href` of a country (already a site path, e.g. from `SiteURL`), or nil for no
    ///     link (the annual report's PDF passes `{ _ in nil }`).
    ///   - legendTitle: translated heading of the legend ("Practices").
    ///   - noDataLabel: translated legend label of the hatched countries ("No data").
    ///   - rightToLeft: true for Arabic: the legend reads from the right. The map itself is never mirrored.
    ///   - classCount: at most this many classes (1…5); fewer when there are fewer distinct values.
    ///   - legendInSVG: false leaves the legend out of `svg` (place `legendHTML` under it instead);
    ///     pages keep the default, the PDF passes false.
    ///   - unmappedHeading: translated heading over the countries with a value that the 110m map
    ///     cannot draw ("Too small to show on the map"); they are listed (by `countryTitle`) even without it.
    ///   - shapes: the outlines; the shipped map by default.
    public init(id: String, title: String, description: String, values: [String: Double],
                formatValue: (Double) -> String, countryTitle: (String) -> String, link: (String) -> String?,
                legendTitle: String, noDataLabel: String, rightToLeft: Bool, classCount: Int = 5,
                legendInSVG: Bool = true, unmappedHeading: String? = nil, shapes: WorldMapShapes = .standard) {
        let id = ChartSVG.identifier(id)
        // Codes in capitals; a value that is not a number (NaN, infinity) is no value.
        let normalised = Dictionary(values.filter { $0.value.isFinite }.map { ($0.key.uppercased(), $0.value) },
                                    uniquingKeysWith: { first, _ in first })
        let classes = Self.classify(Array(normalised.values), count: classCount, format: formatValue)
        self.classes = classes
        let noData = "url(#\(id)-none)"
        func fill(_ code: String) -> String {
            guard let value = normalised[code] else { return noData }
            return (classes.first { value <= $0.highest } ?? classes.last)?.colour ?? noData
        }
        let unmapped = normalised.keys.filter { shapes.paths[$0] == nil }
            .sorted { (normalised[$0]!, $1) > (normalised[$1]!, $0) }
        self.unmapped = unmapped

        var sections = [MapLegend.Section(heading: legendTitle, items: classes.map { .init(fill: $0.colour, label: $0.label) }
                                            + [.init(fill: noData, label: noDataLabel, hatched: true)])]
        if !unmapped.isEmpty {
            sections.append(.init(heading: unmappedHeading, items: unmapped.map {
                .init(fill: fill($0), label: countryTitle($0), href: link($0), code: $0)
            }))
        }
        legendHTML = ChartHTML.legend(sections, rightToLeft: rightToLeft)
        let legend = legendInSVG ? MapLegend(sections: sections, width: shapes.width, top: shapes.height + 24, rightToLeft: rightToLeft) : nil
        let height = legend.map { shapes.height + 24 + $0.height } ?? shapes.height
        var svg = ChartSVG.open(id: id, width: shapes.width, height: height, title: title,
                                description: description, interactive: true, className: "chart world-map")
        svg.reserveCapacity(64_000)
        // The hatch (`ChartStyle.hatchTile`): the lightest class is nearly as light in greyscale.
        svg += "<defs><pattern id=\"\(id)-none\" width=\"12\" height=\"12\" patternUnits=\"userSpaceOnUse\">"
        svg += ChartStyle.hatchTile + "</pattern></defs>"
        svg += "<g class=\"countries\" stroke=\"#ffffff\" stroke-width=\"1\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">"
        for code in shapes.codes {
            guard let path = shapes.paths[code] else { continue }
            let tooltip = "<title>\(ChartSVG.text(countryTitle(code)))</title>"
            let shape = "<path fill=\"\(fill(code))\" d=\"\(path)\"/>"
            svg += ChartSVG.country(code, href: link(code), tooltip: tooltip, content: shape)
        }
        svg += "</g>"
        svg += legend?.svg ?? ""
        svg += "</svg>"
        self.svg = svg
    }

    /// Classes by quantiles of the values (each class about as many countries), bounded by the
    /// values themselves so that no label names a number nobody has; each distinct value its own
    /// class when there are few.
    static func classify(_ values: [Double], count: Int, format: (Double) -> String) -> [ScaleClass] {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return [] }
        let wanted = min(max(count, 1), ChartStyle.sequentialRamp.count)
        var distinct: [Double] = []
        for value in sorted where distinct.last != value { distinct.append(value) }
        var uppers: [Double]
        if distinct.count <= wanted {
            uppers = distinct
        } else {
            uppers = []
            for k in 1...wanted {
                let index = Int((Double(k * sorted.count) / Double(wanted)).rounded(.up)) - 1
                let value = sorted[min(max(index, 0), sorted.count - 1)]
                if uppers.last != value { uppers.append(value) }
            }
        }
        let colours = ChartStyle.ramp(classes: uppers.count)
        var result: [ScaleClass] = []
        var previous = -Double.infinity
        for (index, upper) in uppers.enumerated() {
            let members = sorted.filter { $0 > previous && $0 <= upper }
            let lowest = members.first ?? upper
            let label = lowest == upper ? format(upper) : "\(format(lowest))–\(format(upper))"
            result.append(ScaleClass(colour: colours[index], lowest: lowest, highest: upper, label: label))
            previous = upper
        }
        return result
    }
}
