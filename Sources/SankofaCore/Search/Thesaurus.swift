import Foundation

/// The CT/PVE concepts of `Resources/search/thesaurus.json` in the six languages, used to expand
/// a query: words that name a concept (`rehabilitation`, `إعادة التأهيل`) also match the
/// concept's other terms, so a reader writing in Arabic finds a practice written only in English.
/// Matches through another term rank below matches of the words as typed (each engine's ranking
/// puts them in a lower tier), and a quoted word is never expanded.
public struct Thesaurus: Sendable {
    /// One term of a concept as query terms (its words, each with its stems, none a prefix).
    struct Entry: Sendable {
        var concept: Int
        var terms: [SearchTokens.Term]
    }

    let entries: [Entry]
    /// Each concept's terms, as the alternatives a match may take.
    let concepts: [[[SearchTokens.Term]]]

    /// The thesaurus shipped with the app.
    public static let shared: Thesaurus = {
        guard let url = Bundle.module.url(forResource: "thesaurus", withExtension: "json", subdirectory: "search")
                ?? Bundle.module.url(forResource: "thesaurus", withExtension: "json"),
              let data = try? Data(contentsOf: url), let thesaurus = try? Thesaurus(json: data) else {
            fatalError("Resources/search/thesaurus.json is missing or malformed")
        }
        return thesaurus
    }()

    private struct File: Decodable {
        struct Concept: Decodable { var id: String; var terms: [String: [String]] }
        var concepts: [Concept]
    }

    public init(json: Data) throws {
        let file = try JSONDecoder().decode(File.self, from: json)
        var entries: [Entry] = [], concepts: [[[SearchTokens.Term]]] = []
        for (index, concept) in file.concepts.enumerated() {
            var alternatives: [[SearchTokens.Term]] = []
            for language in Language.displayOrder {
                for text in concept.terms[language.rawValue] ?? [] {
                    let terms = SearchTokens.query(text).map { term -> SearchTokens.Term in
                        var term = term
                        term.prefix = false
                        return term
                    }
                    guard !terms.isEmpty, !alternatives.contains(terms) else { continue }
                    alternatives.append(terms)
                    entries.append(Entry(concept: index, terms: terms))
                }
            }
            concepts.append(alternatives)
        }
        self.entries = entries
        self.concepts = concepts
    }

    /// `terms` with each run that names a concept given its other terms: the run's first term
    /// carries them (``SearchTokens/Expansion``). At each place the longest run is taken.
    public func expand(_ terms: [SearchTokens.Term]) -> [SearchTokens.Term] {
        var result = terms
        var index = 0
        while index < terms.count {
            var best = 0, matched: [Int] = []
            for entry in entries where entry.terms.count >= best && index + entry.terms.count <= terms.count {
                let run = terms[index..<index + entry.terms.count]
                guard zip(run, entry.terms).allSatisfy({ Self.same($0, $1) }) else { continue }
                if entry.terms.count > best { best = entry.terms.count; matched = [] }
                matched.append(entry.concept)
            }
            guard best > 0 else { index += 1; continue }
            let run = Array(terms[index..<index + best])
            var alternatives: [[SearchTokens.Term]] = []
            for concept in Set(matched).sorted() {
                for alternative in concepts[concept] where !alternatives.contains(alternative)
                    && !(alternative.count == run.count && zip(run, alternative).allSatisfy { $0.token == $1.token }) {
                    alternatives.append(alternative)
                }
            }
            if !alternatives.isEmpty { result[index].expansion = SearchTokens.Expansion(span: best, alternatives: alternatives) }
            index += best
        }
        return result
    }

    /// Whether a query's term names a thesaurus term's word: the same token, or a shared stem
    /// (`rehabilitate` and `rehabilitation`, `تطرف` and `التطرف`). Quoted terms match as written only.
    static func same(_ query: SearchTokens.Term, _ word: SearchTokens.Term) -> Bool {
        guard !query.quoted, !query.isPhrase else { return false }
        return query.token == word.token || !Set(query.stems).isDisjoint(with: word.stems)
    }
}

extension SearchTokens {
    /// What a term's run may be replaced by: any one of `alternatives`, each a list of terms that
    /// must all match, instead of the `span` terms the query wrote.
    public struct Expansion: Sendable, Equatable, Hashable {
        public var span: Int
        public var alternatives: [[Term]]
    }

    /// The query's terms expanded with the thesaurus (``Thesaurus/expand(_:)``).
    public static func expandedQuery(_ query: String) -> [Term] {
        Thesaurus.shared.expand(self.query(query))
    }
}

extension Array where Element == SearchTokens.Term {
    /// The terms and their expansions' terms, flattened: what a snippet highlights.
    public var withAlternatives: [SearchTokens.Term] {
        flatMap { term in [term] + (term.expansion?.alternatives.flatMap { $0 } ?? []) }
    }

    /// Whether any term carries an expansion.
    public var isExpanded: Bool { contains { $0.expansion != nil } }
}
