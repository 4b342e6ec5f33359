import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Everything a request can be matched against, as compact ``MatchCandidate``s: listed experts as
/// the reader's audience may see them (their `expert_views` row, where privacy was decided once),
/// centres with their upcoming courses counted, courses not yet over, and published practices
/// (their facet rows, lead country and languages). Reading 100,000 practices takes seconds, so the
/// projection is kept in a ``Cache`` per data version (every write of public data bumps it in its
/// transaction, ``DataVersion``) and per day (availability and past courses depend on it), the
/// practices under the catalogue's own version (only practice writes move it): one request then
/// scores against it in milliseconds (`scripts/bench-matching`).
public struct MatchCandidates: Sendable {
    public let database: any Database
    public let cache: Cache
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database, cache: Cache) {
        self.database = database
        self.cache = cache
    }

    /// The matches of a need for one audience (staff, or a member: a focal point), best first per kind.
    public func rank(_ need: MatchNeed, audience: Audience, perKind: Int = MatchWeights.perKind) async throws -> [ScoredMatch] {
        MatchScoring.rank(need, groups: try await candidates(for: audience, today: need.today), perKind: perKind)
    }

    /// The candidates at the current data version (the experts, then the rest), read when the
    /// cache holds none for it.
    public func candidates(for audience: Audience, today: String) async throws -> [[MatchCandidate]] {
        let version = try await DataVersion.current(on: database)
        if let known = cache.candidates(version: version, today: today, audience: audience) { return known }
        var shared = cache.shared(version: version, today: today)
        if shared == nil { shared = try await readShared(today: today) }
        let experts = try await readExperts(audience: audience)
        cache.store(version: version, today: today, audience: audience, experts: experts, shared: shared ?? [])
        return [experts, shared ?? []]
    }

    /// The standard table with every country's region worked out: a lookup, where the standard
    /// table walks the M49 containment for each of 100,000 practices.
    public static let regions = RegionTable(overrides: Dictionary(Countries.all.map { ($0, RegionTable.standard.region(of: $0)) }, uniquingKeysWith: { a, _ in a }))

    /// Listed experts as `audience` sees them; a visitor sees no one to invite.
    func readExperts(audience: Audience) async throws -> [MatchCandidate] {
        let decoder = JSONDecoder()
        return try await sql.raw("SELECT expert_id, view FROM expert_views WHERE audience = \(bind: audience.rawValue)").all().map { row in
            let view = try decoder.decode(ExpertView.self, from: Data(try row.decode(column: "view", as: String.self).utf8))
            return .expert(id: try row.decode(column: "expert_id", as: UUID.self).uuidString, view, regions: Self.regions)
        }
    }

    /// Centres, courses and practices: the same for every audience.
    func readShared(today: String) async throws -> [MatchCandidate] {
        let decoder = JSONDecoder()
        var upcoming: [UUID: Int] = [:]
        var courses: [MatchCandidate] = []
        for row in try await sql.raw("SELECT id, centre_id, record FROM courses WHERE end_date >= \(bind: today)").all() {
            let record = try decoder.decode(CourseRecord.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
            if let centre = try row.decode(column: "centre_id", as: UUID?.self), record.startDate >= today { upcoming[centre, default: 0] += 1 }
            courses.append(.course(id: try row.decode(column: "id", as: UUID.self).uuidString, record, regions: Self.regions))
        }
        let centres = try await sql.raw("SELECT id, record FROM centres").all().map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            let record = try decoder.decode(CentreRecord.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
            return MatchCandidate.centre(id: id.uuidString, record, upcomingCourses: upcoming[id] ?? 0, regions: Self.regions)
        }
        return centres + courses + (try await cachedPractices())
    }

    /// Published practices, read again only when the catalogue's version moved.
    func cachedPractices() async throws -> [MatchCandidate] {
        let version = try await DataVersion.catalogue(on: database)
        if let known = cache.practices(version: version) { return known }
        let practices = try await readPractices()
        cache.storePractices(version: version, practices)
        return practices
    }

    /// Published practices from the catalogue's facet rows (themes, pillars), their lead country
    /// and the languages they are written in. The region of a country is worked out once per country.
    func readPractices() async throws -> [MatchCandidate] {
        struct Practice { var country = "", maturity: Maturity?, evidence: EvidenceLevel?, themes: [Theme] = [], pillars: [Pillar] = [], languages: [String] = [] }
        var practices: [String: Practice] = [:]
        for row in try await sql.raw("""
            SELECT slug, lead_country, maturity, evidence_level FROM practices WHERE status = 'published'
            """).all() {
            practices[try row.decode(column: "slug", as: String.self)] = Practice(
                country: try row.decode(column: "lead_country", as: String.self),
                maturity: Maturity(rawValue: try row.decode(column: "maturity", as: String.self)),
                evidence: EvidenceLevel(rawValue: try row.decode(column: "evidence_level", as: String.self)))
        }
        for row in try await sql.raw("""
            SELECT slug, facet, value FROM practice_facet_values WHERE facet IN ('theme', 'pillar')
            """).all() {
            let slug = try row.decode(column: "slug", as: String.self), value = try row.decode(column: "value", as: String.self)
            if try row.decode(column: "facet", as: String.self) == "theme" {
                if let theme = Theme(rawValue: value) { practices[slug]?.themes.append(theme) }
            } else if let number = Int(value), let pillar = Pillar(rawValue: number) {
                practices[slug]?.pillars.append(pillar)
            }
        }
        for row in try await sql.raw("""
            SELECT p.slug, t.language FROM practice_translations t JOIN practices p ON p.id = t.practice_id WHERE p.status = 'published'
            """).all() {
            practices[try row.decode(column: "slug", as: String.self)]?.languages.append(try row.decode(column: "language", as: String.self))
        }
        return practices.map { slug, p in
            MatchCandidate(kind: .practice, target: slug, country: p.country, languages: p.languages, themes: p.themes,
                           pillars: p.pillars, maturity: p.maturity, evidence: p.evidence, regions: Self.regions)
        }
    }
}
