import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Files carried by forum posts, kept in the database (forum_attachments.data): every node serves
/// them without a shared folder, the database's backup holds them, and a deleted post takes its
/// files with it. Their type is the one their bytes showed (``FileSignature``), decided before they
/// reach here; a download asks ``ForumLookup`` for the post first, like the post itself.
public struct ForumAttachments: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    /// At most this many files a post.
    public static let perPost = 5

    /// A file checked and named for keeping.
    public struct Upload: Sendable, Equatable {
        public var filename: String
        public var kind: FileKind
        public var bytes: [UInt8]
        /// The bytes' SHA-256 in hex, kept to compare copies of a file.
        public var sha256: String

        public init(filename: String, kind: FileKind, bytes: [UInt8], sha256: String) {
            self.filename = filename
            self.kind = kind
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    /// What a post's page lists of a file.
    public struct Summary: Sendable, Equatable {
        public var id: Int
        public var postID: Int
        public var filename: String
        public var contentType: String
        public var size: Int
    }

    /// Keeps `uploads` for post `postID`; call inside the post's own transaction.
    public func add(_ uploads: [Upload], postID: Int, uploaderID: UUID?, now: Int) async throws {
        for upload in uploads {
            try await sql.raw("""
                INSERT INTO forum_attachments (post_id, uploader_id, filename, content_type, size, sha256, data, created_at)
                VALUES (\(bind: postID), \(bind: uploaderID), \(bind: upload.filename), \(bind: upload.kind.contentType),
                        \(bind: upload.bytes.count), \(bind: upload.sha256), \(bind: Data(upload.bytes)), \(bind: now))
                """).run()
        }
    }

    /// The files of each of `postIDs` (posts the caller may read), in the order they were sent.
    public func list(postIDs: [Int]) async throws -> [Int: [Summary]] {
        guard !postIDs.isEmpty else { return [:] }
        let ids = Set(postIDs).sorted().map(String.init).joined(separator: ", ")
        var result: [Int: [Summary]] = [:]
        for row in try await sql.raw("""
            SELECT id, post_id, filename, content_type, size FROM forum_attachments
            WHERE post_id IN (\(unsafeRaw: ids)) ORDER BY id
            """).all() {
            let summary = Summary(id: try row.decode(column: "id", as: Int.self), postID: try row.decode(column: "post_id", as: Int.self),
                                  filename: try row.decode(column: "filename", as: String.self),
                                  contentType: try row.decode(column: "content_type", as: String.self),
                                  size: try row.decode(column: "size", as: Int.self))
            result[summary.postID, default: []].append(summary)
        }
        return result
    }

    /// A file to download.
    public struct File: Sendable {
        public var summary: Summary
        public var sha256: String
        public var data: Data
    }

    public func file(_ id: Int) async throws -> File? {
        guard let row = try await sql.raw("""
            SELECT id, post_id, filename, content_type, size, sha256, data FROM forum_attachments
            WHERE id = \(bind: id) AND post_id IS NOT NULL
            """).first() else { return nil }
        return File(summary: Summary(id: try row.decode(column: "id", as: Int.self), postID: try row.decode(column: "post_id", as: Int.self),
                                     filename: try row.decode(column: "filename", as: String.self),
                                     contentType: try row.decode(column: "content_type", as: String.self),
                                     size: try row.decode(column: "size", as: Int.self)),
                    sha256: try row.decode(column: "sha256", as: String.self), data: try row.decode(column: "data", as: Data.self))
    }

    private var sql: any SQLDatabase { database as! any SQLDatabase }
}
