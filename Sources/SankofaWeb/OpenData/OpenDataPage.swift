import Foundation
import SankofaCore
import SankofaPublish
import Vapor

/// `open-data/index.leaf`: what the open data holds and under which terms, the download (or
/// that it is being prepared), the catalogue for data portals, and the data dictionary in the
/// reader's language: each dataset, each column with its type and meaning.
struct OpenDataPage: Encodable, Sendable {
    struct Column: Encodable, Sendable { var name: String; var type: String; var meaning: String }
    struct Dataset: Encodable, Sendable {
        var name: String
        var title: String
        var description: String
        var files: String
        var rows: String?
        var columns: [Column]
    }
    struct Section: Encodable, Sendable { var heading: String; var text: String }

    var heading: String
    var lead: String
    var download: Layout.Link?
    /// "Built on 7 December 2026 · 12 MB", or that the first build is under way.
    var status: String
    var catalog: Layout.Link
    var licence: Layout.Link
    var sections: [Section]
    var datasets: [Dataset]

    init(request: Request, language: Language, manifest: OpenDataService.Manifest?) {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, language, arguments) }
        heading = t("openData.title")
        lead = t("openData.lead")
        if let manifest {
            download = Layout.Link(href: SiteURL.openDataFile.path, label: t("openData.download"))
            let size = manifest.size < 1_000_000
                ? t("openData.size.kb", ["size": NumberFormatting.integer(max(1, (manifest.size + 999) / 1_000), language)])
                : t("openData.size.mb", ["size": NumberFormatting.integer((manifest.size + 999_999) / 1_000_000, language)])
            status = t("openData.built", ["date": DateFormatting.dateTime(manifest.builtAt, language), "size": size])
        } else {
            download = nil
            status = t("openData.preparing")
        }
        catalog = Layout.Link(href: SiteURL.openDataCatalog.path, label: t("openData.catalogLink"))
        licence = Layout.Link(href: OpenDataCatalog.licence, label: t("openData.licence.name"))
        sections = [
            Section(heading: t("openData.licence.heading"), text: t("openData.licence.text") + " " + t("openData.licence.why")),
            Section(heading: t("openData.formats.heading"), text: t("openData.formats.text")),
            Section(heading: t("openData.privacy.heading"), text: t("openData.privacy.text")),
            Section(heading: t("openData.updates.heading"), text: t("openData.updates.text")),
        ]
        datasets = OpenDataSchema.tables.map { table in
            Dataset(name: table.name, title: t(table.titleKey), description: t(table.descriptionKey),
                    files: "\(table.csvFile), \(table.jsonFile)",
                    rows: manifest?.counts[table.name].map { t("openData.rows", ["count": NumberFormatting.integer($0, language)]) },
                    columns: table.columns.map { Column(name: $0.name, type: t($0.type.labelKey), meaning: t(table.meaningKey($0))) })
        }
    }
}
