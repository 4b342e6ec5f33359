import Foundation
import SQLKit

/// A facet of a directory list as the engine reads it.
struct StoredFacet: Sendable {
    enum Source: Sendable {
        /// Rows of the list's values table (alias `f`) under these `facet` names.
        case values([String])
        /// A property of the entry's own row (alias `r`), such as a course's dates against today;
        /// each value is counted with its own condition.
        case row(values: [String])
    }

    /// The query parameter.
    let name: String
    let source: Source
    /// The condition for an entry having one of `chosen` (on `f` or on `r`, per the source).
    let matches: @Sendable (_ chosen: [String], _ today: String) -> SQLQueryString
    /// The value a stored row of a values facet counts under; nil for none.
    let shown: @Sendable (_ facet: String, _ value: String, _ today: String) -> String?

    /// A facet stored under its own name and counted as stored.
    static func plain(_ name: String) -> StoredFacet {
        StoredFacet(name: name, source: .values([name]),
                    matches: { chosen, _ in "f.facet = \(bind: name) AND f.value IN (\(binds: chosen))" },
                    shown: { _, value, _ in value })
    }

    /// Alternatives joined by OR, never empty (an unknown choice matches nothing).
    static func any(_ alternatives: [SQLQueryString]) -> SQLQueryString {
        alternatives.isEmpty ? "1 = 0" : "(" + alternatives.joined(separator: " OR ") + ")"
    }
}

/// One value an entry has for a facet, as stored in a list's values table.
struct FacetValue: Hashable, Sendable {
    var facet: String
    var value: String

    /// `values` without repeats, in order: a value counts an entry once.
    static func unique(_ values: [FacetValue]) -> [FacetValue] {
        var seen = Set<FacetValue>()
        return values.filter { seen.insert($0).inserted }
    }
}

/// What a reader chose on a directory list: facet values (already checked by the page), the
/// condition of `q` on the entry's row when there are words to search, and the day.
public struct DirectorySelection: Sendable {
    public var chosen: [String: [String]]
    public var text: String
    public var today: String

    public init(chosen: [String: [String]] = [:], text: String = "", today: String) {
        self.chosen = chosen.filter { !$0.value.isEmpty }
        self.text = text
        self.today = today
    }
}

/// One page of a directory list: the entries matching, how many, and for each facet the count of
/// each value among the entries matching the *other* facets' choices (a reader sees what a click gives).
public struct DirectoryPage<Item: Sendable>: Sendable {
    public var total: Int
    public var items: [Item]
    public var counts: [String: [String: Int]]
}

/// One directory list read by the engine: filtered, counted and paged in SQL over its table
/// (alias `r`) and a values table (alias `f`: one row per entry, facet and value, indexed by
/// facet and value), so that a page costs an index scan of what it counts and the rows it shows,
/// never a read of every record.
struct FacetedList: Sendable {
    /// Fixed names, never user input.
    let table: String
    let values: String
    /// The values table's column naming the entry (`r.id`).
    let key: String
    /// The entries the reader may list, on `r`, and the same on `f`.
    let scope: SQLQueryString
    let valueScope: SQLQueryString
    let facets: [StoredFacet]
    /// The condition of the selection's text on `r`, nil when it holds no word to search for.
    let text: SQLQueryString?

    /// The condition on `r` for the entries matching every choice but those of `skipped`.
    func filter(_ selection: DirectorySelection, except skipped: String? = nil) -> SQLQueryString {
        var parts: [SQLQueryString] = [scope]
        for facet in facets where facet.name != skipped {
            guard let chosen = selection.chosen[facet.name] else { continue }
            switch facet.source {
            case .values:
                parts.append("""
                    r.id IN (SELECT f.\(unsafeRaw: key) FROM \(unsafeRaw: values) f WHERE \(valueScope)
                    AND \(facet.matches(chosen, selection.today)))
                    """)
            case .row:
                parts.append(facet.matches(chosen, selection.today))
            }
        }
        if let text { parts.append(text) }
        return "(" + parts.joined(separator: ") AND (") + ")"
    }

