import Foundation

/// Numbers and dates formatted for the page's locale (CLDR through Foundation).
public enum NumberFormatting {
    public static func integer(_ value: Int, _ language: Language) -> String {
        value.formatted(.number.locale(language.locale))
    }
}

public enum DateFormatting {
    /// A calendar date such as "14 novembre 2023", in UTC so every node prints the same day.
    public static func longDate(_ date: Date, _ language: Language) -> String {
        var style = Date.FormatStyle(date: .long, time: .omitted).locale(language.locale)
        style.timeZone = TimeZone(identifier: "UTC")!
        return date.formatted(style)
    }

    /// A date and time in UTC, for logs and session lists.
    public static func dateTime(_ date: Date, _ language: Language) -> String {
        var style = Date.FormatStyle(date: .abbreviated, time: .shortened).locale(language.locale)
        style.timeZone = TimeZone(identifier: "UTC")!
        return date.formatted(style) + " UTC"
    }

    /// A year on its own, in the locale's digits but without grouping ("2016", not "2,016").
    public static func year(_ year: Int, _ language: Language) -> String {
        year.formatted(.number.grouping(.never).locale(language.locale))
    }
}

extension DateFormatting {
    /// A month and year ("février 2027"), for the course calendar's headings.
    public static func monthYear(_ date: Date, _ language: Language) -> String {
        var style = Date.FormatStyle().month(.wide).year().locale(language.locale)
        style.timeZone = TimeZone(identifier: "UTC")!
        return date.formatted(style)
    }
}
