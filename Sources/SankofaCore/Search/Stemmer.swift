import CStemmer
import Foundation

/// Snowball's stemmers (libstemmer, the C library Debian keeps), for the five languages of the
/// six that inflect: Arabic (its article and clitics too: التطرف → تطرف), English, French,
/// Russian and Spanish. Chinese has no inflection and keeps its bigrams.
///
/// Why in SankofaCore and not handed to it as a function: the stem is part of what a token is,
/// like the folding of é to e, and the index and every query must compute it identically; a
/// function passed in would let one path (an import, a migration, a test) tokenise without it
/// and silently disagree with the others.
public enum Stemmer {
    public enum Algorithm: String, CaseIterable, Sendable {
        case arabic, english, french, russian, spanish

        /// The letter after ``SearchTokens/stemMarker`` in this language's stem tokens: the five
        /// languages' stems never meet, so an English stem cannot match a French word.
        var code: Character {
            switch self {
            case .arabic: "a"
            case .english: "e"
            case .french: "f"
            case .russian: "r"
            case .spanish: "s"
            }
        }
    }

    /// The stem of a folded word (``TextNormalizer``), or the word itself when Snowball gives nothing.
    public static func stem(_ word: String, _ algorithm: Algorithm) -> String {
        pools[algorithm]!.with { stemmer in
            var word = word
            return word.withUTF8 { bytes in
                guard let base = bytes.baseAddress,
                      let out = sb_stemmer_stem(stemmer, base, Int32(bytes.count)) else { return String(decoding: bytes, as: UTF8.self) }
                let length = Int(sb_stemmer_length(stemmer))
                return String(decoding: UnsafeBufferPointer(start: out, count: length), as: UTF8.self)
            }
        }
    }

    /// A Snowball stemmer holds its working buffer: one thread at a time. Each language keeps
    /// the stemmers made so far and lends one a call (a lock taken twice costs less than
    /// making one, which allocates).
    final class Pool: @unchecked Sendable {
        let algorithm: Algorithm
        private let lock = NSLock()
        private var idle: [OpaquePointer] = []

        init(_ algorithm: Algorithm) { self.algorithm = algorithm }

        func with<T>(_ body: (OpaquePointer) -> T) -> T {
            lock.lock()
            let stemmer = idle.popLast() ?? sb_stemmer_new(algorithm.rawValue, "UTF_8")!
            lock.unlock()
            defer { lock.lock(); idle.append(stemmer); lock.unlock() }
            return body(stemmer)
        }
    }

    private static let pools: [Algorithm: Pool] = Dictionary(uniqueKeysWithValues: Algorithm.allCases.map { ($0, Pool($0)) })
}
