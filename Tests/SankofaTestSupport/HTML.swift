import Foundation

/// The escaping Leaf applies to `#(...)`, so tests can look for a value as it appears in a page.
public func escapeHTML(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;")
        .replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
        .replacingOccurrences(of: "\"", with: "&quot;")
        .replacingOccurrences(of: "'", with: "&#39;")
}

/// The value of the first `<tag ... attribute="...">` in `html`, or nil.
public func firstAttribute(_ attribute: String, of tag: String, in html: String) -> String? {
    guard let start = html.range(of: "<\(tag) ") ?? html.range(of: "<\(tag)>") else { return nil }
    let rest = html[start.upperBound...]
    guard let end = rest.firstIndex(of: ">") else { return nil }
    let element = rest[..<end]
    guard let attributeStart = element.range(of: "\(attribute)=\"") else { return nil }
    let value = element[attributeStart.upperBound...]
    return value.firstIndex(of: "\"").map { String(value[..<$0]) }
}

/// Text of every element `<tag ...>...</tag>` (no nesting of the same tag), tags inside stripped.
public func texts(of tag: String, in html: String) -> [String] {
    var result: [String] = []
    var rest = Substring(html)
    let name = tag.split(separator: " ").first.map(String.init) ?? tag
    while let open = rest.range(of: "<\(tag)"), let close = rest[open.upperBound...].range(of: "</\(name)>") {
        let inner = rest[open.upperBound..<close.lowerBound]
        let content = inner.firstIndex(of: ">").map { inner[inner.index(after: $0)...] } ?? inner
        result.append(content.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            .trimmingCharacters(in: .whitespacesAndNewlines))
        rest = rest[close.upperBound...]
    }
    return result
}
