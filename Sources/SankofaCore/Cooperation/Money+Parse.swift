import Foundation

/// Reading an amount as a person types it in their language.
///
/// Accepted forms (documented in the README, "Contributions"):
/// - digits with at most one decimal separator and at most the currency's own decimals;
/// - any kind of space (ordinary, no-break, narrow no-break, thin) between groups of three digits,
///   in every language: "12 500,50" in French, "12 500.50" in English;
/// - the language's own separators: English, Chinese and Arabic write "12,500.50" ("," groups,
///   "." decimal; Arabic also "٫" and Arabic-Indic digits); French and Russian "12 500,50" ("," decimal,
///   and "." is accepted as decimal too since it never groups there); Spanish "12.500,50"
///   ("." groups, "," decimal).
/// A grouping mark must be followed by exactly three digits, so "12,50" in English or "12.50" in
/// Spanish is refused rather than read as something else. No sign (a contribution is never
/// negative), no currency symbol (the currency is its own field), no exponent.
extension Money {
    public static func parse(_ text: String, currency: String, language: Language) -> Result<Money, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return .failure(.required) }
        guard Currency.isValid(currency) else { return .failure(.unknownCurrency) }
        guard trimmed.count <= 40 else { return .failure(.malformed) }
        if trimmed.hasPrefix("-") || trimmed.hasPrefix("−") { return .failure(.negative) }
        let (decimalMarks, groupMarks) = separators(for: language)
        var integer = "", fraction = "", inFraction = false, groupRun = -1
        for character in trimmed {
            if let digit = asciiDigit(character) {
                if inFraction { fraction.append(digit) } else {
                    integer.append(digit)
                    if groupRun >= 0 { groupRun += 1 }
                }
            } else if decimalMarks.contains(character), !inFraction {
                guard !integer.isEmpty, groupRun == -1 || groupRun == 3 else { return .failure(.malformed) }
                inFraction = true
            } else if character.isWhitespace || groupMarks.contains(character), !inFraction {
                // Every group after the first holds three digits.
                guard !integer.isEmpty, groupRun == -1 || groupRun == 3, integer.count <= 3 || groupRun == 3 else { return .failure(.malformed) }
                groupRun = 0
            } else {
                return .failure(.malformed)
            }
        }
        guard groupRun == -1 || groupRun == 3 || inFraction else { return .failure(.malformed) }
        guard !integer.isEmpty, !(inFraction && fraction.isEmpty) else { return .failure(.malformed) }
        guard fraction.count <= Currency.decimals(of: currency) else { return .failure(.tooManyDecimals) }
        let significant = integer.drop { $0 == "0" }
        guard significant.count <= 12 else { return .failure(.tooLarge) }
        let units = Int64(significant.isEmpty ? "0" : String(significant))!
        let thousandths = Int64(fraction.padding(toLength: 3, withPad: "0", startingAt: 0))!
        let milli = units * 1_000 + thousandths
        guard milli <= maximumMilli else { return .failure(.tooLarge) }
        guard milli > 0 else { return .failure(.zero) }
        return .success(Money(milli: milli, currency: currency))
    }

    /// The amount written back in the form's own notation for `language`, without grouping,
    /// so a refused form shows what the person typed and an edit form shows a value that parses.
    public func plain(in language: Language) -> String {
        let decimals = Currency.decimals(of: currency)
        let units = milli / 1_000, rest = milli % 1_000
        guard decimals > 0 else { return "\(units)" }
        let digits = String(String(format: "%03d", rest).prefix(decimals))
        let mark = Self.separators(for: language).decimal.first!
        return "\(units)\(mark)\(digits)"
    }

    private static func separators(for language: Language) -> (decimal: [Character], group: [Character]) {
        switch language {
        case .en, .zh: ([".", "．"], [",", "，"])
        case .ar: ([".", "٫"], [",", "٬", "،"])
        case .fr, .ru: ([",", "."], [])
        case .es: ([","], ["."])
        }
    }

    /// ASCII, Arabic-Indic, Eastern Arabic-Indic and full-width digits, as their ASCII digit.
    private static func asciiDigit(_ character: Character) -> Character? {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return nil }
        for zero in [0x30, 0x660, 0x6F0, 0xFF10] as [UInt32] where (zero...zero + 9).contains(scalar.value) {
            return Character(UnicodeScalar(0x30 + scalar.value - zero)!)
        }
        return nil
    }
}
