import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The `courses` table for ``JSONRecordWriter``: the centre offering the course (named by slug
/// in the record, which must exist) and the dates are looked up beside the record; the list's
/// values are derived into `course_values`.
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

    func derive(_ record: CourseRecord, id: UUID, isNew: Bool, on database: any Database) async throws -> [SearchDocument] {
        let sql = database as! any SQLDatabase
        if !isNew { try await sql.raw("DELETE FROM course_values WHERE course_id = \(bind: id)").run() }
        let values = CourseListing.values(of: record).map { "(\(bind: id), \(bind: $0.facet), \(bind: $0.value))" as SQLQueryString }
        try await sql.raw("INSERT INTO course_values (course_id, facet, value) VALUES \(values.joined(separator: ", "))").run()
        return CourseSearch.documents(record, id)
    }
}

/// The courses' list as the engine reads it: when a course is comes from its row's dates against
/// the day, the rest from `course_values`.
enum CourseListing {
    static let facets: [StoredFacet] = [
        when, .plain("month"), .plain("country"), .plain("region"), .plain("theme"), .plain("language"), .plain("modality"), .plain("cost"),
    ]

    static let when = StoredFacet(
        name: "when", source: .row(values: CourseTiming.allCases.map(\.rawValue)),
        matches: { chosen, today in
            StoredFacet.any(chosen.compactMap(CourseTiming.init(rawValue:)).map { timing -> SQLQueryString in
                switch timing {
                case .past: "r.end_date < \(bind: today)"
                case .ongoing: "(r.start_date <= \(bind: today) AND r.end_date >= \(bind: today))"
                case .upcoming: "r.start_date > \(bind: today)"
                }
            })
        },
        shown: { _, value, _ in value })

    static func values(of record: CourseRecord) -> [FacetValue] {
        var values = [FacetValue(facet: "month", value: String(record.startDate.prefix(7))),
                      .init(facet: "country", value: record.country),
                      .init(facet: "region", value: RegionTable.standard.region(of: record.country).rawValue),
                      .init(facet: "modality", value: record.modality.rawValue), .init(facet: "cost", value: record.costCoverage.rawValue)]
        values += record.themes.map { .init(facet: "theme", value: $0.rawValue) }
        values += record.languages.map { .init(facet: "language", value: $0) }
        return FacetValue.unique(values)
    }

    static func list(text: SQLQueryString?) -> FacetedList {
        FacetedList(table: "courses", values: "course_values", key: "course_id", scope: "1 = 1", valueScope: "1 = 1",
                    facets: facets, text: text)
    }

    /// Upcoming and ongoing first, soonest first; then the past, latest first (days compare as text).
    static func order(today: String, _ sql: any SQLDatabase) -> SQLQueryString {
        let slug = Bytewise.column("r.slug", sql)
        return """
            CASE WHEN r.end_date < \(bind: today) THEN 1 ELSE 0 END,
            CASE WHEN r.end_date < \(bind: today) THEN NULL ELSE r.start_date END,
            CASE WHEN r.end_date < \(bind: today) THEN NULL ELSE \(slug) END,
            r.start_date DESC, \(slug) DESC
            """
    }
}
