import Foundation
import SankofaCore
import ZIPFoundation

/// Puts the open data together: the datasets already written in `folder` (``OpenDataWriter``),
/// the data dictionary in six languages, the README, the LICENCE and the DCAT-AP description,
/// all zipped into one file.
public struct OpenDataPackage {
    public let folder: URL
    public let catalogs: Catalogs

    public init(folder: URL, catalogs: Catalogs) {
        self.folder = folder
        self.catalogs = catalogs
    }

    public static let catalogFile = "catalog.jsonld"
    public static let readmeFile = "README.md"
    public static let licenceFile = "LICENCE.txt"
    public static func dictionaryFile(_ language: Language) -> String { "dictionary/data-dictionary.\(language.rawValue).csv" }
    public static let dictionaryJSON = "dictionary/data-dictionary.json"

    /// Every file the ZIP holds, in its order.
    public static var files: [String] {
        [readmeFile, licenceFile, catalogFile, dictionaryJSON] + Language.displayOrder.map(dictionaryFile)
            + OpenDataSchema.tables.flatMap { [$0.csvFile, $0.jsonFile] }
    }

    /// Writes the description files next to the datasets and zips them all into `output` (written
    /// whole under a temporary name, then renamed). Returns the DCAT description, also served alone.
    public func assemble(_ metadata: OpenDataMetadata, into output: URL) throws -> Data {
        var metadata = metadata
        for table in OpenDataSchema.tables {
            for file in [table.csvFile, table.jsonFile] {
                metadata.byteSizes[file] = (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(file).path)[.size] as? Int) ?? nil
            }
        }
        let catalog = try OpenDataCatalog.jsonLD(metadata, catalogs: catalogs)
        try catalog.write(to: folder.appendingPathComponent(Self.catalogFile))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("dictionary"), withIntermediateDirectories: true)
        for language in Language.displayOrder {
            try Data(OpenDataDictionary.csv(language, catalogs: catalogs).utf8).write(to: folder.appendingPathComponent(Self.dictionaryFile(language)))
        }
        try OpenDataDictionary.json(catalogs: catalogs).write(to: folder.appendingPathComponent(Self.dictionaryJSON))
        try Data(OpenDataReadme.text(metadata, catalogs: catalogs).utf8).write(to: folder.appendingPathComponent(Self.readmeFile))
        try Data(OpenDataReadme.licence(metadata, catalogs: catalogs).utf8).write(to: folder.appendingPathComponent(Self.licenceFile))

        let temporary = output.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).zip.part")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let archive = try Archive(url: temporary, accessMode: .create)
        for file in Self.files {
            // Text compresses about tenfold; the default level is several times faster than the best.
            try archive.addEntry(with: file, relativeTo: folder, compressionMethod: .deflate, bufferSize: 1 << 20)
        }
        guard rename(temporary.path, output.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: output.path])
        }
        return catalog
    }
}

/// The data dictionary: each file, each column, its type and meaning, in each language.
public enum OpenDataDictionary {
    public static let header = ["file", "column", "type", "meaning"]

    public static func csv(_ language: Language, catalogs: Catalogs) -> String {
        var lines = [header.joined(separator: ",")]
        for table in OpenDataSchema.tables {
            for file in [table.csvFile, table.jsonFile] {
                lines.append([file, "", "", catalogs.text(table.descriptionKey, language)].map(CSVCell.quoted).joined(separator: ","))
                for column in table.columns {
                    lines.append([file, column.name, catalogs.text(column.type.labelKey, language), catalogs.text(table.meaningKey(column), language)]
                        .map(CSVCell.quoted).joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    public static func json(catalogs: Catalogs) throws -> Data {
        func texts(_ key: String) -> [String: String] {
            Dictionary(uniqueKeysWithValues: Language.displayOrder.map { ($0.rawValue, catalogs.text(key, $0)) })
        }
        let tables: [[String: Any]] = OpenDataSchema.tables.map { table in
            ["name": table.name, "files": [table.csvFile, table.jsonFile], "title": texts(table.titleKey),
             "description": texts(table.descriptionKey),
             "columns": table.columns.map { column in
                 ["name": column.name, "type": column.type.rawValue, "typeLabel": texts(column.type.labelKey),
                  "meaning": texts(table.meaningKey(column))] as [String: Any]
             }]
        }
        return try JSONSerialization.data(withJSONObject: ["tables": tables], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
