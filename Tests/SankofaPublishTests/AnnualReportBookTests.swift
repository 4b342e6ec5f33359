import Foundation
import SankofaCore
import Testing
@testable import SankofaPublish

/// The annual report as a book, and the Handbook's key facts in right-to-left books: labels come
/// first in the reading direction, in every format that lays the book out.
@Suite("Annual report book")
struct AnnualReportBookTests {
    static func content(year: Int = 2026) -> AnnualReportContent {
        let participants = IndicatorResult(id: .participants, unit: .count, value: .count(1234),
                                           byYear: [IndicatorPoint(period: "2025", figure: .count(4)),
                                                    IndicatorPoint(period: "2026", figure: .count(1234)),
                                                    IndicatorPoint(period: "2027", figure: .count(99))])
        let gain = IndicatorResult(id: .capacityGain, unit: .points, value: .measure(1.25, basis: 10),
                                   byYear: [IndicatorPoint(period: "2026", figure: .fewerThan(3))])
        return AnnualReportContent(
            year: year, computedAt: Date(timeIntervalSince1970: 1_796_601_600), indicators: [participants, gain],
            practicesTotal: .count(12),
            practicesByRegion: IndicatorBreakdown(dimensions: [.region], rows: [IndicatorRow(keys: ["africa"], figure: .count(12))]),
            latestPractices: [.init(slug: "safe-corridor", titles: [.en: "Operation Safe Corridor <&>"], originalLanguage: .en)],
            exchangesTotal: .count(5),
            flows: IndicatorBreakdown(dimensions: [.fromRegion, .toRegion], rows: [
                IndicatorRow(keys: ["africa", "asiaPacific"], figure: .count(4)),
                IndicatorRow(keys: ["asiaPacific", "africa"], figure: .fewerThan(3))]),
            exchangesByCountry: IndicatorBreakdown(dimensions: [.country], rows: [
                IndicatorRow(keys: ["KE"], figure: .count(4)), IndicatorRow(keys: ["PH"], figure: .fewerThan(3))]),
            contributions: IndicatorBreakdown(dimensions: [.currency], rows: [
                IndicatorRow(keys: ["EUR"], figure: .money(milli: 1_234_500_000, currency: "EUR", basis: 4))]))
    }

    let builder = AnnualReportBuilder(catalogs: .bundled, baseURL: "https://sankofa.example.org")

    @Test func chaptersAndTheYearsFigures() {
        let book = builder.book(Self.content(), .en)
        #expect(book.chapters.map(\.id) == ["summary", "outcome-1", "outcome-2", "outcome-3", "practices", "exchanges", "contributions", "method"])
        #expect(book.title == "Annual report 2026" && book.dir == "ltr")
        let outcome = book.chapter("outcome-1")!.markup!
        // The year's figure, and the series up to the year only (2027 belongs to a later report).
        #expect(outcome.contains("In 2026: 1,234"))
        #expect(outcome.contains("<th scope=\"row\">2025</th><td class=\"number\">4</td>"))
        #expect(!outcome.contains(">2027<"))
        #expect(outcome.contains("In 2026: fewer than 3"))
        #expect(outcome.contains("<svg"), "a line for a series of two years or more")
        // Text is escaped; the money is in its currency, never converted.
        #expect(book.chapter("practices")!.markup!.contains("Operation Safe Corridor &lt;&amp;&gt;"))
        #expect(book.chapter("contributions")!.markup!.contains("€1,234,500.00"))
        let exchanges = book.chapter("exchanges")!.markup!
        #expect(exchanges.contains("world-map") && exchanges.contains("flow-chart"))
        #expect(exchanges.contains("<th scope=\"row\">Kenya</th><td class=\"number\">4</td>"))
        #expect(exchanges.contains("<th scope=\"row\">Philippines</th><td class=\"number\">fewer than 3</td>"))
        let html = HTMLBook.render(book)
        #expect(html.contains(".report-table{"))
        #expect(!html.contains("report-figure{display:none}"), "charts stay in left-to-right PDFs")
    }

    @Test func eachLanguageHasItsWordsAndNumbers() {
        let french = builder.book(Self.content(), .fr)
        #expect(french.title == "Rapport annuel 2026")
        // French groups thousands with a (narrow) no-break space and writes decimals with a comma.
        let outcome = french.chapter("outcome-1")!.markup!
        #expect(outcome.contains("En 2026 : 1\u{202F}234") || outcome.contains("En 2026 : 1\u{00A0}234"))
        let arabic = builder.book(Self.content(), .ar)
        #expect(arabic.dir == "rtl" && arabic.language == "ar")
        #expect(arabic.title == Catalogs.bundled.text("annualReport.title", .ar, ["year": DateFormatting.year(2026, .ar)]))
        #expect(arabic.chapter("summary")!.title == "العام في لمحة")
        let html = HTMLBook.render(arabic)
        #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
        // WeasyPrint cannot join Arabic letters inside SVG: the Arabic PDF shows the tables only.
        #expect(html.contains("@media print{.report-figure{display:none}}"))
        for language in Language.allCases {
            let book = builder.book(Self.content(), language)
            for chapter in book.chapters {
                #expect(!chapter.title.hasPrefix("annualReport.") && !chapter.title.hasPrefix("indicators."), "\(language) \(chapter.id)")
                #expect(!(chapter.markup ?? "").contains(">annualReport."), "\(language) \(chapter.id): a catalog key shown")
            }
        }
    }

    @Test func formatsParse() {
        #expect(AnnualReportFormat.parseList("pdf,html") == [.html, .pdf])
        #expect(AnnualReportFormat.parseList("all") == [.html, .pdf])
        #expect(AnnualReportFormat.parseList("epub") == nil && AnnualReportFormat.parseList("") == nil)
    }

    /// The Arabic Handbook's key facts: a table whose rows start with the label (a row header),
    /// which WeasyPrint, browsers and EPUB readers all place first in the reading direction: on
    /// the right in Arabic. (The grid it replaces put the labels on the left in WeasyPrint.)
    @Test func keyFactsPutTheLabelFirst() throws {
        let book = BookBuilder(catalogs: .bundled, baseURL: "https://sankofa.example.org").book(HandbookBookTests.edition, .ar)
        let html = HTMLBook.render(book)
        let countries = Catalogs.bundled.text("practice.countries", .ar)
        #expect(html.contains("<table class=\"facts-table\"><tbody><tr><th scope=\"row\">\(countries)</th><td><span class=\"fact-value\">"))
        #expect(!html.contains("<dl><dt>") && !html.contains("grid-template-columns"))
        #expect(html.contains(".facts-table th{width:30%;text-align:start"))
        // The EPUB's chapters use the same markup.
        let epub = try EPUBBook.render(book, slug: "2026", modified: HandbookBookTests.edition.compiledAt)
        #expect(epub.count > 1000)
        let markup = BookMarkup(book: book) { chapter, anchor in "\(chapter).xhtml" + (anchor.map { "#\($0)" } ?? "") }
        let africa = markup.chapter(book.chapter("africa")!, xhtml: true)
        #expect(africa.contains("<tr><th scope=\"row\">\(countries)</th>"))
    }
}
