import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// The catalogue's Atom feeds: read back with Foundation's XML parser (namespaces on), each is
/// an Atom feed with RFC 4287's required elements, in the feed's language, listing only published
/// practices (filtered by region and theme) and courses not yet over; an edit keeps an entry's id
/// and moves its `updated`; the list pages announce their feeds.
@Suite("Catalogue Atom feeds")
struct CatalogueFeedTests {
    static let atom = "http://www.w3.org/2005/Atom"

    @Test("Practices feed: valid Atom, the feed's language, published only, filters, stable ids", arguments: TestEngine.all)
    func practices(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small), pageCache: true) { app in
            let english = try await Self.feed(app, "/en/practices.atom")
            Self.expectValidFeed(english, language: "en", selfLink: "http://127.0.0.1:8080/en/practices.atom")
            let entries = english.children("entry")
            #expect(entries.count == 3, "three published practices; the draft is not in the feed")
            #expect(!(english.text ?? "").contains("Confidential draft") && !english.children("entry").contains { $0.child("title")?.text?.contains("Confidential") == true })
            // prison-dialogue is written in French with an English translation: its English title here.
            let titles = entries.map { $0.child("title")?.text ?? "" }
            #expect(titles.contains("Prison dialogue with religious scholars"))
            #expect(entries.first { $0.child("title")?.text == "Prison dialogue with religious scholars" }?.attributes["xml:lang"] == "en")

            // In French the same practice is in French; one without French text falls back to its
            // original, marked with that language.
            let french = try await Self.feed(app, "/fr/practices.atom")
            Self.expectValidFeed(french, language: "fr", selfLink: "http://127.0.0.1:8080/fr/practices.atom")
            let frenchEntries = french.children("entry")
            #expect(frenchEntries.contains { $0.child("title")?.text == "Dialogue avec les détenus" && $0.attributes["xml:lang"] == "fr" })
            #expect(frenchEntries.contains { $0.child("title")?.text == "Regional training for prison officers" && $0.attributes["xml:lang"] == "en" })
            #expect(try await Self.feed(app, "/ar/practices.atom").attributes["xml:lang"] == "ar")

            // Filters: region and theme, alone and together; a bad value is a 400.
            let africa = try await Self.feed(app, "/en/practices.atom?region=africa")
            #expect(Set(africa.children("entry").compactMap { $0.child("title")?.text })
                    == ["Prison dialogue with religious scholars", "Regional training for prison officers"])
            #expect(africa.child("id")?.text == "http://127.0.0.1:8080/en/practices.atom?region=africa")
            let education = try await Self.feed(app, "/en/practices.atom?theme=education&region=africa")
            #expect(education.children("entry").compactMap { $0.child("title")?.text } == ["Regional training for prison officers"])
            #expect(try await Self.feed(app, "/en/practices.atom?region=latinAmericaCaribbean&theme=education").children("entry").isEmpty)
            #expect(try await app.get("/en/practices.atom?region=atlantis").status == .badRequest)
            #expect(try await app.get("/en/practices.atom?theme=%3Cscript%3E").status == .badRequest)

            // An edit keeps the entry's id and moves its `updated`; it comes first.
            let before = entries.first { $0.child("title")?.text == "Regional training for prison officers" }!
            try await Task.sleep(for: .milliseconds(1100))
            var record = Fixtures.small[1]
            record.translations[.en]?.title = "Regional training for prison officers, second edition"
            try await PracticeStore(database: app.db).save(record)
            let after = try await Self.feed(app, "/en/practices.atom").children("entry")
            #expect(after.first?.child("title")?.text == "Regional training for prison officers, second edition")
            #expect(after.first?.child("id")?.text == before.child("id")?.text)
            #expect((after.first?.child("updated")?.text ?? "") > (before.child("updated")?.text ?? "~"))
            #expect(before.child("id")?.text?.hasPrefix("tag:127.0.0.1,2026:practice/") == true)

            // The list page announces its feed, with the list's filters.
            let list = try await app.get("/en/practices?region=africa&theme=prisons")
            #expect(list.text.contains("<link rel=\"alternate\" type=\"application/atom+xml\""))
            #expect(list.text.contains("href=\"/en/practices.atom?region=africa&amp;theme=prisons\"") || list.text.contains("href=\"/en/practices.atom?region=africa&theme=prisons\""))
        }
    }

    @Test("Courses feed: upcoming courses only, valid Atom; list and forum pages announce their feeds", arguments: TestEngine.all)
    func courses(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let store = CourseStore(database: app.db)
            try await store.save(DirectoryFixtures.course("future-course", start: "2030-03-01", end: "2030-03-05"))
            try await store.save(DirectoryFixtures.course("past-course", start: "2001-03-01", end: "2001-03-05"))
            let feed = try await Self.feed(app, "/ru/courses.atom")
            Self.expectValidFeed(feed, language: "ru", selfLink: "http://127.0.0.1:8080/ru/courses.atom")
            let entries = feed.children("entry")
            #expect(entries.compactMap { $0.child("title")?.text } == ["Course future-course"])
            #expect(entries.first?.attributes["xml:lang"] == "en", "no Russian text: the original, marked as English")
            #expect(entries.first?.child("link")?.attributes["href"] == "http://127.0.0.1:8080/ru/courses/future-course")
            #expect(entries.first?.child("summary")?.text?.contains("Nairobi") == true)

            for path in ["/en/courses", "/en/courses/calendar"] {
                #expect(try await app.get(path).text.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Sankofa: upcoming courses\" href=\"/en/courses.atom\">"), "\(path)")
            }
            #expect(try await app.get("/en/forum").text.contains("type=\"application/atom+xml\" title=\"Sankofa forum: latest threads\" href=\"/en/forum/feed.atom\""))
            #expect(try await app.get("/en/about").text.contains("application/atom+xml") == false)
        }
    }

    // MARK: - Reading the feeds

    static func feed(_ app: Application, _ path: String) async throws -> AtomNode {
        let response = try await app.get(path)
        #expect(response.status == .ok, "\(path)")
        #expect(response.headers.contentType?.type == "application" && response.headers.contentType?.subType == "atom+xml", "\(path)")
        return try #require(AtomNode.parse(response.text), "\(path) is well-formed XML")
    }

    /// RFC 4287's required elements: the feed's id, title, updated, an author (the site's, as
    /// entries have none), its self link; each entry's id (a tag: or https URI), title, updated,
    /// an alternate link and a summary with its type.
    static func expectValidFeed(_ feed: AtomNode, language: String, selfLink: String) {
        #expect(feed.name == "feed" && feed.namespace == atom)
        #expect(feed.attributes["xml:lang"] == language)
        for name in ["id", "title", "updated"] { #expect(feed.child(name)?.text?.isEmpty == false, "feed \(name)") }
        #expect(feed.child("author")?.child("name")?.text?.isEmpty == false)
        #expect(feed.children("link").contains { $0.attributes["rel"] == "self" && $0.attributes["href"] == selfLink })
        #expect(Self.isDate(feed.child("updated")?.text))
        for entry in feed.children("entry") {
            #expect(entry.namespace == atom)
            let id = entry.child("id")?.text ?? ""
            #expect(id.hasPrefix("tag:") || id.hasPrefix("https://") || id.hasPrefix("http://"), "entry id \(id)")
            #expect(entry.child("title")?.text?.isEmpty == false)
            #expect(Self.isDate(entry.child("updated")?.text))
            #expect(entry.children("link").contains { $0.attributes["rel"] == "alternate" && $0.attributes["href"]?.hasPrefix("http") == true })
            #expect(entry.child("summary")?.attributes["type"] == "text")
        }
    }

    static func isDate(_ text: String?) -> Bool {
        guard let text else { return false }
        return ISO8601DateFormatter().date(from: text) != nil
    }
}

/// A parsed XML element (namespaces processed), enough to walk a feed.
final class AtomNode {
    var name: String
    var namespace: String?
    var attributes: [String: String]
    var children: [AtomNode] = []
    var text: String? { textParts.isEmpty ? nil : textParts.joined() }
    var textParts: [String] = []

    init(name: String, namespace: String?, attributes: [String: String]) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
    }

    func child(_ name: String) -> AtomNode? { children.first { $0.name == name } }
    func children(_ name: String) -> [AtomNode] { children.filter { $0.name == name } }

    static func parse(_ text: String) -> AtomNode? {
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldProcessNamespaces = true
        let builder = Builder()
        parser.delegate = builder
        return parser.parse() ? builder.root : nil
    }

    final class Builder: NSObject, XMLParserDelegate {
        var root: AtomNode?
        var stack: [AtomNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let node = AtomNode(name: elementName, namespace: namespaceURI, attributes: attributes)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.textParts.append(string)
        }
    }
}
