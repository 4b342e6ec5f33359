import Foundation

/// One reason a practice record cannot be stored: which field, and a catalog key saying why.
public struct ValidationIssue: Sendable, Equatable, CustomStringConvertible {
    public var field: String
    /// Catalog key of the reason (`error.required`, `error.tooLong`, ...), translated where shown.
    public var reason: String
    public var detail: String

    public init(field: String, reason: String, detail: String = "") {
        self.field = field
        self.reason = reason
        self.detail = detail
    }

    public var description: String { message(in: .en) }

    /// The reason in words, with the offending value when there is one.
    public func message(in language: Language, catalogs: Catalogs = .bundled) -> String {
        let text = catalogs.text(reason, language)
        return detail.isEmpty ? text : "\(text) (\(detail))"
    }
}

/// The rules every stored practice obeys, wherever it comes from (form, import, demo data).
public enum PracticeValidation {
    public static let maxTitle = 200
    public static let maxText = 20_000
    public static let yearRange = 1945...2100

    public static func issues(in record: PracticeRecord) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if !Slug.isValid(record.slug) { issues.append(.init(field: "slug", reason: "error.slug", detail: record.slug)) }
        if record.countries.isEmpty { issues.append(.init(field: "countries", reason: "error.required")) }
        for code in record.countries where !Countries.isValid(code) {
            issues.append(.init(field: "countries", reason: "error.country", detail: code))
        }
        if !record.countries.map({ $0.uppercased() }).contains(record.leadCountry.uppercased()) {
            issues.append(.init(field: "leadCountry", reason: "error.leadCountry", detail: record.leadCountry))
        }
        if record.pillars.isEmpty { issues.append(.init(field: "pillars", reason: "error.required")) }
        if record.themes.isEmpty { issues.append(.init(field: "themes", reason: "error.required")) }
        for (field, year) in [("startYear", record.startYear), ("endYear", record.endYear)] {
            if let year, !yearRange.contains(year) {
                issues.append(.init(field: field, reason: "error.year", detail: String(year)))
            }
        }
        if let start = record.startYear, let end = record.endYear, end < start {
            issues.append(.init(field: "endYear", reason: "error.endBeforeStart"))
        }
        if let reviewed = record.lastReviewed, ISODay.parse(reviewed) == nil {
            issues.append(.init(field: "lastReviewed", reason: "error.date", detail: reviewed))
        }
        for (index, source) in record.sources.enumerated() {
            if source.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                issues.append(.init(field: "sources[\(index)].title", reason: "error.required"))
            }
            if !SafeURL.isHTTP(source.url) {
                issues.append(.init(field: "sources[\(index)].url", reason: "error.url", detail: source.url))
            }
        }
        guard let original = record.original else {
            issues.append(.init(field: "translations", reason: "error.originalMissing", detail: record.originalLanguage.rawValue))
            return issues
        }
        if original.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(.init(field: "title", reason: "error.required"))
        }
        for (language, text) in record.translations.sorted(by: { $0.key < $1.key }) {
            for field in PracticeText.fieldNames {
                let value = text.value(of: field)
                let limit = field == "title" ? maxTitle : maxText
                // Characters are never more than UTF-8 bytes: count them only when it could matter.
                if value.utf8.count > limit && value.count > limit {
                    issues.append(.init(field: "\(field)", reason: "error.tooLong", detail: "\(language.rawValue), > \(limit)"))
                }
                if value.utf8.contains(0) {
                    issues.append(.init(field: "\(field)", reason: "error.invalidCharacters", detail: language.rawValue))
                }
            }
        }
        return issues
    }
}

/// Calendar days as ISO strings (yyyy-mm-dd), in UTC.
public enum ISODay {
    public static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    public static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }), let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: y, month: m, day: d)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }
}

/// Addresses from users are accepted only as absolute http(s) URLs with a host.
public enum SafeURL {
    public static func isHTTP(_ text: String) -> Bool {
        guard text.count <= 2_000, let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else { return false }
        return true
    }
}
