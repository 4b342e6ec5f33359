import Foundation
import SankofaCore
import SQLKit

/// The `centres` table for ``JSONRecordWriter``: the country is looked up beside the record.
struct CentreTable: DirectoryRecordTable {
    static let name = "centres"
    static let kind = SearchKind.centre
    static let keepsCreation = false

    func slug(of record: CentreRecord) -> String { record.slug }

    func issues(in record: CentreRecord) -> [ValidationIssue] { DirectoryValidation.issues(in: record) }

    func columns(of record: CentreRecord, existing: (any SQLRow)?) -> [(name: String, value: any Encodable & Sendable)] {
        [("country", record.country)]
    }

    func documents(_ record: CentreRecord, id: UUID) -> [SearchDocument] { CentreSearch.documents(record, id) }
}
