import SankofaCore
import SankofaStore
import Vapor

/// `home/index.leaf`: the figures, the newest practices, the regions and pillars with their
/// counts, and the directory's entries.
struct HomePage: Encodable, Sendable {
    struct Figure: Encodable, Sendable { var value: String; var label: String }
    struct Entry: Encodable, Sendable { var label: String; var count: String; var href: String }

    var heading: String
    var lead: String
    var figures: [Figure]
    var newest: [PracticeCard]
    var regions: [Entry]
    var pillars: [Entry]
    var catalogueHref: String
    var directory: [Entry] = []

    init(result: PracticePage, language: Language, request: Request) {
        let catalogs = request.application.catalogs
        heading = request.t("home.heading", language)
        lead = request.t("home.lead", language)
        let countries = (result.facets[.country] ?? []).count
        let regions = (result.facets[.region] ?? []).filter { $0.value != Region.partner.rawValue }
        func figure(_ key: String, _ count: Int) -> Figure {
            // The number stands out on its own; the label is the plural noun that agrees with it.
            Figure(value: NumberFormatting.integer(count, language), label: catalogs.plural(key, count: count, language))
        }
        figures = [
            figure("home.figure.practices", result.total),
            figure("home.figure.countries", countries),
            figure("home.figure.regions", regions.count),
            figure("home.figure.languages", Language.allCases.count),
        ]
        newest = result.practices.map { PracticeCard($0, language, request) }
        let base = SiteURL.practices(language).path
        let regionCounts = Dictionary(uniqueKeysWithValues: regions.map { ($0.value, $0.count) })
        self.regions = Region.southern.map {
            Entry(label: request.t($0.labelKey, language), count: NumberFormatting.integer(regionCounts[$0.rawValue] ?? 0, language),
                  href: "\(base)?region=\($0.rawValue)")
        }
        let pillarCounts = Dictionary(uniqueKeysWithValues: (result.facets[.pillar] ?? []).map { ($0.value, $0.count) })
        pillars = Pillar.allCases.map {
            Entry(label: "\($0.roman). \(request.t($0.labelKey, language))",
                  count: NumberFormatting.integer(pillarCounts[String($0.rawValue)] ?? 0, language),
                  href: "\(base)?pillar=\($0.rawValue)")
        }
        catalogueHref = base
    }
}
