import Testing
@testable import SankofaCore

/// Amounts as people type them in each language, their formatting for readers, and the rule that
/// sums are made per currency only.
@Suite("Money")
struct MoneyTests {
    @Test(arguments: [
        ("12 500,50", Language.fr, "USD", Int64(12_500_500)),
        ("12\u{202F}500,50", .fr, "USD", 12_500_500),
        ("12500.50", .fr, "USD", 12_500_500),
        ("12\u{00A0}500,5", .ru, "EUR", 12_500_500),
        ("12,500.50", .en, "USD", 12_500_500),
        ("12500.50", .en, "USD", 12_500_500),
        ("12 500.50", .en, "USD", 12_500_500),
        ("12,500.50", .zh, "CNY", 12_500_500),
        ("١٢٬٥٠٠٫٥٠", .ar, "EGP", 12_500_500),
        ("12,500.50", .ar, "EGP", 12_500_500),
        ("12.500,50", .es, "EUR", 12_500_500),
        ("12500,50", .es, "EUR", 12_500_500),
        ("1.250.000", .es, "XOF", 1_250_000_000),
        ("1 250 000", .fr, "XOF", 1_250_000_000),
        ("1,234.567", .en, "KWD", 1_234_567),
        ("0.5", .en, "USD", 500),
    ])
    func acceptedForms(text: String, language: Language, currency: String, milli: Int64) throws {
        let money = try Money.parse(text, currency: currency, language: language).get()
        #expect(money == Money(milli: milli, currency: currency))
    }

    @Test(arguments: [
        ("", Language.en, "USD", Money.Problem.required),
        ("-5", .en, "USD", .negative),
        ("−5", .fr, "EUR", .negative),
        ("0", .en, "USD", .zero),
        ("0,00", .fr, "EUR", .zero),
        ("12,50", .en, "USD", .malformed),          // a grouping comma needs three digits after it
        ("12.50", .es, "EUR", .malformed),          // so does a Spanish grouping point
        ("1,2345", .en, "USD", .malformed),
        ("12,500,50", .fr, "EUR", .malformed),      // two decimal marks
        ("1e6", .en, "USD", .malformed),
        ("$100", .en, "USD", .malformed),
        ("<script>alert(1)</script>", .en, "USD", .malformed),
        ("12.555", .en, "USD", .tooManyDecimals),
        ("100.5", .en, "JPY", .tooManyDecimals),
        ("1,000,000,000,000", .en, "USD", .tooLarge),
        ("99999999999999999999999", .en, "USD", .tooLarge),
        ("100", .en, "ABC", .unknownCurrency),
        ("100", .en, "usd", .unknownCurrency),
        ("100", .en, "", .unknownCurrency),
    ])
    func refusedForms(text: String, language: Language, currency: String, problem: Money.Problem) {
        #expect(throws: problem) { try Money.parse(text, currency: currency, language: language).get() }
    }

    @Test func currenciesAreFoundationsISOList() {
        #expect(Currency.isValid("XOF") && Currency.isValid("KES") && Currency.isValid("BRL") && Currency.isValid("EUR"))
        #expect(!Currency.isValid("XXX1") && !Currency.isValid("ABC") && !Currency.isValid("eur"))
        #expect(Currency.decimals(of: "JPY") == 0 && Currency.decimals(of: "KWD") == 3 && Currency.decimals(of: "USD") == 2)
        #expect(Currency.choices(in: .fr).contains { $0.code == "XOF" })
    }

    @Test(arguments: [
        (Language.en, "USD", Int64(12_500_500), "$12,500.50"),
        (.fr, "USD", 12_500_500, "12\u{202F}500,50\u{00A0}$US"),
        (.es, "EUR", 12_500_500, "12.500,50\u{00A0}€"),
        (.ru, "RUB", 1_000_000, "1\u{00A0}000,00\u{00A0}₽"),
        (.en, "XOF", 1_250_000_000, "F\u{202F}CFA\u{00A0}1,250,000"),
        (.en, "KWD", 1_234_567, "KWD\u{00A0}1,234.567"),
        (.zh, "CNY", 12_500_500, "¥12,500.50"),
    ])
    func formattedForTheReader(language: Language, currency: String, milli: Int64, expected: String) {
        #expect(Money(milli: milli, currency: currency).formatted(in: language) == expected)
    }

    @Test func arabicFormattingKeepsTheCurrencysDecimals() {
        let text = Money(milli: 1_234_567, currency: "KWD").formatted(in: .ar)
        #expect(text.contains("1,234.567") || text.contains("١٬٢٣٤٫٥٦٧"), "\(text)")
    }

    @Test(arguments: Language.allCases)
    func plainFormRoundTrips(language: Language) throws {
        for money in [Money(milli: 12_500_500, currency: "USD"), Money(milli: 7_000, currency: "JPY"), Money(milli: 1_234_567, currency: "KWD")] {
            #expect(try Money.parse(money.plain(in: language), currency: money.currency, language: language).get() == money)
        }
    }

    @Test func totalsNeverMixCurrencies() {
        let totals = MoneyTotals([Money(milli: 1_000, currency: "USD"), Money(milli: 2_000, currency: "EUR"),
                                  Money(milli: 3_500, currency: "USD")])
        #expect(totals.amounts == [Money(milli: 2_000, currency: "EUR"), Money(milli: 4_500, currency: "USD")])
    }

    @Test func recordsAreCheckedByField() {
        var record = ContributionRecord(kind: .financial, contributorKind: .country, givenOn: "2026-02-30")
        let fields = Set(record.issues(today: "2026-12-07").map(\.field))
        #expect(fields == ["contributorCountry", "amount", "givenOn"])
        record = ContributionRecord(kind: .inKind, contributorKind: .organisation, contributorCountry: "XX", contributorName: "Hall",
                                    amount: Money(milli: 1_505, currency: "USD"), givenOn: "1950-01-01")
        let issues = record.issues(today: "2026-12-07")
        #expect(Set(issues.map(\.field)) == ["item", "description", "contributorCountry", "amount", "givenOn"])
        #expect(issues.contains { $0.field == "amount" && $0.reason == "contribution.error.tooManyDecimals" })
        record = ContributionRecord(kind: .inKind, contributorKind: .centre, centre: "centre-a", item: .venue,
                                    description: "<script>alert(1)</script> the hall", givenOn: "2026-03-01", source: "MoU")
        #expect(record.issues(today: "2026-12-07").isEmpty)
    }
}
