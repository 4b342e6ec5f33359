import Foundation
import SankofaCore
import Testing
import ZIPFoundation
@testable import SankofaPublish

/// The Handbook's books from a frozen edition: structure, fallback, right to left, reproducible files.
@Suite("Handbook books")
struct HandbookBookTests {
    static func record(_ slug: String, _ countries: [String], _ pillars: [Pillar], _ themes: [Theme],
                       _ texts: [Language: String], original: Language = .en) -> PracticeRecord {
        PracticeRecord(
            slug: slug, status: .published, originalLanguage: original, countries: countries, leadCountry: countries[0],
            startYear: 2017, endYear: 2021, pillars: pillars, themes: themes, maturity: .evaluated, evidenceLevel: .internalEvaluation,
            translations: texts.mapValues { PracticeText(title: $0, summary: "Summary: \($0)", context: "Context of \($0).\n\nSecond paragraph & <b>not markup</b>.",
                                                         approach: "Approach.", safeguards: "Safeguards.") })
    }

    static let edition = FrozenEdition(
        slug: "2026", number: 1, year: 2026, originalLanguage: .en,
        texts: ["en": EditionText(title: "", foreword: "A foreword.", introduction: "An introduction."),
                "ar": EditionText(title: "دليل تجريبي", foreword: "تصدير.", introduction: "")],
        selection: .all, compiledAt: Date(timeIntervalSince1970: 1_780_000_000.7),
        entries: [
            record("safe-corridor", ["NG"], [.conditionsConducive, .preventingCombating], [.rehabilitationReintegration],
                   [.en: "Operation Safe Corridor", .ar: "عملية الممر الآمن", .fr: "Opération Couloir sûr"]),
            record("county-plans", ["KE"], [.conditionsConducive], [.communityEngagement, .youth], [.en: "County Action Plans"]),
            record("imams", ["MA", "ML", "SN"], [.conditionsConducive], [.religiousLeaders], [.fr: "Formation des imams"], original: .fr),
            record("balik-loob", ["PH"], [.capacityBuilding], [.rehabilitationReintegration], [.en: "Balik-Loob", .zh: "回归计划"]),
            record("triangular", ["NO", "CO", "PH"], [.humanRightsRuleOfLaw], [.internationalCooperation], [.es: "Intercambio triangular"], original: .es),
        ])

    let builder = BookBuilder(catalogs: .bundled, baseURL: "https://sankofa.example.org")

