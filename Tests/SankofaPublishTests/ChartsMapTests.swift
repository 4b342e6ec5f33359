import Foundation
import SankofaCore
import Testing
@testable import SankofaPublish

/// The choropleth world map: valid SVG, every country titled and linked, escaping, classes,
/// greyscale-readable ramp, right to left, and the size budget.
@Suite("Charts: world map")
struct ChartsMapTests {
    static let shapes = WorldMapShapes.standard

    /// A map as the indicator page would make it: every country with a value, named in `language`.
    static func map(_ language: Language, values: [String: Double]? = nil, rightToLeft: Bool = false,
                    link: (String) -> String? = { "/en/indicators/practices?country=\($0)&theme=youth" }) -> WorldMap {
        let values = values ?? Dictionary(uniqueKeysWithValues: shapes.codes.enumerated().map { ($0.element, Double(($0.offset * 37) % 1500)) })
        let format = { (value: Double) in value.isFinite ? NumberFormatting.integer(Int(value), language) : "?" }
        return WorldMap(id: "map-practices", title: "Published practices by country", description: "Darker countries have more practices.",
                        values: values, formatValue: format,
                        countryTitle: { code in Countries.name(of: code, in: language) + ": " + (values[code].map(format) ?? "no data") },
                        link: link, legendTitle: "Practices", noDataLabel: "No data", rightToLeft: rightToLeft)
    }

    @Test func theShapesCoverTheWorldByISOCode() {
        let codes = Set(Self.shapes.codes)
        #expect(codes.count >= 170)
        #expect(codes.isSuperset(of: ["FR", "NO", "XK", "CY", "SO", "KE", "NG", "BR", "CN", "RU", "US", "FJ"]))
        #expect(!codes.contains("AQ"))
        #expect(codes.allSatisfy { $0.count == 2 && $0.allSatisfy { ("A"..."Z").contains($0) } })
        #expect(codes.subtracting(["XK"]).allSatisfy(Countries.isValid))
        #expect(Self.shapes.width > 1000 && Self.shapes.height > 400)
        #expect(Self.shapes.paths.values.allSatisfy { $0.hasPrefix("M") && $0.hasSuffix("z") })
    }

    @Test func everyCountryHasATitleAndALink() throws {
        let root = try SVGNode.parse(Self.map(.en).svg)
        #expect(root.name == "svg")
        #expect(root.attributes["role"] == "group")
        #expect(root.attributes["aria-labelledby"] == "map-practices-title map-practices-desc")
        #expect(root.children.first?.name == "title" && root.children.first?.text == "Published practices by country")
        #expect(root.children.dropFirst().first?.name == "desc")
        let links = root.elements("a")
        #expect(links.count == Self.shapes.codes.count)
        for link in links {
            let code = try #require(link.attributes["data-country"])
            #expect(link.attributes["href"] == "/en/indicators/practices?country=\(code)&theme=youth")
            #expect(link.children.first?.name == "title")
            #expect(link.children.first?.text.hasPrefix(Countries.name(of: code, in: .en) + ": ") == true)
            #expect(link.elements("path").count == 1)
        }
        let kenya = Self.shapes.codes.firstIndex(of: "KE")! * 37 % 1500
        #expect(links.first { $0.attributes["data-country"] == "KE" }?.children.first?.text == "Kenya: \(NumberFormatting.integer(kenya, .en))")
    }

    @Test func withoutLinksCountriesAreStillTitled() throws {
        let root = try SVGNode.parse(Self.map(.fr, link: { _ in nil }).svg)
        #expect(root.elements("a").isEmpty)
        let countries = root.all.filter { $0.attributes["class"] == "country" }
        #expect(countries.count == Self.shapes.codes.count)
        #expect(countries.allSatisfy { $0.children.first?.name == "title" && !($0.children.first?.text.isEmpty ?? true) })
    }

    @Test func hostileLabelsAreEscaped() throws {
        let hostile = ChartsFixture.hostile
        let map = WorldMap(id: "x\"><script>", title: hostile, description: hostile, values: ["KE": 3, "NG": 9],
                           formatValue: { _ in hostile }, countryTitle: { _ in hostile }, link: { _ in "/x?a=\"><script>" },
                           legendTitle: hostile, noDataLabel: hostile, rightToLeft: false)
        #expect(!map.svg.contains("<script"))
        let root = try SVGNode.parse(map.svg)
        #expect(root.elements("script").isEmpty)
        #expect(root.children.first?.text == hostile)
        #expect(root.elements("a").allSatisfy { $0.attributes["href"] == "/x?a=\"><script>" && $0.children.first?.text == hostile })
        #expect(root.elements("text").contains { $0.text == hostile })
        #expect(root.attributes["aria-labelledby"] == "xscript-title xscript-desc")
    }

    @Test func valuesFallIntoClassesAndMissingOnesAreHatched() throws {
        let values: [String: Double] = ["KE": 1, "NG": 2, "BR": 5, "IN": 20, "CN": 100, "MX": 0, "FR": .nan, "de": .infinity]
        let map = Self.map(.en, values: values)
        #expect(map.classes.count == 5)
        #expect(map.classes.map(\.colour) == ChartStyle.sequentialRamp)
        #expect(map.classes.first?.lowest == 0 && map.classes.last?.highest == 100)
        let root = try SVGNode.parse(map.svg)
        func fill(_ code: String) -> String? {
            root.elements("a").first { $0.attributes["data-country"] == code }?.elements("path").first?.attributes["fill"]
        }
        #expect(fill("MX") == ChartStyle.sequentialRamp[0])
        #expect(fill("CN") == ChartStyle.sequentialRamp[4])
        #expect(fill("FR") == "url(#map-practices-none)" && fill("DE") == "url(#map-practices-none)")
        #expect(root.elements("pattern").first?.attributes["id"] == "map-practices-none")
        // The legend names every class and "no data", with a swatch each.
        let legend = try #require(root.all.first { $0.attributes["class"] == "legend" })
        #expect(legend.elements("text").map(\.text) == ["Practices"] + map.classes.map(\.label) + ["No data"])
        #expect(legend.elements("rect").count == map.classes.count + 1)
    }

