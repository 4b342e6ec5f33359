import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The `centres` table for ``JSONRecordWriter``: the country is looked up beside the record, and
/// the list's values and sort keys are derived into `centre_values` and `centre_names`.
struct CentreTable: DirectoryRecordTable {
    static let name = "centres"
    static let kind = SearchKind.centre
    static let keepsCreation = false

    func slug(of record: CentreRecord) -> String { record.slug }

    func issues(in record: CentreRecord) -> [ValidationIssue] { DirectoryValidation.issues(in: record) }

    func columns(of record: CentreRecord, existing: (any SQLRow)?) -> [(name: String, value: any Encodable & Sendable)] {
        [("country", record.country)]
    }

    func derive(_ record: CentreRecord, id: UUID, isNew: Bool, on database: any Database) async throws -> [SearchDocument] {
        let sql = database as! any SQLDatabase
        if !isNew {
            try await sql.raw("DELETE FROM centre_values WHERE centre_id = \(bind: id)").run()
            try await sql.raw("DELETE FROM centre_names WHERE centre_id = \(bind: id)").run()
        }
        let values = CentreListing.values(of: record).map { "(\(bind: id), \(bind: $0.facet), \(bind: $0.value))" as SQLQueryString }
        try await sql.raw("INSERT INTO centre_values (centre_id, facet, value) VALUES \(values.joined(separator: ", "))").run()
        // The name each language's list sorts by: the one its readers see (the original's when untranslated).
        let names = Language.allCases.map { language -> SQLQueryString in
            let name = record.translations.resolve(language, original: record.originalLanguage)?.value.name ?? record.slug
            return "(\(bind: id), \(bind: language.rawValue), \(bind: SortKey.of(name)))"
        }
        try await sql.raw("INSERT INTO centre_names (centre_id, language, sort_key) VALUES \(names.joined(separator: ", "))").run()
        return CentreSearch.documents(record, id)
    }
}

/// The centres' list as the engine reads it: no privacy, every centre listed.
enum CentreListing {
    static let facets: [StoredFacet] = [.plain("country"), .plain("region"), .plain("theme"), .plain("type")]

    /// What the facets count, and the experts and practices a centre names (found by their pages).
    static func values(of record: CentreRecord) -> [FacetValue] {
        var values = [FacetValue(facet: "country", value: record.country),
                      .init(facet: "region", value: RegionTable.standard.region(of: record.country).rawValue),
                      .init(facet: "type", value: record.type.rawValue)]
        values += record.themes.map { .init(facet: "theme", value: $0.rawValue) }
        values += record.experts.map { .init(facet: "expert", value: $0) }
        values += record.practices.map { .init(facet: "practice", value: $0) }
        return FacetValue.unique(values)
    }

    static func list(text: SQLQueryString?) -> FacetedList {
        FacetedList(table: "centres", values: "centre_values", key: "centre_id", scope: "1 = 1", valueScope: "1 = 1",
                    facets: facets, text: text)
    }
}
