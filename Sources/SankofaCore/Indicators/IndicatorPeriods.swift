import Foundation

/// The periods of an indicator's series: years ("2026") and quarters ("2026-Q3"), in UTC, from
/// the first period that has a record to the one holding `now`, with no gap (a period without
/// records is a zero, not a missing point).
public enum IndicatorPeriods {
    /// The year and quarter keys of a calendar day ("2026-08-14") or of Unix seconds.
    public static func keys(ofDay day: String) -> (year: String, quarter: String)? {
        let parts = day.split(separator: "-")
        guard parts.count >= 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        return (String(year), "\(year)-Q\((month - 1) / 3 + 1)")
    }

    public static func keys(ofSeconds seconds: Int) -> (year: String, quarter: String) {
        keys(ofDay: day(seconds))!
    }

    /// The UTC calendar day of Unix seconds, "YYYY-MM-DD".
    public static func day(_ seconds: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// Every year key from `first` to the year of `now`, in order.
    public static func years(from first: String, to now: Date) -> [String] {
        guard let start = Int(first), let end = Int(keys(ofSeconds: Int(now.timeIntervalSince1970)).year) else { return [] }
        return start <= end ? (start...end).map(String.init) : []
    }

    /// Every quarter key from `first` ("2025-Q2") to the quarter of `now`, in order.
    public static func quarters(from first: String, to now: Date) -> [String] {
        let end = keys(ofSeconds: Int(now.timeIntervalSince1970)).quarter
        guard let a = ordinal(first), let b = ordinal(end), a <= b else { return [] }
        return (a...b).map { "\($0 / 4)-Q\($0 % 4 + 1)" }
    }

    static func ordinal(_ quarter: String) -> Int? {
        let parts = quarter.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), parts[1].first == "Q", let q = Int(parts[1].dropFirst()), (1...4).contains(q) else { return nil }
        return year * 4 + q - 1
    }

    /// A series over every period from the first key of `counts` to `now`, missing periods as
    /// zero counts; `quarterly` picks quarter keys over year keys.
    public static func countSeries(_ counts: [String: Int], quarterly: Bool, now: Date) -> [IndicatorPoint] {
        guard let first = counts.keys.min() else { return [] }
        let periods = quarterly ? quarters(from: first, to: now) : years(from: first, to: now)
        return periods.map { IndicatorPoint(period: $0, figure: .count(counts[$0] ?? 0)) }
    }
}
