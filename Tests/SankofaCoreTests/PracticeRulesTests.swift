import Testing
@testable import SankofaCore

@Suite("Practice rules")
struct PracticeRulesTests {
    /// Forms make their slugs one way: numbered past the taken ones, a fallback for titles
    /// without letters, and never one of the section's own paths.
    @Test func freeSlugsAreNumberedAndAvoidTheSectionsPaths() async throws {
        let taken: Set<String> = ["prison-dialogue", "prison-dialogue-2", "course-new"]
        func free(_ text: String, reserved: Set<String> = []) async throws -> String {
            try await Slug.free(for: text, fallback: "course", reserved: reserved) { taken.contains($0) }
        }
        #expect(try await free("Prison dialogue") == "prison-dialogue-3")
        #expect(try await free("Youth radio") == "youth-radio")
        #expect(try await free("!!!") == "course")
        #expect(try await free("New", reserved: ["new", "calendar"]) == "course-new-2")
        #expect(try await free("Calendar", reserved: ["new", "calendar"]) == "course-calendar")
        #expect(try await free("Calendar") == "calendar")
    }

    func valid() -> PracticeRecord {
        PracticeRecord(
            slug: "a-practice", status: .published, originalLanguage: .en, countries: ["KE", "SO"], leadCountry: "KE",
            startYear: 2015, endYear: 2020, pillars: [.preventingCombating], themes: [.youth], maturity: .evaluated,
            evidenceLevel: .internalEvaluation, sources: [PracticeSource(title: "Report", url: "https://example.org/r")],
            lastReviewed: "2026-01-01", translations: [.en: PracticeText(title: "A practice")])
    }

    /// A reader gets the translation, each field it leaves empty from the original, or the
    /// original whole; the fields taken from it are named so pages can mark their language.
    @Test func aTranslationLackingFieldsIsCompletedFromTheOriginal() {
        let original = PracticeText(title: "Youth dialogue", summary: "A summary.", context: "Context.", approach: "Approach.")
        let french = PracticeText(title: "Dialogue des jeunes", approach: "Démarche.")
        let texts: [Language: PracticeText] = [.en: original, .fr: french]
        let shown = ShownPracticeText(texts, original: .en, in: .fr, placeholderTitle: "x")
        #expect(!shown.isFallback && shown.language == .fr && shown.original == .en)
        #expect(shown.text == PracticeText(title: "Dialogue des jeunes", summary: "A summary.", context: "Context.", approach: "Démarche."))
        #expect(shown.fromOriginal == ["summary", "context"])
        #expect(shown.language(of: "context") == .en && shown.language(of: "approach") == .fr && shown.language(of: "title") == .fr)
        // No translation: the original whole, nothing marked field by field.
        let untranslated = ShownPracticeText(texts, original: .en, in: .ar, placeholderTitle: "x")
        #expect(untranslated.isFallback && untranslated.language == .en && untranslated.text == original && untranslated.fromOriginal.isEmpty)
        // The original itself is shown as it is.
        #expect(ShownPracticeText(texts, original: .en, in: .en, placeholderTitle: "x").fromOriginal.isEmpty)
        // An original missing from the data: the first text in display order stands in for it.
        let orphan = ShownPracticeText([.fr: french, .zh: PracticeText(title: "青年对话", context: "背景。")], original: .en, in: .fr, placeholderTitle: "x")
        #expect(orphan.original == .zh && orphan.text.context == "背景。" && orphan.fromOriginal == ["context"])
        #expect(ShownPracticeText([:], original: .en, in: .fr, placeholderTitle: "slug").text.title == "slug")
    }

    @Test func aValidRecordHasNoIssues() {
        #expect(PracticeValidation.issues(in: valid()) == [])
        #expect(valid().scope == .bilateral)
    }

    @Test func everyBrokenRuleIsReportedWithItsField() {
        var record = valid()
        record.slug = "Not A Slug"
        record.countries = ["KE", "XX"]
        record.leadCountry = "NG"
        record.pillars = []
        record.endYear = 2010
        record.sources = [PracticeSource(title: "", url: "javascript:alert(1)")]
        record.lastReviewed = "yesterday"
        let fields = Set(PracticeValidation.issues(in: record).map(\.field))
        #expect(fields == ["slug", "countries", "leadCountry", "pillars", "endYear", "sources[0].title", "sources[0].url", "lastReviewed"])
    }

    @Test func theOriginalTextMustExist() {
        var record = valid()
        record.originalLanguage = .fr
        #expect(PracticeValidation.issues(in: record).map(\.reason) == ["error.originalMissing"])
    }

    @Test(arguments: [("Operation Safe Corridor", "operation-safe-corridor"), ("Réinsertion à Bogotá!", "reinsertion-a-bogota"),
                      ("  --x--  ", "x"), ("Программа", "programma")])
    func slugsFromTitles(title: String, slug: String) {
        #expect(Slug.make(from: title) == slug)
        #expect(Slug.isValid(slug))
    }

    @Test func onlyHTTPAddressesAreSafe() {
        #expect(SafeURL.isHTTP("https://www.un.org/counterterrorism/"))
        #expect(SafeURL.isHTTP("http://example.org"))
        for bad in ["javascript:alert(1)", "data:text/html,x", "ftp://x.org", "//x.org", "https://", "not a url"] {
            #expect(!SafeURL.isHTTP(bad), "\(bad)")
        }
    }

    @Test(arguments: [
        ("Éducation", "education"), ("ЁЛКА", "елка"), ("الْإِرْهَاب", "الارهاب"), ("أمن", "امن"), ("مدرسة", "مدرسه"),
        ("مستشفى", "مستشفي"), ("٢٠٢٦", "2026"), ("ＡＢＣ", "abc"), ("й", "й"), ("暴力极端主义", "暴力极端主义"),
    ])
    func normalisation(input: String, output: String) {
        #expect(TextNormalizer.normalize(input) == output)
    }
}
