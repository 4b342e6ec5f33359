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
