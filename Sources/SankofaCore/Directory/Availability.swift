import Foundation

/// When an offer can be taken up. Stored and exchanged as one string: `availableNow`,
/// `notAvailable`, or the ISO day from which the expert is available (`2027-03-01`).
public enum Availability: Sendable, Equatable, Hashable, Codable {
    case now
    case from(String)
    case notAvailable

    public init?(string: String) {
        switch string {
        case "availableNow": self = .now
        case "notAvailable": self = .notAvailable
        default:
            guard ISODay.parse(string) != nil else { return nil }
            self = .from(string)
        }
    }

    public var string: String {
        switch self {
        case .now: "availableNow"
        case .notAvailable: "notAvailable"
        case .from(let day): day
        }
    }

    /// The facet value: a date in the past counts as available now.
    public func status(today: String) -> AvailabilityStatus {
        switch self {
        case .now: .availableNow
        case .notAvailable: .notAvailable
        case .from(let day): day <= today ? .availableNow : .availableLater
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Availability(string: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "availability must be availableNow, notAvailable or yyyy-mm-dd"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(string)
    }
}

/// Availability as a filter: what a reader choosing "available now" means.
public enum AvailabilityStatus: String, CaseIterable, Codable, Sendable {
    case availableNow, availableLater, notAvailable
    public var labelKey: String { "availability.\(rawValue)" }
}
