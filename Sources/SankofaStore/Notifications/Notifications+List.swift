import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The list page's read: a person's notifications, newest first, with what each links to.
extension Notifications {
    public struct Item: Sendable, Equatable {
        public var id: Int
        public var kind: NotificationKind
        public var actorName: String?
        public var threadID: Int?
        public var threadTitle: String?
        public var postID: Int?
        public var groupID: Int?
        /// The group's slug when the person may know of the group (``groupSlugColumn``), for its link.
        public var groupSlug: String?
        /// The request or exchange a notice of the cooperation cycle points at.
        public var requestID: Int?
        public var exchangeID: Int?
        public var detail: String
        public var createdAt: Int
        public var readAt: Int?
    }

    /// One page of `userID`'s notifications they may still read, and how many there are in all.
    public func list(for userID: UUID, limit: Int, offset: Int) async throws -> (items: [Item], total: Int) {
        let total = try await sql.raw("""
            SELECT COUNT(*) AS n FROM notifications n \(unsafeRaw: Self.joins)
            WHERE n.user_id = \(bind: userID) AND \(unsafeRaw: Self.readable)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        let items = try await sql.raw("""
            SELECT n.id, n.kind, n.thread_id, n.post_id, n.group_id, n.detail, n.created_at, n.read_at,
                   \(unsafeRaw: Self.cooperationColumns), \(unsafeRaw: Self.groupSlugColumn)
            FROM notifications n \(unsafeRaw: Self.joins) LEFT JOIN forum_members m ON m.user_id = n.actor_id \(unsafeRaw: Self.cooperationJoins)
            WHERE n.user_id = \(bind: userID) AND \(unsafeRaw: Self.readable)
            ORDER BY n.id DESC LIMIT \(literal: max(0, limit)) OFFSET \(literal: max(0, offset))
            """).all().compactMap(Self.item)
        return (try await withholdingRequests(items, from: userID), total)
    }

    /// A notice about a request the person may not read (an expert invited to a request kept to staff
    /// and the focal point; a request narrowed since) names neither the request nor links to it.
    func withholdingRequests(_ items: [Item], from userID: UUID) async throws -> [Item] {
        guard items.contains(where: { $0.requestID != nil }) else { return items }
        // The person is read once for the page, each request once.
        let actor = try await UserModel.find(userID, on: database)?.actor
        var readable: [Int: Bool] = [:]
        let lookup = RequestLookup(database: database)
        var shown = items
        for (index, item) in items.enumerated() {
            guard let requestID = item.requestID else { continue }
            if readable[requestID] == nil {
                var may = false
                if let actor, let facts = try await lookup.request(requestID) { may = try await lookup.mayRead(facts, actor: actor, userID: userID) }
                readable[requestID] = may
            }
            if readable[requestID] == false {
                shown[index].threadTitle = nil
                shown[index].requestID = nil
            }
        }
        return shown
    }

    static func item(_ row: any SQLRow) throws -> Item? {
        guard let kind = NotificationKind(rawValue: try row.decode(column: "kind", as: String.self)) else { return nil }
        return Item(id: try row.decode(column: "id", as: Int.self), kind: kind,
                    actorName: try row.decode(column: "actor_name", as: String?.self),
                    threadID: try row.decode(column: "thread_id", as: Int?.self),
                    threadTitle: try row.decode(column: "thread_title", as: String?.self),
                    postID: try row.decode(column: "post_id", as: Int?.self),
                    groupID: try row.decode(column: "group_id", as: Int?.self),
                    groupSlug: try row.decode(column: "group_slug", as: String?.self),
                    requestID: try row.decode(column: "request_id", as: Int?.self),
                    exchangeID: try row.decode(column: "exchange_id", as: Int?.self),
                    detail: try row.decode(column: "detail", as: String.self),
                    createdAt: try row.decode(column: "created_at", as: Int.self),
                    readAt: try row.decode(column: "read_at", as: Int?.self))
    }
}

