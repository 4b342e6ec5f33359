import Foundation
import SankofaCore

/// An Atom document (RFC 4287) written in Swift: every text escaped, characters XML 1.0 forbids
/// (controls a post may hold) dropped, dates in RFC 3339 UTC. Used by the forum's feeds and the
/// catalogue's (practices, courses). RFC 4287 wants an author on the feed unless every entry has
/// one: a feed whose entries have none names `author` (the site).
struct AtomFeed {
    struct Entry {
        var id: String
        var title: String
        var language: Language
        var link: String
        var author: String?
        var published: Int?
        var updated: Int
        var summary: String
    }

    var id: String
    var title: String
    var language: Language
    var selfLink: String
    var alternateLink: String
    var updated: Int
    var author: String? = nil
    var entries: [Entry]

    func render() -> String {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(language.rawValue)">
            <id>\(Self.text(id))</id>
            <title>\(Self.text(title))</title>
            <updated>\(Self.date(updated))</updated>
            <link rel="self" type="application/atom+xml" href="\(Self.text(selfLink))"/>
            <link rel="alternate" type="text/html" href="\(Self.text(alternateLink))"/>

            """
        if let author { xml += "<author><name>\(Self.text(author))</name></author>\n" }
        for entry in entries {
            xml += """
                <entry xml:lang="\(entry.language.rawValue)">
                <id>\(Self.text(entry.id))</id>
                <title>\(Self.text(entry.title))</title>
                <link rel="alternate" type="text/html" href="\(Self.text(entry.link))"/>
                \(entry.author.map { "<author><name>\(Self.text($0))</name></author>\n" } ?? "")\
                \(entry.published.map { "<published>\(Self.date($0))</published>\n" } ?? "")\
                <updated>\(Self.date(entry.updated))</updated>
                <summary type="text">\(Self.text(entry.summary))</summary>
                </entry>

                """
        }
        return xml + "</feed>\n"
    }

    /// Escaped, without the characters XML 1.0 does not allow.
    static func text(_ value: String) -> String {
        let allowed = String(String.UnicodeScalarView(value.unicodeScalars.filter { scalar in
            scalar == "\t" || scalar == "\n" || scalar == "\r" || (scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF)
        }))
        return HTMLEscaping.escape(allowed)
    }

    static func date(_ seconds: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
