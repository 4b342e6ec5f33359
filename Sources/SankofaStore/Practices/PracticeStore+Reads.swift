import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Reads of whole practices: one, all of them in pages, published titles.
extension PracticeStore {
    /// The query with every child of a practice loaded (what `PracticeModel.record` reads).
    static func withEverything(_ query: QueryBuilder<PracticeModel>) -> QueryBuilder<PracticeModel> {
        query.with(\.$translations).with(\.$countries).with(\.$pillars).with(\.$themes)
    }

    /// A practice with everything loaded, or nil. `publishedOnly` is what every public read uses.
    public func find(slug: String, publishedOnly: Bool) async throws -> PracticeModel? {
        guard Slug.isValid(slug) else { return nil }
        var query = PracticeModel.query(on: database).filter(\.$slug == slug)
        if publishedOnly { query = query.filter(\.$status == PracticeStatus.published.rawValue) }
        return try await Self.withEverything(query).first()
    }

    /// Every practice's record, in slug order (export, the Handbook's selection), as they all
    /// were at one moment: the pages are read in one transaction, REPEATABLE READ on PostgreSQL
    /// (SQLite's transaction reads one snapshot), so a practice saved meanwhile behind the
    /// cursor is neither missed nor half-seen.
    ///
    /// `oneSnapshot` false reads each page in a transaction of its own instead (a record is never
    /// half-seen, but a practice saved between two pages may be read as it was or as it is): on
    /// SQLite the server's Fluent work shares one connection, which one transaction over 100,000
    /// practices would hold for tens of seconds while every other request waited.
    public func allRecords(publishedOnly: Bool, oneSnapshot: Bool = true) async throws -> [PracticeRecord] {
        if !oneSnapshot && !database.inTransaction {
            var records: [PracticeRecord] = [], after: String?
            while true {
                let from = after, regions = regions
                let page = try await database.transaction { tx in
                    try await PracticeStore(database: tx, regions: regions).page(publishedOnly: publishedOnly, after: from).map(\.record)
                }
                records += page
                guard page.count == Self.pageSize, let last = page.last else { return records }
                after = last.slug
            }
        }
        // A transaction of its own, not `atomically`: the isolation level must be its first statement.
        guard database.inTransaction else {
            return try await database.transaction { tx in
                if let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" {
                    try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
                }
                return try await PracticeStore(database: tx, regions: regions).allRecords(publishedOnly: publishedOnly)
            }
        }
        var records: [PracticeRecord] = []
        try await forEachPage(publishedOnly: publishedOnly) { records += $0.map(\.record) }
        return records
    }

    /// Every practice with everything loaded, in pages of `size` in slug order. In pages because
    /// Fluent matches eager-loaded children to their parents by scanning every child for each
    /// parent, which grows with the square of the page: with 1,000 a page that matching was
    /// three quarters of a reindex's time; over every practice at once it would dominate.
    func forEachPage(publishedOnly: Bool, size: Int = pageSize, _ body: ([PracticeModel]) async throws -> Void) async throws {
        var after: String?
        while true {
            let page = try await self.page(publishedOnly: publishedOnly, after: after, size: size)
            guard let last = page.last else { return }
            try await body(page)
            guard page.count == size else { return }
            after = last.slug
        }
    }

    static let pageSize = 100

    /// The practices after the slug `after` (from the first when nil), `size` of them, in slug order.
    func page(publishedOnly: Bool, after: String?, size: Int = pageSize) async throws -> [PracticeModel] {
        var query = Self.withEverything(PracticeModel.query(on: database)).sort(\.$slug).limit(size)
        if publishedOnly { query = query.filter(\.$status == PracticeStatus.published.rawValue) }
        if let after { query = query.filter(\.$slug > after) }
        return try await query.all()
    }

    /// Every published practice's title, in slug order, or nil when there are more than `limit`.
    public func publishedTitles(upTo limit: Int, in language: Language) async throws -> [(slug: String, title: String, language: Language)]? {
        let slugs = try await PracticeModel.query(on: database).filter(\.$status == PracticeStatus.published.rawValue)
            .sort(\.$slug).limit(limit + 1).all(\.$slug)
        return slugs.count > limit ? nil : try await publishedTitles(slugs, in: language)
    }

    /// Titles of the published practices among `slugs`, in the order given, for the links
    /// between practices and the people and centres behind them.
    public func publishedTitles(_ slugs: [String], in language: Language) async throws -> [(slug: String, title: String, language: Language)] {
        guard !slugs.isEmpty else { return [] }
        let models = try await PracticeModel.query(on: database).filter(\.$slug ~~ slugs)
            .filter(\.$status == PracticeStatus.published.rawValue).with(\.$translations).all()
        let bySlug = Dictionary(uniqueKeysWithValues: models.map { ($0.slug, $0) })
        return slugs.compactMap { slug in
            bySlug[slug].map { let shown = $0.text(in: language); return (slug, shown.text.title, shown.language) }
        }
    }
}
