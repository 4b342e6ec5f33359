import Foundation
import SankofaCore

/// The README and LICENCE of the ZIP, in the six languages one after the other, from the same
/// catalog strings as the open data page (`/{lang}/open-data`).
public enum OpenDataReadme {
    public static func text(_ metadata: OpenDataMetadata, catalogs: Catalogs) -> String {
        Language.displayOrder.map { section($0, metadata, catalogs) }.joined(separator: "\n---\n\n")
    }

    static func section(_ language: Language, _ metadata: OpenDataMetadata, _ catalogs: Catalogs) -> String {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { catalogs.text(key, language, arguments) }
        var lines = ["# \(t("openData.title"))", "", t("openData.lead"), "", metadata.pageURL(language), "",
                     "## \(t("openData.files.heading"))", ""]
        for table in OpenDataSchema.tables {
            let count = NumberFormatting.integer(metadata.counts[table.name] ?? 0, language)
            lines.append("- `\(table.csvFile)`, `\(table.jsonFile)`: \(t(table.titleKey)) (\(t("openData.rows", ["count": count]))). \(t(table.descriptionKey))")
        }
        lines += ["- `\(OpenDataPackage.dictionaryFile(language))`, `\(OpenDataPackage.dictionaryJSON)`: \(t("openData.files.dictionary"))",
                  "- `\(OpenDataPackage.catalogFile)`: \(t("openData.files.catalog"))", "",
                  "## \(t("openData.formats.heading"))", "", t("openData.formats.text"), "",
                  "## \(t("openData.privacy.heading"))", "", t("openData.privacy.text"), "",
                  "## \(t("openData.updates.heading"))", "", t("openData.updates.text"), "",
                  "## \(t("openData.licence.heading"))", "", t("openData.licence.text"), "",
                  t("openData.licence.why"), "", attribution(language, metadata, catalogs), ""]
        return lines.joined(separator: "\n")
    }

    static func attribution(_ language: Language, _ metadata: OpenDataMetadata, _ catalogs: Catalogs) -> String {
        catalogs.text("openData.licence.attribution", language, [
            "site": catalogs.text("site.name", language), "url": metadata.pageURL(language),
            "date": ISO8601DateFormatter.string(from: metadata.modified, timeZone: .gmt, formatOptions: [.withFullDate]),
        ])
    }

    public static func licence(_ metadata: OpenDataMetadata, catalogs: Catalogs) -> String {
        var lines = ["Creative Commons Attribution 4.0 International (CC BY 4.0)", OpenDataCatalog.licence,
                     OpenDataCatalog.licence + "legalcode", ""]
        for language in Language.displayOrder {
            lines += [catalogs.text("openData.licence.text", language), attribution(language, metadata, catalogs), ""]
        }
        return lines.joined(separator: "\n")
    }
}