    func total(_ selection: DirectorySelection, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) r WHERE \(filter(selection))").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    /// The rows of one page (`columns` of `r`, and of `join`), in `order`.
    func rows(_ selection: DirectorySelection, columns: String, join: SQLQueryString = "", order: SQLQueryString,
              after: SQLQueryString? = nil, limit: Int, offset: Int = 0, on sql: any SQLDatabase) async throws -> [any SQLRow] {
        let condition = after.map { "\(filter(selection)) AND \($0)" as SQLQueryString } ?? filter(selection)
        return try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: table) r \(join) WHERE \(condition)
            ORDER BY \(order) LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
            """).all()
    }

    /// The counts of every facet, in one statement: the facets without a choice among the entries
    /// matching every choice (straight from the values index when nothing is chosen), each facet
    /// with a choice among those matching the others'.
    func counts(_ selection: DirectorySelection, on sql: any SQLDatabase) async throws -> [String: [String: Int]] {
        let chosen = facets.filter { selection.chosen[$0.name] != nil }.map(\.name)
        var groups: [(facets: [StoredFacet], skipped: String?)] = []
        let unchosen = facets.filter { !chosen.contains($0.name) }
        if !unchosen.isEmpty { groups.append((unchosen, nil)) }
        groups += facets.filter { chosen.contains($0.name) }.map { ([$0], $0.name) }

        var parts: [SQLQueryString] = []
        for (group, skipped) in groups {
            let narrowed = text != nil || chosen.contains { $0 != skipped }
            let stored = group.flatMap { facet -> [String] in if case .values(let names) = facet.source { names } else { [] } }
            if !stored.isEmpty {
                // Narrowed, the entries are the reader's already: the values are read by entry
                // (from the key's index alone) rather than by scope, facet and value.
                let within: SQLQueryString = narrowed
                    ? "f.\(unsafeRaw: key) IN (SELECT r.id FROM \(unsafeRaw: table) r WHERE \(filter(selection, except: skipped)))" : valueScope
                parts.append("""
                    SELECT f.facet AS facet, f.value AS value, COUNT(*) AS n FROM \(unsafeRaw: values) f
                    WHERE \(within) AND f.facet IN (\(binds: stored)) GROUP BY f.facet, f.value
                    """)
            }
            for facet in group {
                guard case .row(let values) = facet.source else { continue }
                for value in values {
                    parts.append("""
                        SELECT \(literal: facet.name) AS facet, \(literal: value) AS value, COUNT(*) AS n FROM \(unsafeRaw: table) r
                        WHERE \(filter(selection, except: skipped)) AND \(facet.matches([value], selection.today))
                        """)
                }
            }
        }
        var counts = Dictionary(uniqueKeysWithValues: facets.map { ($0.name, [String: Int]()) })
        guard !parts.isEmpty else { return counts }
        var byStored: [String: StoredFacet] = [:]
        for facet in facets {
            if case .values(let names) = facet.source { for name in names { byStored[name] = facet } } else { byStored[facet.name] = facet }
        }
        for row in try await sql.raw(parts.joined(separator: " UNION ALL ")).all() {
            let stored = try row.decode(column: "facet", as: String.self), value = try row.decode(column: "value", as: String.self)
            let n = try row.decode(column: "n", as: Int.self)
            guard n > 0, let facet = byStored[stored] else { continue }
            let shown: String?
            if case .row = facet.source { shown = value } else { shown = facet.shown(stored, value, selection.today) }
            guard let shown else { continue }
            counts[facet.name, default: [:]][shown, default: 0] += n
        }
        return counts
    }

    /// The total, one page of rows and the counts.
    func page(_ selection: DirectorySelection, columns: String, join: SQLQueryString = "", order: SQLQueryString,
              page: Int, perPage: Int, on sql: any SQLDatabase) async throws -> (total: Int, rows: [any SQLRow], counts: [String: [String: Int]]) {
        let total = try await total(selection, on: sql)
        let offset = (page - 1) * perPage
        let rows = offset < total
            ? try await rows(selection, columns: columns, join: join, order: order, limit: perPage, offset: offset, on: sql) : []
        return (total, rows, try await counts(selection, on: sql))
    }
}

/// Byte order for text, the same on both engines: SQLite compares text as bytes, PostgreSQL by
/// the database's collation unless told otherwise.
enum Bytewise {
    static func column(_ name: String, _ sql: any SQLDatabase) -> SQLQueryString {
        sql.dialect.name == "sqlite" ? "\(unsafeRaw: name)" : "\(unsafeRaw: name) COLLATE \"C\""
    }

    /// For a column definition in a migration.
    static func collation(_ sql: any SQLDatabase) -> String {
        sql.dialect.name == "sqlite" ? "" : " COLLATE \"C\""
    }
}
