import Foundation
import Testing
@testable import SankofaCore

/// The CT/PVE thesaurus (Resources/search/thesaurus.json) that cross-language search will expand
/// queries with: every concept named in all six languages, each term something search can match.
@Suite("Thesaurus")
struct ThesaurusTests {
    struct File: Decodable {
        struct Concept: Decodable { var id: String; var terms: [String: [String]] }
        var concepts: [Concept]
    }

    static func load() throws -> File {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/SankofaCore/Resources/search/thesaurus.json")
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }

    @Test func everyConceptHasAllSixLanguages() throws {
        let file = try Self.load()
        #expect(file.concepts.count >= 16)
        #expect(Set(file.concepts.map(\.id)).count == file.concepts.count, "concept ids are unique")
        for concept in file.concepts {
            #expect(Set(concept.terms.keys) == Set(Language.allCases.map(\.rawValue)), "\(concept.id): \(concept.terms.keys.sorted())")
            for (language, terms) in concept.terms {
                #expect(!terms.isEmpty, "\(concept.id) has no \(language) term")
                for term in terms { #expect(!SearchTokens.query(term).isEmpty, "\(concept.id) \(language): \(term)") }
            }
        }
    }

    /// The concepts the issue names are there.
    @Test func theIssuesConceptsAreThere() throws {
        let ids = Set(try Self.load().concepts.map(\.id))
        for id in ["deradicalisation", "disengagement", "rehabilitation", "reintegration", "returnees", "foreign-terrorist-fighters",
                   "prisons", "youth", "women-and-gender", "victims", "religious-leaders", "strategic-communications",
                   "terrorism-financing", "border-security", "community-policing", "national-action-plans"] {
            #expect(ids.contains(id), "\(id)")
        }
    }
}