    @Test func structureFollowsTheSpecification() {
        let book = builder.book(Self.edition, .en)
        #expect(book.chapters.map(\.id) == ["foreword", "introduction", "how-to-read", "africa", "asia-pacific",
                                            "latin-america-caribbean", "index-countries", "index-themes"])
        #expect(book.title == Catalogs.bundled.text("handbook.title", .en))
        #expect(book.editionLabel == "Edition 1, 2026")
        let africa = book.chapter("africa")!
        // Within a region, by first pillar; a practice with pillars I and II sits under I.
        #expect(africa.pillars!.map(\.id) == ["africa-pillar-1"])
        #expect(africa.pillars![0].entries.map(\.slug) == ["county-plans", "imams", "safe-corridor"])
        // The triangular partner (Norway) leads, the practice goes to its first Southern country's region.
        #expect(book.chapter("latin-america-caribbean")!.pillars![0].entries.map(\.slug) == ["triangular"])
        let entry = africa.pillars![0].entries[2]
        #expect(entry.facts.map(\.label).contains("Countries"))
        #expect(entry.facts.first { $0.label == "Pillar" }!.values.count == 2)
        #expect(entry.platformURL == "https://sankofa.example.org/en/practices/safe-corridor")
        // Indexes: every country of every entry, every theme used, links to the entry's chapter.
        let countries = book.chapter("index-countries")!.index!
        #expect(countries.count == 8)
        let kenya = countries.first { $0.heading == "Kenya" }!
        #expect(kenya.links.map(\.chapter) == ["africa"] && kenya.links.map(\.anchor) == ["e-county-plans"])
        #expect(book.chapter("index-themes")!.index!.map(\.heading).contains("Rehabilitation and reintegration"))
        #expect(book.chapter("how-to-read")!.guide!.count == 4)
    }

    @Test func untranslatedEntriesShowTheOriginalWithANotice() {
        let book = builder.book(Self.edition, .ar)
        let entries = book.chapters.flatMap { ($0.pillars ?? []).flatMap(\.entries) }
        let corridor = entries.first { $0.slug == "safe-corridor" }!
        #expect(corridor.title == "عملية الممر الآمن" && corridor.lang == "ar" && corridor.dir == "rtl" && corridor.fallbackNote == nil)
        let imams = entries.first { $0.slug == "imams" }!
        #expect(imams.title == "Formation des imams" && imams.lang == "fr" && imams.dir == "ltr")
        #expect(imams.fallbackNote == Catalogs.bundled.text("content.fallback", .ar, ["language": Language.fr.name(in: .ar)]))
        // The Arabic introduction is empty: the English one is shown, marked.
        let introduction = book.chapter("introduction")!.text!
        #expect(introduction.lang == "en" && introduction.fallbackNote != nil)
        #expect(book.chapter("foreword")!.text!.fallbackNote == nil)

        let html = HTMLBook.render(book)
        #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(html.contains("<header lang=\"fr\" dir=\"ltr\"><h3 class=\"entry-title\">Formation des imams</h3>"))
        #expect(html.contains("counter(page, arabic-indic)"))
        #expect(html.contains("Second paragraph &amp; &lt;b&gt;not markup&lt;/b&gt;."))
        #expect(!html.contains("<b>not markup</b>"))
    }

    /// A translation holding the title alone (translators may save that much) shows the original's
    /// sections and summary, each marked with its language, not empty sections.
    @Test func aPartialTranslationShowsTheOriginalsSectionsMarked() {
        var record = Self.record("partial", ["SN"], [.conditionsConducive], [.youth], [.en: "Youth dialogue"])
        record.translations[.fr] = PracticeText(title: "Dialogue des jeunes", approach: "Démarche traduite.")
        var edition = Self.edition
        edition.entries = [record]
        let entry = builder.book(edition, .fr).chapters.flatMap { ($0.pillars ?? []).flatMap(\.entries) }[0]
        #expect(entry.title == "Dialogue des jeunes" && entry.lang == "fr" && entry.summary == "Summary: Youth dialogue" && entry.summaryLang == "en")
        #expect(entry.fallbackNote == Catalogs.bundled.text("content.partialFallback", .fr, ["language": Language.en.name(in: .fr)]))
        let sections = Dictionary(uniqueKeysWithValues: entry.sections.map { ($0.heading, $0) })
        let context = sections[Catalogs.bundled.text("practice.context", .fr)]!, approach = sections[Catalogs.bundled.text("practice.approach", .fr)]!
        #expect(context.paragraphs.first == "Context of Youth dialogue." && context.lang == "en" && context.note != nil)
        #expect(approach.paragraphs == ["Démarche traduite."] && approach.lang == "fr" && approach.note == nil)

        let html = HTMLBook.render(builder.book(edition, .fr))
        #expect(html.contains("<p class=\"summary\" lang=\"en\" dir=\"ltr\">Summary: Youth dialogue</p>"))
        #expect(html.contains("<div lang=\"en\" dir=\"ltr\"><p>Context of Youth dialogue.</p>"))
        #expect(html.contains("<div lang=\"fr\" dir=\"ltr\"><p>Démarche traduite.</p>"))
    }

    @Test func epubIsReproducibleAndWellFormed() throws {
        let book = builder.book(Self.edition, .ar)
        let first = try EPUBBook.render(book, slug: "2026", modified: Self.edition.compiledAt)
        let second = try EPUBBook.render(builder.book(Self.edition, .ar), slug: "2026", modified: Self.edition.compiledAt)
        #expect(first == second)
        #expect(HTMLBook.render(book) == HTMLBook.render(builder.book(Self.edition, .ar)))
        // `mimetype` is the first entry, stored, so readers can sniff the type at a fixed offset.
        #expect(first.subdata(in: 30..<38) == Data("mimetype".utf8))
        #expect(first.subdata(in: 38..<58) == Data("application/epub+zip".utf8))

        let archive = try Archive(data: first, accessMode: .read)
        let names = archive.map(\.path)
        #expect(names.first == "mimetype")
        #expect(names.contains("EPUB/nav.xhtml") && names.contains("EPUB/africa.xhtml") && names.contains("META-INF/container.xml"))
        var opf = Data()
        _ = try archive.extract(archive["EPUB/package.opf"]!) { opf.append($0) }
        let package = String(decoding: opf, as: UTF8.self)
        #expect(package.contains("<dc:language>ar</dc:language>"))
        #expect(package.contains("page-progression-direction=\"rtl\""))
        #expect(package.contains("<meta property=\"dcterms:modified\">2026-05-28T20:26:40Z</meta>"))
        let english = try EPUBBook.render(builder.book(Self.edition, .en), slug: "2026", modified: Self.edition.compiledAt)
        var englishOPF = Data()
        let englishArchive = try Archive(data: english, accessMode: .read)
        _ = try englishArchive.extract(englishArchive["EPUB/package.opf"]!) { englishOPF.append($0) }
        #expect(String(decoding: englishOPF, as: UTF8.self).contains("page-progression-direction=\"ltr\""))
    }

    @Test func missingWeasyPrintFailsThePDFOnlyWithTheInstallCommand() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let build = HandbookBuild(builder: builder, weasyPrint: WeasyPrint(executable: nil))
        var steps: [Int] = []
        let report = build.build(Self.edition, languages: [.zh, .en], formats: [.html, .epub, .pdf], into: folder) { done, _ in steps.append(done) }
        #expect(report.files.map(\.name) == ["2026-zh.html", "2026-zh.epub", "2026-en.html", "2026-en.epub"])
        #expect(report.failures.count == 2 && report.failures.allSatisfy { $0.format == .pdf })
        #expect(report.failures[0].message.contains("pip install weasyprint==\(WeasyPrint.version)"))
        #expect(steps == [1, 2, 3, 4, 5, 6])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("2026-zh.pdf").path))
    }

    @Test func selectionAndFormatsParse() {
        let selection = EditionSelection(regions: [.asiaPacific], themes: [.rehabilitationReintegration])
        #expect(Self.edition.entries.filter { selection.includes($0) }.map(\.slug) == ["balik-loob"])
        #expect(BookFormat.parseList("pdf, html") == [.html, .pdf])
        #expect(BookFormat.parseList("all") == BookFormat.allCases)
        #expect(BookFormat.parseList("html,doc") == nil)
        #expect(WeasyPrint.locate(environment: ["SANKOFA_WEASYPRINT": "/nonexistent/weasyprint"]).executable == nil)
    }
}
