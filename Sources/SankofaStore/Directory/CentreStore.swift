import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Writes and reads Centres of Excellence and courses, with their search documents.
public struct CentreStore: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    public enum StoreError: Error, Equatable {
        case invalid([ValidationIssue])
    }

    @discardableResult
    public func save(_ record: CentreRecord, now: Date = Date()) async throws -> UUID {
        if !database.inTransaction {
            return try await database.transaction { try await CentreStore(database: $0).save(record, now: now) }
        }
        let issues = DirectoryValidation.issues(in: record)
        guard issues.isEmpty else { throw StoreError.invalid(issues) }
        let json = try RecordJSON.encode(record), at = Int(now.timeIntervalSince1970)
        let id: UUID
        if let row = try await sql.raw("SELECT id FROM centres WHERE slug = \(bind: record.slug)").first() {
            id = try row.decode(column: "id", as: UUID.self)
            try await sql.raw("UPDATE centres SET country = \(bind: record.country), record = \(bind: json), updated_at = \(bind: at) WHERE id = \(bind: id)").run()
        } else {
            id = UUID()
            try await sql.raw("INSERT INTO centres (id, slug, country, record, updated_at) VALUES (\(bind: id), \(bind: record.slug), \(bind: record.country), \(bind: json), \(bind: at))").run()
        }
        try await searchIndex(on: database).replace(kind: .centre, recordID: id, with: CentreSearch.documents(record, id))
        try await DataVersion.bump(on: database)
        return id
    }

    public func centres() async throws -> [StoredCentre] {
        try await centres(where: "TRUE")
    }

    /// The centres whose record names the practice `slug`, for its page.
    public func centres(linkedToPractice slug: String) async throws -> [StoredCentre] {
        try await centres(where: RecordJSONFilter.arrayContains("practices", slug, in: sql))
    }

    private func centres(where condition: SQLQueryString) async throws -> [StoredCentre] {
        try await sql.raw("SELECT id, record FROM centres WHERE \(condition) ORDER BY slug").all().map {
            StoredCentre(id: try $0.decode(column: "id", as: UUID.self),
                         record: try RecordJSON.decode(CentreRecord.self, try $0.decode(column: "record", as: String.self)))
        }
    }

    public func centre(slug: String) async throws -> StoredCentre? {
        try await centres(where: "slug = \(bind: slug)").first
    }

    @discardableResult
    public func save(_ record: CourseRecord, now: Date = Date()) async throws -> UUID {
        if !database.inTransaction {
            return try await database.transaction { try await CentreStore(database: $0).save(record, now: now) }
        }
        let issues = DirectoryValidation.issues(in: record)
        guard issues.isEmpty else { throw StoreError.invalid(issues) }
        var centreID: UUID?
        if let slug = record.centre {
            guard let row = try await sql.raw("SELECT id FROM centres WHERE slug = \(bind: slug)").first() else {
                throw StoreError.invalid([ValidationIssue(field: "centre", reason: "error.choice", detail: slug)])
            }
            centreID = try row.decode(column: "id", as: UUID.self)
        }
        let json = try RecordJSON.encode(record), at = Int(now.timeIntervalSince1970)
        let id: UUID
        if let row = try await sql.raw("SELECT id FROM courses WHERE slug = \(bind: record.slug)").first() {
            id = try row.decode(column: "id", as: UUID.self)
            try await sql.raw("""
                UPDATE courses SET centre_id = \(bind: centreID), start_date = \(bind: record.startDate), end_date = \(bind: record.endDate),
                record = \(bind: json), updated_at = \(bind: at) WHERE id = \(bind: id)
                """).run()
        } else {
            id = UUID()
            try await sql.raw("""
                INSERT INTO courses (id, slug, centre_id, start_date, end_date, record, created_at, updated_at)
                VALUES (\(bind: id), \(bind: record.slug), \(bind: centreID), \(bind: record.startDate), \(bind: record.endDate), \(bind: json), \(bind: at), \(bind: at))
                """).run()
        }
        try await searchIndex(on: database).replace(kind: .course, recordID: id, with: CourseSearch.documents(record, id))
        try await DataVersion.bump(on: database)
        return id
    }

    /// Every course, soonest first.
    public func courses() async throws -> [StoredCourse] {
        try await courses(where: "TRUE")
    }

    /// The courses of one centre, soonest first: the centre's page reads only its own.
    public func courses(ofCentre centreID: UUID) async throws -> [StoredCourse] {
        try await courses(where: "centre_id = \(bind: centreID)")
    }

    public func course(slug: String) async throws -> StoredCourse? {
        try await courses(where: "slug = \(bind: slug)").first
    }

    private func courses(where condition: SQLQueryString) async throws -> [StoredCourse] {
        try await sql.raw("SELECT id, record FROM courses WHERE \(condition) ORDER BY start_date, slug").all().map {
            StoredCourse(id: try $0.decode(column: "id", as: UUID.self),
                         record: try RecordJSON.decode(CourseRecord.self, try $0.decode(column: "record", as: String.self)))
        }
    }

    /// How many centres there are, and how many courses have not ended by `today` (an ISO day,
    /// compared as text like `CourseRecord.isPast`): the home page's figures, counted by the engine.
    public func counts(today: String) async throws -> (centres: Int, upcomingCourses: Int) {
        let row = try await sql.raw("""
            SELECT (SELECT COUNT(*) FROM centres) AS centres, (SELECT COUNT(*) FROM courses WHERE end_date >= \(bind: today)) AS upcoming
            """).first()
        return (try row?.decode(column: "centres", as: Int.self) ?? 0, try row?.decode(column: "upcoming", as: Int.self) ?? 0)
    }

    public func reindexAll() async throws {
        let index = searchIndex(on: database)
        for centre in try await centres() {
            try await index.replace(kind: .centre, recordID: centre.id, with: CentreSearch.documents(centre.record, centre.id))
        }
        for course in try await courses() {
            try await index.replace(kind: .course, recordID: course.id, with: CourseSearch.documents(course.record, course.id))
        }
    }
}
