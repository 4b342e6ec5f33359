import Foundation

/// The rules a contribution must meet, by field, whoever sends it (form, import, demo data).
/// Amounts arrive already parsed (``Money/parse(_:currency:language:)`` reports the typing
/// problems by field); these rules check what a parsed record can still get wrong.
extension ContributionRecord {
    public static let maxName = 300
    public static let maxText = 4_000
    /// Contributions are recorded from the programme's start; a later date than next year is a typo.
    public static let earliestYear = 1990

    public func issues(today: String = ISODay.format(Date())) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        switch contributorKind {
        case .country:
            if (contributorCountry ?? "").isEmpty { issues.append(.init(field: "contributorCountry", reason: "error.required")) }
        case .organisation:
            if contributorName.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                issues.append(.init(field: "contributorName", reason: "error.required"))
            }
        case .centre:
            if (centre ?? "").isEmpty { issues.append(.init(field: "centre", reason: "error.required")) }
        }
        if let country = contributorCountry, !country.isEmpty, !Countries.isValid(country) || country != country.uppercased() {
            issues.append(.init(field: "contributorCountry", reason: "error.country", detail: country))
        }
        switch kind {
        case .financial:
            if amount == nil { issues.append(.init(field: "amount", reason: "error.required")) }
            if item != nil { issues.append(.init(field: "item", reason: "error.choice")) }
        case .inKind:
            if item == nil { issues.append(.init(field: "item", reason: "error.required")) }
            if description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                issues.append(.init(field: "description", reason: "error.required"))
            }
        }
        if let amount {
            if !Currency.isValid(amount.currency) {
                issues.append(.init(field: "currency", reason: Money.Problem.unknownCurrency.labelKey, detail: amount.currency))
            }
            if amount.milli <= 0 { issues.append(.init(field: "amount", reason: Money.Problem.zero.labelKey)) }
            if amount.milli > Money.maximumMilli { issues.append(.init(field: "amount", reason: Money.Problem.tooLarge.labelKey)) }
            let unit = Int64([1_000, 100, 10, 1][min(3, Currency.decimals(of: amount.currency))])
            if amount.milli % unit != 0 { issues.append(.init(field: "amount", reason: Money.Problem.tooManyDecimals.labelKey)) }
        }
        if ISODay.parse(givenOn) == nil {
            issues.append(.init(field: "givenOn", reason: "error.date", detail: givenOn))
        } else if let year, year < Self.earliestYear || year > (Int(today.prefix(4)) ?? year) + 1 {
            issues.append(.init(field: "givenOn", reason: "error.range", detail: givenOn))
        }
        text(contributorName, "contributorName", max: Self.maxName, &issues)
        text(description, "description", max: Self.maxText, &issues)
        text(source, "source", max: Self.maxText, &issues)
        return issues
    }

    private func text(_ value: String, _ field: String, max: Int, _ issues: inout [ValidationIssue]) {
        if value.count > max { issues.append(.init(field: field, reason: "error.tooLong", detail: "\(max)")) }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t" }) {
            issues.append(.init(field: field, reason: "error.invalidCharacters"))
        }
    }
}
