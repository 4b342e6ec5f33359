import FluentKit
import SankofaCore
import SQLKit

/// The address (slug) of a new record, chosen inside the transaction that saves it.
///
/// Chosen before the transaction, two people giving the same title at the same moment both found
/// `youth-dialogue` free, and the second save, which replaces the record of its slug (imports rely
/// on that), wrote over the first person's record. Here the choice waits for any other choice of
/// the same table's slug to commit: on PostgreSQL an advisory lock held to the end of the
/// transaction; on SQLite the process's one connection already runs one transaction at a time
/// (``SQLiteWithReads``). The second person gets `youth-dialogue-2`.
public enum NewSlug {
    /// The tables whose records are addressed by a slug, each with its own lock, the slug used for
    /// a title without letters, and its section's own paths, which no slug may take.
    public enum Table: String, Sendable {
        case practices, experts, centres, courses

        public var fallback: String {
            switch self {
            case .practices: "practice"
            case .experts: "expert"
            case .centres: "centre"
            case .courses: "course"
            }
        }

        var reserved: Set<String> {
            switch self {
            case .practices: []
            case .experts: ["new", "export"]
            case .centres: ["new"]
            case .courses: ["new", "calendar"]
            }
        }

        /// The advisory lock's second key (the first, ``lockClass``, keeps them apart from any other lock).
        var lockKey: Int {
            switch self {
            case .practices: 1
            case .experts: 2
            case .centres: 3
            case .courses: 4
            }
        }
    }

    static let lockClass = 0x5A4B   // "SK"

    /// The first slug free for `text` in `table` (see ``Slug/free(for:fallback:reserved:isTaken:)``).
    /// `database` must be a transaction: the lock and the choice last until it ends.
    public static func choose(_ table: Table, for text: String, on database: any Database) async throws -> String {
        guard database.inTransaction else { throw NewSlugError() }
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: lockClass), \(literal: table.lockKey))").run()
        }
        return try await Slug.free(for: text, fallback: table.fallback, reserved: table.reserved) { candidate in
            try await sql.raw("SELECT 1 AS taken FROM \(unsafeRaw: table.rawValue) WHERE slug = \(bind: candidate)").first() != nil
        }
    }
}

/// ``NewSlug/choose(_:for:on:)`` was called outside a transaction: a mistake in
/// the calling code, refused rather than left to race.
public struct NewSlugError: Error, CustomStringConvertible {
    public var description: String { "a new slug is chosen in the transaction that saves the record" }
}
