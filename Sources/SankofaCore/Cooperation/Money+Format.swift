import Foundation

extension Money {
    /// The amount in its currency for a reader of `language` (CLDR: "12 500,50 $US" in French,
    /// "US$12,500.50" in Chinese), with the currency's own decimals; never converted.
    public func formatted(in language: Language) -> String {
        let formatter = NumberFormatter()
        formatter.locale = language.locale
        formatter.numberStyle = .currency
        formatter.currencyCode = currency
        let decimals = Currency.decimals(of: currency)
        formatter.minimumFractionDigits = decimals
        formatter.maximumFractionDigits = decimals
        let value = NSDecimalNumber(mantissa: UInt64(milli.magnitude), exponent: -3, isNegative: milli < 0)
        return formatter.string(from: value) ?? "\(plain(in: language)) \(currency)"
    }
}

/// Sums of amounts, one per currency: adding a euro to a dollar is refused by construction.
public struct MoneyTotals: Sendable, Equatable {
    public private(set) var milliByCurrency: [String: Int64] = [:]

    public init() {}

    public init(_ amounts: [Money]) {
        for amount in amounts { add(amount) }
    }

    public mutating func add(_ amount: Money) {
        milliByCurrency[amount.currency, default: 0] += amount.milli
    }

    /// The totals as amounts, by currency code.
    public var amounts: [Money] {
        milliByCurrency.keys.sorted().map { Money(milli: milliByCurrency[$0]!, currency: $0) }
    }
}
