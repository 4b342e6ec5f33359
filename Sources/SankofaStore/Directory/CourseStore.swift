import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Writes and reads courses, with their search documents (``JSONRecordWriter``). Lists are the
/// soonest first.
public struct CourseStore: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    public typealias StoreError = DirectoryStoreError

    /// Creates or replaces the course with the record's slug; `invalid` (on `centre`) when the
    /// centre it names does not exist.
    @discardableResult
    public func save(_ record: CourseRecord, now: Date = Date()) async throws -> UUID {
        try await JSONRecordWriter(database: database, table: CourseTable()).save(record, now: now)
    }

    /// Saves a new course under a slug made from `title` (``NewSlug``), chosen in the same
    /// transaction; returns that slug.
    public func create(_ record: CourseRecord, slugFrom title: String, now: Date = Date()) async throws -> String {
        try await JSONRecordWriter(database: database, table: CourseTable()).create(record, slugFrom: title, in: .courses, now: now)
    }

    public func all() async throws -> [StoredCourse] {
        try await courses(where: "TRUE")
    }

    /// One page of the list, with the total and the facets' counts, read by the engine.
    public func directory(_ selection: DirectorySelection, page: Int, perPage: Int) async throws -> DirectoryPage<CourseRecord> {
        let text = DirectoryTextSearch(database: database).condition(selection.text, kind: .course, audiences: [.everyone], column: "r.id")
        let result = try await CourseListing.list(text: text).page(
            selection, columns: "r.record", order: CourseListing.order(today: selection.today, sql), page: page, perPage: perPage, on: sql)
        return DirectoryPage(total: result.total, items: try result.rows.map {
            try RecordJSON.decode(CourseRecord.self, try $0.decode(column: "record", as: String.self))
        }, counts: result.counts)
    }

    /// Up to `limit` courses not yet over on `day` (an ISO day), the soonest first, after the
    /// first `offset`: a page of the calendar, or of the feed (from a month back).
    public func ending(onOrAfter day: String, limit: Int, offset: Int = 0) async throws -> [StoredCourse] {
        try await courses(where: "end_date >= \(bind: day)", page: (limit, offset))
    }

    /// The courses of one centre: the centre's page reads only its own.
    public func linked(toCentre centreID: UUID) async throws -> [StoredCourse] {
        try await courses(where: "centre_id = \(bind: centreID)")
    }

    public func find(slug: String) async throws -> StoredCourse? {
        try await courses(where: "slug = \(bind: slug)").first
    }

    /// How many courses have not ended by `today` (an ISO day, compared as text like
    /// `CourseRecord.isPast`): the home page's figure, counted by the engine.
    public func count(endingOnOrAfter today: String) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM courses WHERE end_date >= \(bind: today)").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    public func reindexAll() async throws {
        try await JSONRecordWriter(database: database, table: CourseTable()).reindex(try await all().map { ($0.id, $0.record) })
    }

    private func courses(where condition: SQLQueryString, page: (limit: Int, offset: Int)? = nil) async throws -> [StoredCourse] {
        let order = "start_date, slug" + (page.map { " LIMIT \(max(0, $0.limit)) OFFSET \(max(0, $0.offset))" } ?? "")
        return try await CourseTable.records(where: condition, orderBy: order, on: sql).map { StoredCourse(id: $0.id, record: $0.record) }
    }
}
