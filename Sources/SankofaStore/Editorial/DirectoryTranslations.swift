import Fluent
import SankofaCore

/// A translation of a centre or a course saved and audited in one transaction, so that no
/// translation is public without its audit entry.
public struct DirectoryTranslations: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// False when there is no centre `slug`. See ``CentreStore/translate(_:into:_:)``.
    public func translateCentre(_ slug: String, into language: Language, _ text: CentreText, audit: AuditLog.Entry) async throws -> Bool {
        try await audited(audit) { try await CentreStore(database: $0).translate(slug, into: language, text) }
    }

    /// False when there is no course `slug`.
    public func translateCourse(_ slug: String, into language: Language, _ text: CourseText, audit: AuditLog.Entry) async throws -> Bool {
        try await audited(audit) { try await CourseStore(database: $0).translate(slug, into: language, text) }
    }

    private func audited(_ entry: AuditLog.Entry, _ write: @escaping @Sendable (any Database) async throws -> Bool) async throws -> Bool {
        try await database.atomically { tx in
            guard try await write(tx) else { return false }
            try await AuditLog(database: tx).record(entry)
            return true
        }
    }
}
