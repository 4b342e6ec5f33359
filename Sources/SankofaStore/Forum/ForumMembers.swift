import Fluent
import Foundation
import SankofaCore
import SQLKit

/// A member's face in the forum: the handle others @mention them by, the name shown on their
/// posts, how many posts they wrote, and when they last came by. The row is made on the first
/// visit or post, so every author of a post has one.
public struct ForumMembers: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    public struct Member: Sendable, Equatable {
        public var userID: UUID
        public var handle: String
        public var displayName: String
        public var silencedUntil: Int?
        public var postCount: Int
        public var firstPostAt: Int?
        public var lastVisitAt: Int?
        public var previousVisitAt: Int?

        /// Silenced members read but neither start threads nor reply until the time is up.
        public func isSilenced(now: Int) -> Bool { (silencedUntil ?? 0) > now }
    }

    /// A visit is the time a member stays active; one that starts more than this after the last
    /// one moves "new since your last visit" forward. Also the most often a visit is written.
    public static let visitGap = 30 * 60

    public func find(_ userID: UUID) async throws -> Member? {
        try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM forum_members WHERE user_id = \(bind: userID)")
            .first().map(Self.member)
    }

    /// The member's row, made on first use with a handle from `name` (the account's name).
    public func ensure(_ userID: UUID, name: String, now: Int) async throws -> Member {
        if let member = try await find(userID) { return member }
        let base = ForumHandle.base(of: name)
        let display = String(name.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        // Two first visits of one member at once: the second finds the row the first made. Any
        // unique key, not only user_id: on PostgreSQL the two inserts also collide on the handle,
        // which `ON CONFLICT (user_id)` left to fail with a 500 (scripts/chaos, two first posts of
        // one account at once). A handle taken meanwhile by another member is chosen again.
        for _ in 0..<3 {
            let taken = Set(try await sql.raw("""
                SELECT handle FROM forum_members WHERE handle = \(bind: base) OR handle LIKE \(bind: base + "%")
                """).all().map { try $0.decode(column: "handle", as: String.self) })
            let handle = ForumHandle.free(base, taken: taken)
            try await sql.raw("""
                INSERT INTO forum_members (user_id, handle, display_name, email_mode, post_count, created_at)
                VALUES (\(bind: userID), \(bind: handle), \(bind: display.isEmpty ? handle : display), \(bind: EmailMode.immediate.rawValue), 0, \(bind: now))
                ON CONFLICT DO NOTHING
                """).run()
            if let member = try await find(userID) { return member }
        }
        throw ForumError.notFound
    }

    /// Records a request of the member: a visit starting more than ``visitGap`` after the last
    /// moves the last visit into `previous_visit_at` (what "new since your last visit" compares
    /// with). Written at most once per ``visitGap``; returns the member as it now stands.
    @discardableResult
    public func recordVisit(_ member: Member, now: Int) async throws -> Member {
        guard member.lastVisitAt.map({ now - $0 >= Self.visitGap }) ?? true else { return member }
        var updated = member
        updated.previousVisitAt = member.lastVisitAt
        updated.lastVisitAt = now
        try await sql.raw("""
            UPDATE forum_members SET previous_visit_at = last_visit_at, last_visit_at = \(bind: now)
            WHERE user_id = \(bind: member.userID) AND (last_visit_at IS NULL OR last_visit_at <= \(bind: now - Self.visitGap))
            """).run()
        return updated
    }

    /// The members named by `handles` (without `@`, any case), by lowercased handle.
    public func byHandles(_ handles: [String]) async throws -> [String: Member] {
        let wanted = Array(Set(handles.map { $0.lowercased() }.filter(ForumHandle.isValid))).prefix(50)
        guard !wanted.isEmpty else { return [:] }
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM forum_members WHERE handle IN (\(binds: Array(wanted)))
            """).all()
        return Dictionary(try rows.map(Self.member).map { ($0.handle, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Display names (and handles) of `ids`, for the authors of a page of posts.
    public func named(_ ids: [UUID]) async throws -> [UUID: Member] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        let rows = try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM forum_members WHERE user_id IN (\(binds: unique))").all()
        return Dictionary(try rows.map(Self.member).map { ($0.userID, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Counts a new post of the member (inside the post's transaction), making their row from the
    /// account's name first when they post before any visit (a script, an import).
    func countPost(_ userID: UUID, now: Int, on database: any Database) async throws {
        let members = ForumMembers(database: database)
        if try await members.find(userID) == nil {
            let name = try await (database as! any SQLDatabase).raw("SELECT name FROM users WHERE id = \(bind: userID)").first()
            _ = try await members.ensure(userID, name: try name?.decode(column: "name", as: String.self) ?? "", now: now)
        }
        try await (database as! any SQLDatabase).raw("""
            UPDATE forum_members SET post_count = post_count + 1, first_post_at = COALESCE(first_post_at, \(bind: now))
            WHERE user_id = \(bind: userID)
            """).run()
    }

    private var sql: any SQLDatabase { database as! any SQLDatabase }

    static let columns = "user_id, handle, display_name, silenced_until, post_count, first_post_at, last_visit_at, previous_visit_at"

    static func member(_ row: any SQLRow) throws -> Member {
        Member(userID: try row.decode(column: "user_id", as: UUID.self),
               handle: try row.decode(column: "handle", as: String.self),
               displayName: try row.decode(column: "display_name", as: String.self),
               silencedUntil: try row.decode(column: "silenced_until", as: Int?.self),
               postCount: try row.decode(column: "post_count", as: Int.self),
               firstPostAt: try row.decode(column: "first_post_at", as: Int?.self),
               lastVisitAt: try row.decode(column: "last_visit_at", as: Int?.self),
               previousVisitAt: try row.decode(column: "previous_visit_at", as: Int?.self))
    }
}

/// Why a forum write did not happen.
public enum ForumError: Error, Equatable, Sendable {
    /// The thread, post or category is gone (or was never there).
    case notFound
    /// The quoted post is not in the thread replied to.
    case badQuote
}

/// Handles for @mentions: ASCII letters, digits and `_`, made from a person's name.
public enum ForumHandle {
    public static let maximumLength = 40

    /// `Amina Diallo-Touré` → `amina_diallo_toure`; a name with no Latin letters → `member`.
    public static func base(of name: String) -> String {
        let latin = name.applyingTransform(.toLatin, reverse: false) ?? name
        let folded = latin.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var handle = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) { handle.unicodeScalars.append(scalar) }
            else if !handle.isEmpty, handle.last != "_" { handle.append("_") }
        }
        while handle.hasSuffix("_") { handle.removeLast() }
        handle = String(handle.prefix(maximumLength - 6))
        while handle.hasSuffix("_") { handle.removeLast() }
        return handle.count >= 2 ? handle : "member"
    }

    /// Whether `text` can be a handle (what a mention or a `?by=` names): ASCII letters, digits, `_`.
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.count <= maximumLength && text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }
    }

    /// `base`, or `base2`, `base3`... whichever is not taken.
    public static func free(_ base: String, taken: Set<String>) -> String {
        if !taken.contains(base) { return base }
        var number = 2
        while taken.contains("\(base)\(number)") { number += 1 }
        return "\(base)\(number)"
    }
}
