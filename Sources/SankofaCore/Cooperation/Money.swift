import Foundation

/// An amount of money as it was given: thousandths of one unit of an ISO 4217 currency (no
/// currency in use has more than three decimals), in the currency it was given in. Sankofa never
/// converts between currencies: there is no rate it could use without inventing one, so totals are
/// kept per currency (``MoneyTotals``).
public struct Money: Sendable, Equatable, Hashable, Codable {
    public var milli: Int64
    public var currency: String

    public init(milli: Int64, currency: String) {
        self.milli = milli
        self.currency = currency
    }

    /// The largest amount accepted: just under a trillion units. Anything above is a typing
    /// mistake in this programme (and keeps every sum of a few million rows inside Int64).
    public static let maximumMilli: Int64 = 1_000_000_000_000 * 1_000 - 1

    /// Why an amount was refused; `labelKey` is its catalog key.
    public enum Problem: String, Error, Sendable, Equatable {
        case required, malformed, negative, zero, tooManyDecimals, tooLarge, unknownCurrency
        public var labelKey: String { "contribution.error.\(rawValue)" }
    }
}

/// ISO 4217 codes as Foundation lists them (the codes in common use: no funds or metals codes),
/// and each currency's own number of decimals.
public enum Currency {
    public static let codes: Set<String> = Set(Locale.commonISOCurrencyCodes)

    /// Whether `code` is an ISO 4217 code in common use, written in capitals.
    public static func isValid(_ code: String) -> Bool {
        code.count == 3 && code == code.uppercased() && codes.contains(code)
    }

    /// The currency's minor unit from ISO 4217 (2 unless listed). Written out because
    /// Foundation only exposes it through a formatter, after formatting.
    public static func decimals(of code: String) -> Int {
        switch code {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
             "VUV", "XAF", "XOF", "XPF": 0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": 3
        default: 2
        }
    }

    /// The currency's name in the reader's language (CLDR), the code when it has none.
    public static func name(of code: String, in language: Language) -> String {
        language.locale.localizedString(forCurrencyCode: code) ?? code
    }

    /// Every accepted code with its name in `language`, ordered by name: a form's choices.
    public static func choices(in language: Language) -> [(code: String, name: String)] {
        codes.map { ($0, name(of: $0, in: language)) }.sorted { $0.1.localizedStandardCompare($1.1) == .orderedAscending }
    }
}
