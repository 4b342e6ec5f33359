import Foundation
import SankofaCore
import SankofaStoreTestSupport
import Testing
@testable import SankofaPublish

/// The open data's files: CSV as RFC 4180 readers parse it, JSON as JSON parsers do, the
/// dictionary covering every column in six languages, the DCAT description naming every file.
@Suite("Open data files")
struct OpenDataWriterTests {
    static let hostile = "Title, with \"quotes\",\nand a new line — عنوان بالعربية، مع فاصلة"

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("open-data-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a title with commas, quotes, a line break and Arabic comes back the same from CSV and JSON")
    func hostileTextRoundTrips() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = OpenDataSchema.practiceSources
        let writer = try OpenDataWriter(table, in: folder)
        try writer.add([.text("a-slug"), .integer(1), .text(Self.hostile), .text("https://example.org/a;b")])
        try writer.add([.text("b-slug"), .integer(2), .text("=HYPERLINK(\"x\")"), .text(nil)])
        try writer.finish()
        let csv = try String(contentsOf: folder.appendingPathComponent(table.csvFile), encoding: .utf8)
        let records = StrictCSV.parse(csv)
        #expect(records.count == 3)
        #expect(records[0] == table.columns.map(\.name))
        #expect(records[1] == ["a-slug", "1", Self.hostile, "https://example.org/a;b"])
        // Defused for spreadsheets in CSV, exact in JSON.
        #expect(records[2] == ["b-slug", "2", "'=HYPERLINK(\"x\")", ""])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(table.jsonFile))) as? [[String: Any]])
        #expect(json.count == 2)
        #expect(json[0]["title"] as? String == Self.hostile && json[0]["position"] as? Int == 1)
        #expect(json[1]["title"] as? String == "=HYPERLINK(\"x\")" && json[1]["source_url"] is NSNull)
    }

    @Test("lists, booleans, numbers and nulls keep their types in JSON; an empty table is an empty array")
    func typesInJSON() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try OpenDataWriter(OpenDataSchema.indicators, in: folder)
        try writer.add([.text("capacity-gain"), .integer(1), .text("points"), .text("breakdown"), .text(nil), .list(["theme"]),
                        .list(["prisons"]), .text("measure"), .number(1.25), .integer(4), .text(nil)])
        try writer.finish()
        let empty = try OpenDataWriter(OpenDataSchema.exchanges, in: folder)
        try empty.finish()
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("indicators.json"))) as? [[String: Any]])
        #expect(rows[0]["value"] as? Double == 1.25 && rows[0]["keys"] as? [String] == ["prisons"] && rows[0]["period"] is NSNull)
        let csv = StrictCSV.parse(try String(contentsOf: folder.appendingPathComponent("indicators.csv"), encoding: .utf8))
        #expect(csv[1][5] == "theme" && csv[1][8] == "1.25" && csv[1][9] == "4")
        #expect((try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("exchanges.json"))) as? [Any])?.isEmpty == true)
    }

    @Test("the data dictionary gives every column of every file a type and a meaning in all six languages")
    func dictionaryCoversEveryColumn() throws {
        let catalogs = Catalogs.bundled
        for table in OpenDataSchema.tables {
            for key in [table.titleKey, table.descriptionKey] + table.columns.map(table.meaningKey) + table.columns.map(\.type.labelKey) {
                let texts = Language.displayOrder.map { catalogs.text(key, $0) }
                #expect(texts.allSatisfy { !$0.isEmpty && $0 != key }, "\(key) missing")
                // Translated, not English copies (type names such as "code" may coincide in French).
                #expect(Set(texts).count >= 4, "\(key) is not translated: \(texts)")
            }
        }
        for language in Language.displayOrder {
            let rows = StrictCSV.parse(OpenDataDictionary.csv(language, catalogs: catalogs))
            #expect(rows[0] == OpenDataDictionary.header)
            for table in OpenDataSchema.tables {
                for file in [table.csvFile, table.jsonFile] {
                    let named = Set(rows.filter { $0[0] == file }.map { $0[1] })
                    #expect(named == Set(table.columns.map(\.name) + [""]), "\(language) \(file)")
                }
            }
        }
        let json = try #require(try JSONSerialization.jsonObject(with: OpenDataDictionary.json(catalogs: catalogs)) as? [String: Any])
        let tables = try #require(json["tables"] as? [[String: Any]])
        #expect(tables.count == OpenDataSchema.tables.count)
        for table in tables {
            for column in try #require(table["columns"] as? [[String: Any]]) {
                #expect((column["meaning"] as? [String: String])?.keys.sorted() == Language.displayOrder.map(\.rawValue).sorted())
            }
        }
    }

    @Test("the DCAT-AP description is JSON-LD naming every file with its media type, licence and dates")
    func catalogNamesEveryFile() throws {
        let metadata = OpenDataMetadata(baseURL: "https://sankofa.example.org", zipURL: "https://sankofa.example.org/open-data/sankofa-open-data.zip",
                                        catalogURL: "https://sankofa.example.org/open-data/catalog.jsonld",
                                        pageURL: { "https://sankofa.example.org/\($0.rawValue)/open-data" },
                                        issued: Date(timeIntervalSince1970: 1_700_000_000), modified: Date(timeIntervalSince1970: 1_790_000_000))
        let object = try #require(try JSONSerialization.jsonObject(with: OpenDataCatalog.jsonLD(metadata, catalogs: .bundled)) as? [String: Any])
        #expect(object["@type"] as? String == "dcat:Catalog" && (object["@context"] as? [String: String])?["dcat"] == "http://www.w3.org/ns/dcat#")
        let datasets = try #require(object["dcat:dataset"] as? [[String: Any]])
        #expect(datasets.map { $0["dct:identifier"] as? String } == OpenDataSchema.tables.map(\.name))
        var files: [String] = []
        for dataset in datasets {
            #expect(dataset["@type"] as? String == "dcat:Dataset")
            #expect((dataset["dct:title"] as? [[String: String]])?.count == 6)
            for distribution in try #require(dataset["dcat:distribution"] as? [[String: Any]]) {
                #expect(distribution["@type"] as? String == "dcat:Distribution")
                #expect((distribution["dct:license"] as? [String: String])?["@id"] == "https://creativecommons.org/licenses/by/4.0/")
                #expect((distribution["dcat:mediaType"] as? [String: String])?["@id"]?.hasPrefix("https://www.iana.org/assignments/media-types/") == true)
                #expect((distribution["dct:modified"] as? [String: String])?["@value"] == "2026-09-21T14:13:20Z")
                files.append(try #require(distribution["dct:title"] as? String))
            }
        }
        #expect(files == OpenDataSchema.tables.flatMap { [$0.csvFile, $0.jsonFile] })
    }
}
