import Fluent
import Foundation
import SankofaCore
import SQLKit

extension ForumCategoryAdmin {
    /// Moves a category one place up or down among its list's (the forum's, or its group's).
    public func move(_ category: Category, up: Bool, audit: AuditLog.Entry) async throws {
        try await reorder(category, audit: audit) { ids, index in
            let target = up ? index - 1 : index + 1
            guard ids.indices.contains(target) else { return }
            ids.swapAt(index, target)
        }
    }

    /// Puts a category at `position` (1 is first; past the end is last) in its list.
    public func place(_ category: Category, at position: Int, audit: AuditLog.Entry) async throws {
        try await reorder(category, audit: audit) { ids, index in
            let id = ids.remove(at: index)
            ids.insert(id, at: min(max(position, 1), ids.count + 1) - 1)
        }
    }

    /// Reads the list's order, lets `change` rearrange it, and numbers the list 1, 2, 3… again,
    /// so positions stay dense whatever was deleted or placed before.
    private func reorder(_ category: Category, audit: AuditLog.Entry,
                         _ change: @escaping @Sendable (inout [Int], Int) -> Void) async throws {
        try await database.atomically { database in
            let sql = database as! any SQLDatabase
            var ids = try await sql.raw("""
                SELECT c.id FROM forum_categories c WHERE \(Self.scope(category.draft.groupID)) ORDER BY c.position, c.id
                """).all().map { try $0.decode(column: "id", as: Int.self) }
            guard let index = ids.firstIndex(of: category.id) else { throw Refusal.notFound }
            change(&ids, index)
            for (offset, id) in ids.enumerated() {
                try await sql.raw("UPDATE forum_categories SET position = \(bind: offset + 1) WHERE id = \(bind: id)").run()
            }
            try await DataVersion.bump(on: database)
            try await AuditLog(database: database).record(audit)
        }
    }
}
