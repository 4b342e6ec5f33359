import Foundation

/// The platform's grouping of countries. Southern countries fall into one of four regions;
/// every other country is a `partner` (a triangular partner outside the South).
public enum Region: String, CaseIterable, Codable, Sendable {
    case africa
    case asiaPacific
    case middleEast
    case latinAmericaCaribbean
    case partner

    /// The four Southern regions, in display order.
    public static let southern: [Region] = [.africa, .asiaPacific, .middleEast, .latinAmericaCaribbean]
    public var labelKey: String { "region.\(rawValue)" }
}

/// Maps a country to its platform region, following DOMAIN.md: Southern countries
/// (``SouthernCountries``) are placed by UN M49 containment, read from CLDR through Foundation;
/// all others are partners. Overrides let an administrator move a country without a code change.
public struct RegionTable: Sendable {
    public var overrides: [String: Region]

    public init(overrides: [String: Region] = [:]) {
        self.overrides = overrides
    }

    public static let standard = RegionTable()

    public func region(of isoCode: String) -> Region {
        let code = isoCode.uppercased()
        if let region = overrides[code] { return region }
        guard SouthernCountries.contains(code) else { return .partner }
        return Self.m49Region(of: code) ?? .partner
    }

    /// M49 containment: 002 Africa; 019 Americas except 021 Northern America; 145 Western Asia;
    /// the rest of 142 Asia and 009 Oceania.
    static func m49Region(of code: String) -> Region? {
        var chain: Set<String> = []
        var current: Locale.Region? = Locale.Region(code)
        while let container = current?.containingRegion {
            chain.insert(container.identifier)
            current = container
        }
        if chain.contains("002") { return .africa }
        if chain.contains("019") && !chain.contains("021") { return .latinAmericaCaribbean }
        if chain.contains("145") { return .middleEast }
        if chain.contains("142") || chain.contains("009") { return .asiaPacific }
        return nil
    }

    /// Every ISO country in a region, for filtering by region in queries.
    public func countries(in region: Region) -> [String] {
        Countries.all.filter { self.region(of: $0) == region }
    }
}
