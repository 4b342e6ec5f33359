import Foundation

/// The countries' outlines: `Resources/world-110m.json`, made by `scripts/data/world-map.py` from
/// Natural Earth's 1:110m countries (public domain), Equal Earth projection, integer coordinates.
/// Keyed by ISO 3166-1 alpha-2 (Kosovo XK; N. Cyprus drawn with CY, Somaliland with SO; no
/// Antarctica).
public struct WorldMapShapes: Sendable {
    /// ISO alpha-2 code → SVG path data, in view-box units.
    public let paths: [String: String]
    public let width: Double
    public let height: Double

    /// The codes drawn, sorted: the order countries appear in the SVG.
    public var codes: [String] { paths.keys.sorted() }

    private struct File: Decodable {
        var viewBox: [Double]
        var countries: [String: String]
    }

    public init(json: Data) throws {
        let file = try JSONDecoder().decode(File.self, from: json)
        guard file.viewBox.count == 4 else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "viewBox needs four numbers"))
        }
        paths = file.countries
        width = file.viewBox[2]
        height = file.viewBox[3]
    }

    /// The map shipped with the app, read once.
    public static let standard: WorldMapShapes = {
        guard let url = Bundle.module.url(forResource: "world-110m", withExtension: "json", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "world-110m", withExtension: "json"),
              let data = try? Data(contentsOf: url), let shapes = try? WorldMapShapes(json: data) else {
            fatalError("Sources/SankofaPublish/Resources/world-110m.json is missing or malformed")
        }
        return shapes
    }()
}
