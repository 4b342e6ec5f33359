import Fluent
import Foundation
import SankofaCore
import SQLKit

/// What a page shows of a match's target, and who answers an invitation for it.
extension RequestMatches {
    public struct Target: Sendable, Equatable {
        public var kind: MatchKind
        public var target: String
        /// The expert's name, the centre's name, the practice's or course's title, in the reader's
        /// language where there is one.
        public var name: String
        public var nameLanguage: Language
        /// For the link to its page.
        public var slug: String
        /// The account that answers an invitation: the expert's own, or that of the centre's focal
        /// point. Nil for an expert or centre without one: they cannot be invited online.
        public var inviteeID: UUID?
    }

    /// The targets of `keys` that `audience` may see: an expert whose profile is hidden from the
    /// audience, or whose account is disabled, is not among them. Keyed by ``key(_:_:)``.
    public func targets(_ keys: [(MatchKind, String)], audience: Audience, language: Language) async throws -> [String: Target] {
        var found: [String: Target] = [:]
        func ids(_ kind: MatchKind) -> [UUID] { keys.filter { $0.0 == kind }.compactMap { UUID(uuidString: $0.1) } }
        let decoder = JSONDecoder()
        let experts = ids(.expert)
        if !experts.isEmpty {
            for row in try await sql.raw("""
                SELECT v.expert_id, v.slug, v.name, u.id AS invitee FROM expert_views v
                LEFT JOIN users u ON u.id = v.user_id AND u.status = 'active'
                WHERE v.audience = \(bind: audience.rawValue) AND v.expert_id IN (\(binds: experts))
                """).all() {
                let target = try row.decode(column: "expert_id", as: UUID.self).uuidString
                found[Self.key(.expert, target)] = Target(kind: .expert, target: target, name: try row.decode(column: "name", as: String.self),
                                                          nameLanguage: language, slug: try row.decode(column: "slug", as: String.self),
                                                          inviteeID: try row.decode(column: "invitee", as: UUID?.self))
            }
        }
        let centres = ids(.centre)
        if !centres.isEmpty {
            let rows = try await sql.raw("SELECT id, record FROM centres WHERE id IN (\(binds: centres))").all().map {
                (try $0.decode(column: "id", as: UUID.self).uuidString,
                 try decoder.decode(CentreRecord.self, from: Data(try $0.decode(column: "record", as: String.self).utf8)))
            }
            let focalPoints = rows.compactMap(\.1.focalPoint)
            var accounts: [String: UUID] = [:]
            if !focalPoints.isEmpty {
                for row in try await sql.raw("""
                    SELECT e.slug, u.id FROM experts e JOIN users u ON u.id = e.user_id AND u.status = 'active'
                    WHERE e.slug IN (\(binds: focalPoints))
                    """).all() {
                    accounts[try row.decode(column: "slug", as: String.self)] = try row.decode(column: "id", as: UUID.self)
                }
            }
            for (target, record) in rows {
                let text = record.translations.resolve(language, original: record.originalLanguage)
                found[Self.key(.centre, target)] = Target(kind: .centre, target: target, name: text?.value.name ?? record.slug,
                                                          nameLanguage: text?.language ?? record.originalLanguage, slug: record.slug,
                                                          inviteeID: record.focalPoint.flatMap { accounts[$0] })
            }
        }
        let courses = ids(.course)
        if !courses.isEmpty {
            for row in try await sql.raw("SELECT id, record FROM courses WHERE id IN (\(binds: courses))").all() {
                let record = try decoder.decode(CourseRecord.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
                let text = record.translations.resolve(language, original: record.originalLanguage)
                let target = try row.decode(column: "id", as: UUID.self).uuidString
                found[Self.key(.course, target)] = Target(kind: .course, target: target, name: text?.value.title ?? record.slug,
                                                          nameLanguage: text?.language ?? record.originalLanguage, slug: record.slug, inviteeID: nil)
            }
        }
        let practices = keys.filter { $0.0 == .practice }.map(\.1)
        if !practices.isEmpty {
            var titles: [String: [Language: String]] = [:], originals: [String: Language] = [:]
            for row in try await sql.raw("""
                SELECT p.slug, p.original_language, t.language, t.title FROM practices p JOIN practice_translations t ON t.practice_id = p.id
                WHERE p.status = 'published' AND p.slug IN (\(binds: practices))
                """).all() {
                let slug = try row.decode(column: "slug", as: String.self)
                originals[slug] = Language(rawValue: try row.decode(column: "original_language", as: String.self))
                if let l = Language(rawValue: try row.decode(column: "language", as: String.self)) {
                    titles[slug, default: [:]][l] = try row.decode(column: "title", as: String.self)
                }
            }
            for (slug, byLanguage) in titles {
                let shown = byLanguage[language] != nil ? language : (originals[slug] ?? byLanguage.keys.sorted().first!)
                found[Self.key(.practice, slug)] = Target(kind: .practice, target: slug, name: byLanguage[shown] ?? slug,
                                                          nameLanguage: shown, slug: slug, inviteeID: nil)
            }
        }
        return found
    }

    public static func key(_ kind: MatchKind, _ target: String) -> String { "\(kind.rawValue):\(target)" }
}
