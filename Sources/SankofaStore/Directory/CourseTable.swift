import Foundation
import SankofaCore
import SQLKit

/// The `courses` table for ``JSONRecordWriter``: the centre offering the course (named by slug
/// in the record, which must exist) and the dates are looked up beside the record.
struct CourseTable: DirectoryRecordTable {
    /// The row of the record's centre, once resolved.
    var centreID: UUID?

    static let name = "courses"
    static let kind = SearchKind.course

    func slug(of record: CourseRecord) -> String { record.slug }

    func issues(in record: CourseRecord) -> [ValidationIssue] { DirectoryValidation.issues(in: record) }

    func resolving(_ record: CourseRecord, on sql: any SQLDatabase) async throws -> CourseTable {
        guard let slug = record.centre else { return CourseTable(centreID: nil) }
        guard let row = try await sql.raw("SELECT id FROM centres WHERE slug = \(bind: slug)").first() else {
            throw DirectoryStoreError.invalid([ValidationIssue(field: "centre", reason: "error.choice", detail: slug)])
        }
        return CourseTable(centreID: try row.decode(column: "id", as: UUID.self))
    }

    func columns(of record: CourseRecord, existing: (any SQLRow)?) -> [(name: String, value: any Encodable & Sendable)] {
        [("centre_id", centreID), ("start_date", record.startDate), ("end_date", record.endDate)]
    }

    func documents(_ record: CourseRecord, id: UUID) -> [SearchDocument] { CourseSearch.documents(record, id) }
}
