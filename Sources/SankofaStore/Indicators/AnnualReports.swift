import Fluent
import Foundation
import SankofaCore
import SQLKit

/// One file of a year's annual report as the table holds it (its bytes read apart, by ``AnnualReports/content(_:)``).
public struct AnnualReportFile: Sendable, Equatable {
    public var year: Int
    /// Builds of a year are numbered: a published revision is never written again, and a rebuild
    /// after publication is the next revision, unpublished until someone publishes it.
    public var revision: Int
    public var language: Language
    /// "html" or "pdf".
    public var format: String
    public var size: Int
    public var builtAt: Date
    public var builtBy: UUID?
    public var publishedAt: Date?
    public var publishedBy: UUID?

    public var isPublished: Bool { publishedAt != nil }
    /// `annual-report-2026-ar.pdf`: the download's name, the same for every revision.
    public var fileName: String { AnnualReports.fileName(year: year, language: language, format: format) }
}

public enum AnnualReportError: Error, Equatable {
    /// The year is outside ``AnnualReports/years(now:)``.
    case badYear
    /// Publishing a year that has no unpublished build.
    case nothingToPublish
}

/// The `annual_reports` table: the files a build made, kept as bytes so that every node serves
/// exactly what was built and published (a PDF cannot be made again inside a request, and a
/// later version of the code could lay the report out otherwise).
public struct AnnualReports: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    /// The years a report may be built for: from the programme's first year on the platform to
    /// the current one (a year still running gives a report "so far").
    public static func years(now: Date = Date()) -> ClosedRange<Int> {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return 2015...calendar.component(.year, from: now)
    }

    /// The year in `text` ("2026") when it is a plain number within ``years(now:)``.
    public static func year(_ text: String?, now: Date = Date()) -> Int? {
        guard let text, text.count == 4, text.allSatisfy(\.isASCII), let year = Int(text), years(now: now).contains(year) else { return nil }
        return year
    }

    public static func fileName(year: Int, language: Language, format: String) -> String {
        "annual-report-\(year)-\(language.rawValue).\(format)"
    }

    /// The revision a new build of `year` writes: the unpublished one if there is one (a second
    /// build replaces it), else the one after the last.
    public func draftRevision(_ year: Int) async throws -> Int {
        let row = try await sql.raw("""
            SELECT MAX(revision) AS last, MAX(CASE WHEN published_at IS NULL THEN revision END) AS draft
            FROM annual_reports WHERE year = \(bind: year)
            """).first()
        if let draft = try row?.decode(column: "draft", as: Int?.self) { return draft }
        return (try row?.decode(column: "last", as: Int?.self) ?? 0) + 1
    }

    /// Removes the unpublished files of `year`, so that a new build does not keep files of
    /// languages or formats it no longer makes. Published files are never touched.
    public func discardDraft(_ year: Int) async throws {
        try await sql.raw("DELETE FROM annual_reports WHERE year = \(bind: year) AND published_at IS NULL").run()
    }

    /// Keeps one built file in the unpublished `revision` of `year` (replacing that revision's
    /// copy of the same language and format).
    public func save(year: Int, revision: Int, language: Language, format: String, content: Data,
                     builtBy: UUID?, now: Date = Date()) async throws {
        try await database.atomically { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("""
                DELETE FROM annual_reports WHERE year = \(bind: year) AND revision = \(bind: revision)
                AND language = \(bind: language.rawValue) AND format = \(bind: format) AND published_at IS NULL
                """).run()
            // A published row of the same key makes this INSERT fail: published bytes stay.
            try await sql.raw("""
                INSERT INTO annual_reports (year, revision, language, format, content, built_at, built_by)
                VALUES (\(bind: year), \(bind: revision), \(bind: language.rawValue), \(bind: format), \(bind: content),
                        \(bind: Int(now.timeIntervalSince1970)), \(bind: builtBy))
                """).run()
        }
    }

    static let columns = "year, revision, language, format, LENGTH(content) AS size, built_at, built_by, published_at, published_by"

    /// The files of the last published revision of `year` (what the public downloads).
    public func published(_ year: Int) async throws -> [AnnualReportFile] {
        try await publishedByYear(only: year)[year] ?? []
    }

    /// Every year's last published revision, newest year first.
    public func publishedByYear(only year: Int? = nil) async throws -> [Int: [AnnualReportFile]] {
        let filter: SQLQueryString = year.map { (year: Int) -> SQLQueryString in "AND year = \(bind: year)" } ?? ""
        let rows = try await files("published_at IS NOT NULL \(filter)")
        var last: [Int: Int] = [:]
        for file in rows { last[file.year] = max(last[file.year] ?? 0, file.revision) }
        return Dictionary(grouping: rows.filter { last[$0.year] == $0.revision }, by: \.year)
    }

    /// The unpublished files of `year`, if a build made some.
    public func draft(_ year: Int) async throws -> [AnnualReportFile] {
        try await files("published_at IS NULL AND year = \(bind: year)")
    }

    /// Every year that has files, published or not, newest first (the staff's list).
    public func builtYears() async throws -> [Int] {
        try await sql.raw("SELECT DISTINCT year FROM annual_reports ORDER BY year DESC").all().map { try $0.decode(column: "year", as: Int.self) }
    }

    /// The years with an unpublished build (the staff's list says which), in one query.
    public func draftYears() async throws -> Set<Int> {
        Set(try await sql.raw("SELECT DISTINCT year FROM annual_reports WHERE published_at IS NULL").all()
            .map { try $0.decode(column: "year", as: Int.self) })
    }

    func files(_ condition: SQLQueryString) async throws -> [AnnualReportFile] {
        let rows = try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM annual_reports WHERE \(condition) ORDER BY year DESC, revision, language, format").all()
        return try rows.compactMap { row in
            guard let language = Language(rawValue: try row.decode(column: "language", as: String.self)) else { return nil }
            return AnnualReportFile(
                year: try row.decode(column: "year", as: Int.self), revision: try row.decode(column: "revision", as: Int.self),
                language: language, format: try row.decode(column: "format", as: String.self),
                size: try row.decode(column: "size", as: Int.self),
                builtAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "built_at", as: Int.self))),
                builtBy: try row.decode(column: "built_by", as: UUID?.self),
                publishedAt: try row.decode(column: "published_at", as: Int?.self).map { Date(timeIntervalSince1970: TimeInterval($0)) },
                publishedBy: try row.decode(column: "published_by", as: UUID?.self))
        }.sorted(by: Self.order)
    }

    /// Newest year first; within a year by revision, then languages in the site's order, then format.
    static func order(_ a: AnnualReportFile, _ b: AnnualReportFile) -> Bool {
        if a.year != b.year { return a.year > b.year }
        if a.revision != b.revision { return a.revision < b.revision }
        let (la, lb) = (Language.displayOrder.firstIndex(of: a.language) ?? 0, Language.displayOrder.firstIndex(of: b.language) ?? 0)
        return la != lb ? la < lb : a.format < b.format
    }

    /// The bytes of `file`, as built.
    public func content(_ file: AnnualReportFile) async throws -> Data? {
        let row = try await sql.raw("""
            SELECT content FROM annual_reports WHERE year = \(bind: file.year) AND revision = \(bind: file.revision)
            AND language = \(bind: file.language.rawValue) AND format = \(bind: file.format)
            """).first()
        return try row?.decode(column: "content", as: Data.self)
    }

    /// Publishes the unpublished build of `year`: from now on its files are the year's public
    /// ones, kept as they are. Returns how many files were published.
    @discardableResult
    public func publish(_ year: Int, by user: UUID?, now: Date = Date()) async throws -> Int {
        let rows = try await sql.raw("""
            UPDATE annual_reports SET published_at = \(bind: Int(now.timeIntervalSince1970)), published_by = \(bind: user)
            WHERE year = \(bind: year) AND published_at IS NULL RETURNING year
            """).all()
        guard !rows.isEmpty else { throw AnnualReportError.nothingToPublish }
        return rows.count
    }
}
