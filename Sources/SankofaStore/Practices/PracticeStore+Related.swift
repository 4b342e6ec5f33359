import Fluent
import Foundation
import SankofaCore
import SQLKit

extension PracticeStore {
    /// Published practices sharing themes with `practice` (its themes loaded), most shared themes
    /// first, then by slug; never the practice itself.
    ///
    /// Chosen level by level, from all of its themes down to one: the practices sharing at least
    /// that many which are not chosen yet (they share exactly that many), first by slug, as many as
    /// are missing. Each level reads each theme's practices in slug order (an index of
    /// ``PracticeFacetIndex``) and stops at what it needs, so a page costs a few index reads where
    /// counting the shared themes of every practice sharing one (tens of thousands at 100,000
    /// practices) cost tens of milliseconds. Past four themes the subsets of a level become many,
    /// and the engine counts instead.
    public func related(to practice: PracticeModel, limit: Int = 4) async throws -> [PracticeModel] {
        let themes = Set(practice.themes.map(\.theme)).sorted()
        guard !themes.isEmpty, let id = practice.id, limit > 0 else { return [] }
        let sql = database as! any SQLDatabase
        var chosen: [UUID] = []
        if themes.count > 4 {
            chosen = try await sql.raw("""
                SELECT a.practice_id AS id, a.slug, COUNT(*) AS shared FROM practice_facet_values a
                WHERE a.facet = 'theme' AND a.value IN (\(binds: themes)) AND a.practice_id <> \(bind: id)
                GROUP BY a.practice_id, a.slug ORDER BY shared DESC, a.slug ASC LIMIT \(literal: limit)
                """).all().map { try $0.decode(column: "id", as: UUID.self) }
        } else {
            let sizes = try await themeSizes(sql)
            // The rarest theme leads each subset: its practices are read, the others looked up.
            let ordered = themes.sorted { (sizes[$0] ?? 0, $0) < (sizes[$1] ?? 0, $1) }
            for shared in stride(from: ordered.count, through: 1, by: -1) where chosen.count < limit {
                chosen += try await sharing(Self.subsets(of: ordered, size: shared), except: [id] + chosen,
                                            first: limit - chosen.count, on: sql)
            }
        }
        guard !chosen.isEmpty else { return [] }
        let models = try await Self.withEverything(PracticeModel.query(on: database).filter(\.$id ~~ chosen)).all()
        return chosen.compactMap { id in models.first { $0.id == id } }
    }

    /// How many published practices have each theme (the count table).
    private func themeSizes(_ sql: any SQLDatabase) async throws -> [String: Int] {
        var sizes: [String: Int] = [:]
        for row in try await sql.raw("SELECT value, n FROM practice_facet_counts WHERE given = '' AND facet = 'theme'").all() {
            sizes[try row.decode(column: "value", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return sizes
    }

    /// The first `count` published practices by slug having every theme of one of `subsets`, other than `excluded`.
    private func sharing(_ subsets: [[String]], except excluded: [UUID], first count: Int, on sql: any SQLDatabase) async throws -> [UUID] {
        let parts: [SQLQueryString] = subsets.enumerated().map { index, subset in
            let others: [SQLQueryString] = subset.dropFirst().map { theme in
                "AND EXISTS (SELECT 1 FROM practice_facet_values b WHERE b.practice_id = a.practice_id AND b.facet = 'theme' AND b.value = \(bind: theme))"
            }
            return """
                SELECT q\(unsafeRaw: String(index)).slug, q\(unsafeRaw: String(index)).id FROM (
                  SELECT a.slug AS slug, a.practice_id AS id FROM practice_facet_values a
                  WHERE a.facet = 'theme' AND a.value = \(bind: subset[0]) AND a.practice_id NOT IN (\(binds: excluded))
                  \(others.joined(separator: " ")) ORDER BY a.slug LIMIT \(literal: count)) q\(unsafeRaw: String(index))
                """
        }
        return try await sql.raw("\(parts.joined(separator: " UNION ")) ORDER BY slug LIMIT \(literal: count)").all()
            .map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// The subsets of `items` with `size` elements, each in the order of `items`.
    static func subsets(of items: [String], size: Int) -> [[String]] {
        guard size > 0 else { return [[]] }
        guard items.count >= size else { return [] }
        let rest = Array(items.dropFirst())
        return subsets(of: rest, size: size - 1).map { [items[0]] + $0 } + subsets(of: rest, size: size)
    }
}
