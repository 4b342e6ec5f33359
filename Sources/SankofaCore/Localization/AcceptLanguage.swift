import Foundation

/// Chooses a platform language from an HTTP `Accept-Language` header (RFC 9110 §12.5.4):
/// highest q-value wins, ties keep header order, `q=0` means "not this one", English is the fallback.
public enum AcceptLanguage {
    public static func preferred(_ header: String?) -> Language {
        guard let header, !header.isEmpty else { return .en }
        var best: (language: Language, q: Double, order: Int)?
        for (order, part) in header.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty else { continue }
            var q = 1.0
            for parameter in pieces.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                q = Double(parameter.dropFirst(2)) ?? 0
            }
            guard q > 0, q <= 1 else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let language = Language(rawValue: primary) else { continue }
            if best == nil || q > best!.q { best = (language, q, order) }
        }
        return best?.language ?? .en
    }
}
