import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Every change to a practice made through the workflow is a revision: a full snapshot of the
/// record, so any two can be compared field by field.
public struct Revisions: Sendable {
    let sql: any SQLDatabase

    public init(database: any Database) {
        sql = database as! any SQLDatabase
    }

    public struct Revision: Sendable {
        public var id: Int
        public var at: Int
        public var actorName: String?
        public var action: String
        public var record: PracticeRecord
    }

    public func record(_ record: PracticeRecord, practiceID: UUID, actorID: UUID?, action: String, now: Int) async throws {
        let snapshot = String(decoding: try PracticeExport.json([record]), as: UTF8.self)
        try await sql.raw("""
            INSERT INTO practice_revisions (practice_id, at, actor_id, action, snapshot)
            VALUES (\(bind: practiceID), \(bind: now), \(bind: actorID), \(bind: action), \(bind: snapshot))
            """).run()
    }

    /// Oldest first.
    public func history(of practiceID: UUID) async throws -> [Revision] {
        try await sql.raw("""
            SELECT r.id, r.at, r.action, r.snapshot, u.name AS actor_name FROM practice_revisions r
            LEFT JOIN users u ON u.id = r.actor_id WHERE r.practice_id = \(bind: practiceID) ORDER BY r.id
            """).all().compactMap { row in
            let snapshot = try row.decode(column: "snapshot", as: String.self)
            guard let record = try PracticeImport.decode(Data(snapshot.utf8)).first else { return nil }
            return Revision(id: try row.decode(column: "id", as: Int.self), at: try row.decode(column: "at", as: Int.self),
                            actorName: try row.decode(column: "actor_name", as: String?.self),
                            action: try row.decode(column: "action", as: String.self), record: record)
        }
    }
}

/// Comments between editors and the author of a practice.
public struct Comments: Sendable {
    let sql: any SQLDatabase

    public init(database: any Database) {
        sql = database as! any SQLDatabase
    }

    public struct Comment: Sendable {
        public var at: Int
        public var authorName: String?
        public var body: String
    }

    public func add(_ body: String, practiceID: UUID, authorID: UUID?, now: Int) async throws {
        try await sql.raw("""
            INSERT INTO practice_comments (practice_id, at, author_id, body) VALUES (\(bind: practiceID), \(bind: now), \(bind: authorID), \(bind: body))
            """).run()
    }

    public func list(_ practiceID: UUID) async throws -> [Comment] {
        try await sql.raw("""
            SELECT c.at, c.body, u.name AS author_name FROM practice_comments c LEFT JOIN users u ON u.id = c.author_id
            WHERE c.practice_id = \(bind: practiceID) ORDER BY c.id
            """).all().map { Comment(at: try $0.decode(column: "at", as: Int.self), authorName: try $0.decode(column: "author_name", as: String?.self),
                                     body: try $0.decode(column: "body", as: String.self)) }
    }
}

/// The fields of a record as text, for side-by-side comparison of two revisions.
public enum RecordFields {
    public static func flatten(_ record: PracticeRecord) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("status", record.status.rawValue), ("originalLanguage", record.originalLanguage.rawValue),
            ("countries", record.countries.joined(separator: ", ")), ("leadCountry", record.leadCountry),
            ("implementingOrganisations", record.implementingOrganisations.joined(separator: "\n")),
            ("partners", record.partners.joined(separator: "\n")), ("funders", record.funders.joined(separator: "\n")),
            ("startYear", record.startYear.map(String.init) ?? ""), ("endYear", record.endYear.map(String.init) ?? ""),
            ("pillars", record.pillars.map { String($0.rawValue) }.joined(separator: ", ")),
            ("themes", record.themes.map(\.rawValue).joined(separator: ", ")), ("maturity", record.maturity.rawValue),
            ("evidenceLevel", record.evidenceLevel.rawValue),
            ("sources", record.sources.map { "\($0.title) | \($0.url)" }.joined(separator: "\n")),
        ]
        for (language, text) in record.translations.sorted(by: { $0.key < $1.key }) {
            fields += PracticeText.fieldNames.map { ("\($0) (\(language.rawValue))", text.value(of: $0)) }
        }
        return fields
    }

    /// The fields that differ: name, before, after.
    public static func changes(from old: PracticeRecord?, to new: PracticeRecord) -> [(field: String, before: String, after: String)] {
        let before = Dictionary(old.map(flatten) ?? [], uniquingKeysWith: { a, _ in a })
        return flatten(new).compactMap { name, value in
            before[name] == value ? nil : (name, before[name] ?? "", value)
        }
    }
}

/// Authorship of practices submitted through the site.
public enum Authorship {
    /// A deleted account's practices stay, attributed to a former member.
    public static func forget(_ userID: UUID, on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("UPDATE practices SET author_id = NULL WHERE author_id = \(bind: userID)").run()
    }
}