    @Test func countriesTooSmallToDrawAreListedAndLinked() throws {
        let values: [String: Double] = ["SG": 12, "BB": 3, "KE": 5, "MU": 3]
        #expect(!Self.shapes.codes.contains("SG") && !Self.shapes.codes.contains("BB") && !Self.shapes.codes.contains("MU"))
        let map = WorldMap(id: "m", title: "t", description: "d", values: values, formatValue: { String(Int($0)) },
                           countryTitle: { Countries.name(of: $0, in: .en) + ": " + (values[$0].map { String(Int($0)) } ?? "no data") },
                           link: { "/en/indicators/practices?country=\($0)" }, legendTitle: "Practices", noDataLabel: "No data",
                           rightToLeft: false, unmappedHeading: "Too small to show on the map")
        #expect(map.unmapped == ["SG", "BB", "MU"])  // largest value first, then by code
        let root = try SVGNode.parse(map.svg)
        let legend = try #require(root.all.first { $0.attributes["class"] == "legend" })
        #expect(legend.elements("text").contains { $0.text == "Too small to show on the map" })
        let listed = legend.elements("a")
        #expect(listed.map { $0.attributes["data-country"] } == ["SG", "BB", "MU"])
        #expect(listed.first?.attributes["href"] == "/en/indicators/practices?country=SG")
        #expect(listed.first?.elements("title").first?.text == "Singapore: 12")
        #expect(listed.first?.elements("text").first?.text == "Singapore: 12")
        let singapore = listed.first?.elements("rect").first?.attributes["fill"]
        #expect(singapore == map.classes.last?.colour)
        // Every country with a value is reachable: drawn ones and listed ones, each titled and linked once.
        #expect(Set(root.elements("a").compactMap { $0.attributes["data-country"] }) == Set(Self.shapes.codes).union(["SG", "BB", "MU"]))
        let html = try SVGNode.parse(map.legendHTML)
        #expect(html.elements("a").map { $0.attributes["href"] } == ["SG", "BB", "MU"].map { "/en/indicators/practices?country=\($0)" })
        #expect(html.allText.contains("Too small to show on the map"))
    }

    @Test func fewDistinctValuesMakeFewClassesAndRangesAreLabelled() {
        let few = WorldMap.classify([3, 3, 7], count: 5, format: { String(Int($0)) })
        #expect(few.map(\.label) == ["3", "7"])
        #expect(few.map(\.colour) == ChartStyle.ramp(classes: 2))
        let many = WorldMap.classify((1...100).map(Double.init), count: 4, format: { String(Int($0)) })
        #expect(many.map(\.label) == ["1–25", "26–50", "51–75", "76–100"])
        #expect(WorldMap.classify([], count: 5, format: { "\($0)" }).isEmpty)
    }

    @Test func theRampReadsInGreyscale() {
        // Lightest first from the highest class down: strictly increasing lightness, clearly apart.
        let lightness = ChartStyle.sequentialRamp.reversed().map(ChartStyle.lightness)
        for (darker, lighter) in zip(lightness, lightness.dropFirst()) {
            #expect(lighter > darker + 12, "L* \(darker) then \(lighter)")
        }
        for count in 1...5 {
            let ramp = ChartStyle.ramp(classes: count).map(ChartStyle.lightness)
            #expect(zip(ramp, ramp.dropFirst()).allSatisfy { $0 > $1 })
        }
        #expect(abs(ChartStyle.lightness("#ffffff") - 100) < 0.01 && ChartStyle.lightness("#000000") == 0)
    }

    @Test func theLegendReadsFromTheRightInArabic() throws {
        let root = try SVGNode.parse(Self.map(.ar, rightToLeft: true).svg)
        let legend = try #require(root.all.first { $0.attributes["class"] == "legend" })
        let texts = legend.elements("text")
        #expect(texts.allSatisfy { $0.attributes["text-anchor"] == "end" })
        let width = Self.shapes.width
        #expect(texts.first?.number("x") == width - 8)  // the heading at the right edge
        // On each row of the legend, the swatches run from the right: the first class rightmost.
        let swatches = legend.elements("rect").compactMap { rect in rect.number("y").map { ($0, rect.number("x") ?? 0) } }
        #expect(swatches.first?.1 == width - 8 - 40)
        for row in Set(swatches.map(\.0)) {
            let xs = swatches.filter { $0.0 == row }.map(\.1)
            #expect(xs == xs.sorted(by: >))
        }
        #expect(root.attributes["direction"] == "ltr")  // anchors mean literal sides, whatever the page's dir

        let english = try SVGNode.parse(Self.map(.en).svg)
        let englishLegend = try #require(english.all.first { $0.attributes["class"] == "legend" })
        #expect(englishLegend.elements("text").allSatisfy { $0.attributes["text-anchor"] == nil })
        #expect(englishLegend.elements("text").first?.number("x") == 8)
        #expect(englishLegend.elements("rect").first?.number("x") == 8)
    }

    @Test func theMapStaysUnderItsSizeBudget() throws {
        for language in [Language.en, .ar, .zh] {
            let svg = Self.map(language).svg
            let gzip = try ChartsFixture.gzipSize(svg)
            #expect(gzip < 40_000, "\(language): \(svg.utf8.count) bytes, \(gzip) gzip")
        }
    }
}
