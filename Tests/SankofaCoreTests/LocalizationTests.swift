import Foundation
import Testing
@testable import SankofaCore

@Suite("Catalogs, plural rules, formatting")
struct LocalizationTests {
    let catalogs = Catalogs.bundled

    @Test func everyCatalogHasExactlyTheEnglishKeys() throws {
        let english = Set(try #require(catalogs.entries[.en]).keys)
        for language in Language.allCases {
            let keys = Set(try #require(catalogs.entries[language]).keys)
            #expect(english.subtracting(keys).sorted() == [], "missing in \(language)")
            #expect(keys.subtracting(english).sorted() == [], "extra in \(language)")
        }
    }

    /// Placeholders are filled in one pass: a value holding `{date}` stays as it is, whichever
    /// argument comes first; unknown names and a lone brace are left alone.
    @Test func placeholdersAreFilledOnceAndValuesAreNotReadAsTemplates() {
        for _ in 0..<20 {  // dictionary order varies between runs and sizes
            let filled = Catalogs.fill("{a} and {b}, {unknown} {", ["a": "{b}", "b": "B{a}", "c": "C"])
            #expect(filled == "{b} and B{a}, {unknown} {")
        }
        let text = catalogs.text("outbox.failed", .en, ["error": "550 {date} unknown", "attempts": "2", "date": "today"])
        #expect(text == "Not sent. Failed attempts: 2. Next attempt: today. Server’s reply: 550 {date} unknown")
    }

    @Test func placeholdersAreTheSameInEveryLanguage() throws {
        let english = try #require(catalogs.entries[.en])
        for language in Language.allCases {
            for (key, entry) in try #require(catalogs.entries[language]) {
                guard let reference = english[key] else { continue }
                let expected = reference.strings.reduce(into: Set<String>()) { $0.formUnion(Catalogs.placeholders(in: $1)) }
                let actual = entry.strings.reduce(into: Set<String>()) { $0.formUnion(Catalogs.placeholders(in: $1)) }
                #expect(actual == expected, "\(language) \(key)")
            }
        }
    }

    @Test func pluralEntriesHaveTheLanguagesCategories() throws {
        for language in Language.allCases {
            for (key, entry) in try #require(catalogs.entries[language]) {
                if case .plural(let forms) = entry {
                    #expect(Set(forms.keys) == PluralRules.categories(for: language), "\(language) \(key)")
                }
            }
        }
    }

    /// Real translations, not English copies: nearly every string differs from the English one.
    @Test func catalogsAreTranslated() throws {
        let english = try #require(catalogs.entries[.en])
        let sameEverywhere: Set<String> = ["site.name", "list.separator"]
        for language in Language.allCases where language != .en {
            let entries = try #require(catalogs.entries[language])
            let copies = entries.filter { key, entry in !sameEverywhere.contains(key) && entry == english[key] }.map(\.key)
            #expect(Double(copies.count) <= Double(entries.count) * 0.03, "\(language) copies English: \(copies.sorted())")
        }
    }

    @Test(arguments: [
        (Language.ar, 0, PluralCategory.zero), (.ar, 1, .one), (.ar, 2, .two), (.ar, 3, .few), (.ar, 10, .few),
        (.ar, 11, .many), (.ar, 99, .many), (.ar, 100, .other), (.ar, 102, .other), (.ar, 103, .few), (.ar, 111, .many),
        (.ru, 1, .one), (.ru, 21, .one), (.ru, 11, .many), (.ru, 2, .few), (.ru, 24, .few), (.ru, 12, .many),
        (.ru, 5, .many), (.ru, 0, .many), (.ru, 111, .many), (.ru, 101, .one),
        (.en, 1, .one), (.en, 0, .other), (.en, 2, .other),
        (.fr, 0, .one), (.fr, 1, .one), (.fr, 2, .other), (.fr, 1_000_000, .many),
        (.es, 1, .one), (.es, 0, .other), (.es, 2_000_000, .many),
        (.zh, 1, .other), (.zh, 5, .other),
    ])
    func cldrPluralRules(language: Language, count: Int, category: PluralCategory) {
        #expect(PluralRules.category(for: count, in: language) == category)
    }

    @Test func pluralPhrasesUseTheRightFormAndLocalNumbers() {
        let ru = [1, 3, 5].map { catalogs.plural("practices.count", count: $0, .ru) }
        #expect(Set(ru).count == 3)
        #expect(catalogs.plural("practices.count", count: 1, .en) == "1 practice")
        #expect(catalogs.plural("practices.count", count: 1234, .en) == "1,234 practices")
        #expect(catalogs.plural("practices.count", count: 1234, .fr).hasPrefix("1\u{202F}234"))
        #expect(catalogs.text("pagination.summary", .en, ["page": "2", "pages": "3"]) == "Page 2 of 3")
    }

    @Test func datesAreFormattedForTheLocale() throws {
        let date = try #require(ISODay.parse("2026-03-15"))
        #expect(DateFormatting.longDate(date, .en) == "March 15, 2026")
        #expect(DateFormatting.longDate(date, .fr) == "15 mars 2026")
        #expect(DateFormatting.longDate(date, .ru).hasPrefix("15 марта 2026"))
        #expect(DateFormatting.year(2016, .en) == "2016")
        #expect(ISODay.parse("2026-02-30") == nil && ISODay.parse("soon") == nil)
    }

    @Test(arguments: [
        ("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", Language.fr),
        ("ar-JO", .ar), ("zh-Hans-CN", .zh), ("es-419,es;q=0.9", .es),
        ("de;q=1, ru;q=0.2", .ru), ("ru;q=0", .en), ("", .en), ("en;q=0.1,ar;q=0.9", .ar), ("garbage;;;q=x", .en),
    ])
    func acceptLanguage(header: String, language: Language) {
        #expect(AcceptLanguage.preferred(header) == language)
    }

    @Test func everyLanguageKnowsItsDirection() {
        #expect(Language.allCases.filter(\.isRightToLeft) == [.ar])
        #expect(Language.ar.name(in: .fr).lowercased() == "arabe")
    }
}
