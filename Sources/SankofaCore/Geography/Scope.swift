/// How widely a practice reaches: derived from its countries and their regions, never typed by hand.
public enum Scope: String, CaseIterable, Codable, Sendable {
    case national, bilateral, regional, interRegional
    public var labelKey: String { "scope.\(rawValue)" }

    /// The rule: one country is national; countries of two or more Southern regions are
    /// inter-regional (whatever their number: Africa–Asia cooperation is what the programme
    /// seeks); otherwise two countries are bilateral and three or more are regional.
    /// Partner countries take part in the count of countries but not of regions: their support
    /// makes an exchange triangular (``isTriangular``), not inter-regional.
    public static func derive(countries: [String], table: RegionTable = .standard) -> Scope? {
        let distinct = Set(countries.map { $0.uppercased() })
        guard !distinct.isEmpty else { return nil }
        if distinct.count == 1 { return .national }
        let regions = Set(distinct.map { table.region(of: $0) }).subtracting([.partner])
        if regions.count >= 2 { return .interRegional }
        return distinct.count == 2 ? .bilateral : .regional
    }

    /// A Southern exchange supported by a partner outside the South.
    public static func isTriangular(countries: [String], table: RegionTable = .standard) -> Bool {
        let regions = countries.map { table.region(of: $0) }
        return regions.contains(.partner) && regions.contains { $0 != .partner }
    }
}
