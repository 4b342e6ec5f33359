import Foundation
import SankofaCore

/// What the description of the open data says besides the schema: where it lives, when, by whom.
public struct OpenDataMetadata: Sendable {
    /// The site's public address, without a trailing slash.
    public var baseURL: String
    public var zipURL: String
    public var catalogURL: String
    /// The page explaining the data, per language.
    public var pageURL: @Sendable (Language) -> String
    /// When the data was first published (the oldest publication in it) and when this build was made.
    public var issued: Date
    public var modified: Date
    /// Rows per dataset, by table name.
    public var counts: [String: Int]
    /// The ZIP's size is not known while it is being described; each file's is.
    public var byteSizes: [String: Int]

    public init(baseURL: String, zipURL: String, catalogURL: String, pageURL: @escaping @Sendable (Language) -> String,
                issued: Date, modified: Date, counts: [String: Int] = [:], byteSizes: [String: Int] = [:]) {
        self.baseURL = baseURL
        self.zipURL = zipURL
        self.catalogURL = catalogURL
        self.pageURL = pageURL
        self.issued = issued
        self.modified = modified
        self.counts = counts
        self.byteSizes = byteSizes
    }
}

/// The DCAT-AP description (JSON-LD) of the open data: a `dcat:Catalog` of one `dcat:Dataset` per
/// dataset, each with its CSV and JSON `dcat:Distribution` (inside the ZIP, which is their
/// download URL), so that a data portal can harvest it. Titles and descriptions in six languages.
public enum OpenDataCatalog {
    public static let licence = "https://creativecommons.org/licenses/by/4.0/"
    /// The EU vocabularies DCAT-AP asks for: languages, file types, data themes.
    static let languageCodes: [Language: String] = [.ar: "ARA", .zh: "ZHO", .en: "ENG", .fr: "FRA", .ru: "RUS", .es: "SPA"]
    static let authority = "http://publications.europa.eu/resource/authority/"
    /// Counter-terrorism and the prevention of violent extremism: justice, legal system and public safety.
    static let theme = authority + "data-theme/JUST"
    /// The datasets cover the whole world (GeoNames' "Earth").
    static let spatial = "https://sws.geonames.org/6295630/"

    public static func jsonLD(_ metadata: OpenDataMetadata, catalogs: Catalogs) throws -> Data {
        func texts(_ key: String, _ arguments: [String: String] = [:]) -> [[String: String]] {
            Language.displayOrder.map { ["@language": $0.rawValue, "@value": catalogs.text(key, $0, arguments)] }
        }
        func id(_ iri: String) -> [String: String] { ["@id": iri] }
        func date(_ value: Date) -> [String: String] {
            ["@value": ISO8601DateFormatter().string(from: value), "@type": "xsd:dateTime"]
        }
        let publisher: [String: Any] = ["@id": metadata.baseURL + "/", "@type": "foaf:Agent", "foaf:name": texts("site.name")]
        let languages = Language.displayOrder.map { id(authority + "language/" + languageCodes[$0]!) }
        let common: [String: Any] = [
            "dct:publisher": publisher, "dct:license": id(licence), "dct:language": languages,
            "dct:issued": date(metadata.issued), "dct:modified": date(metadata.modified),
        ]
        let datasets: [[String: Any]] = OpenDataSchema.tables.map { table in
            let distributions: [[String: Any]] = [(table.csvFile, "CSV", "text/csv"), (table.jsonFile, "JSON", "application/json")].map { file, format, type in
                var distribution = common.filter { $0.key != "dct:publisher" }
                distribution["@id"] = metadata.zipURL + "#" + file
                distribution["@type"] = "dcat:Distribution"
                distribution["dct:title"] = file
                distribution["dct:format"] = id(authority + "file-type/" + format)
                distribution["dcat:mediaType"] = id("https://www.iana.org/assignments/media-types/" + type)
                distribution["dcat:packageFormat"] = id("https://www.iana.org/assignments/media-types/application/zip")
                distribution["dcat:downloadURL"] = id(metadata.zipURL)
                distribution["dcat:accessURL"] = id(metadata.pageURL(.en))
                if let size = metadata.byteSizes[file] { distribution["dcat:byteSize"] = ["@value": String(size), "@type": "xsd:nonNegativeInteger"] }
                return distribution
            }
            var dataset = common
            dataset["@id"] = metadata.pageURL(.en) + "#" + table.name
            dataset["@type"] = "dcat:Dataset"
            dataset["dct:identifier"] = table.name
            dataset["dct:title"] = texts(table.titleKey)
            dataset["dct:description"] = texts(table.descriptionKey)
            dataset["dcat:theme"] = id(theme)
            dataset["dct:spatial"] = id(spatial)
            dataset["dcat:landingPage"] = id(metadata.pageURL(.en))
            dataset["dcat:distribution"] = distributions
            if let count = metadata.counts[table.name] { dataset["sankofa:rows"] = count }
            return dataset
        }
        var catalog = common
        catalog["@context"] = [
            "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#", "sankofa": metadata.baseURL + "/open-data/terms#",
        ]
        catalog["@id"] = metadata.catalogURL
        catalog["@type"] = "dcat:Catalog"
        catalog["dct:title"] = texts("openData.title")
        catalog["dct:description"] = texts("openData.lead")
        catalog["foaf:homepage"] = id(metadata.pageURL(.en))
        catalog["dcat:themeTaxonomy"] = id(authority + "data-theme")
        catalog["dcat:dataset"] = datasets
        return try JSONSerialization.data(withJSONObject: catalog, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
