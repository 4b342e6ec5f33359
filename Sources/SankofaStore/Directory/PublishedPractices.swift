import Fluent
import SankofaCore
import SQLKit

/// Which of the practices a directory record names are published: the JSON API lists only those,
/// and asks about the few a page names rather than reading every published practice.
public struct PublishedPractices: Sendable {
    public let database: any Database

    public init(database: any Database) { self.database = database }

    public func among(_ slugs: [String]) async throws -> Set<String> {
        guard !slugs.isEmpty else { return [] }
        let rows = try await (database as! any SQLDatabase).raw("""
            SELECT slug FROM practices WHERE status = \(bind: PracticeStatus.published.rawValue) AND slug IN (\(binds: Array(Set(slugs))))
            """).all()
        return Set(try rows.map { try $0.decode(column: "slug", as: String.self) })
    }
}
