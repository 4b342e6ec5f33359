import FluentKit

extension Database {
    /// Runs `body` in a transaction, joining the one already open when this database is one
    /// (a store called from another store's transaction must not open a nested one: SQLite has
    /// one connection and PostgreSQL would deadlock on its own row locks).
    public func atomically<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if inTransaction { return try await body(self) }
        return try await transaction { try await body($0) }
    }
}
