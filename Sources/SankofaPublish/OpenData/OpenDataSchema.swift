import Foundation

/// What a column holds, for the data dictionary and the DCAT description; also how a cell is
/// written (a list is `;`-separated in CSV, an array in JSON).
public enum OpenDataType: String, CaseIterable, Sendable {
    case text, code, codes, integer, number, boolean, date, dateTime = "datetime", url

    /// The catalog key of the type's name in the data dictionary.
    public var labelKey: String { "openData.type.\(rawValue)" }
}

public struct OpenDataColumn: Sendable, Equatable {
    public var name: String
    public var type: OpenDataType
    public init(_ name: String, _ type: OpenDataType) { self.name = name; self.type = type }
}

/// One dataset of the open data: a CSV file and a JSON file with the same columns.
public struct OpenDataTable: Sendable, Equatable {
    public var name: String
    public var columns: [OpenDataColumn]

    public var csvFile: String { "\(name).csv" }
    public var jsonFile: String { "\(name).json" }
    /// The catalog keys of the dataset's title, description and each column's meaning.
    public var titleKey: String { "openData.table.\(name).title" }
    public var descriptionKey: String { "openData.table.\(name).description" }
    /// A column that means the same in every table shares one key (`openData.column.country`).
    public func meaningKey(_ column: OpenDataColumn) -> String {
        OpenDataSchema.sharedMeanings.contains(column.name) ? "openData.column.\(column.name)" : "openData.column.\(name).\(column.name)"
    }
}

/// One cell, typed: CSV writes it as text, JSON keeps its type.
public enum OpenDataCell: Sendable, Equatable {
    case text(String?)
    case integer(Int?)
    case number(Double?)
    case boolean(Bool)
    case list([String])
}

/// The datasets, in the order the ZIP, the page and the catalogue list them. Only what a visitor
/// may see goes in (the reads that fill them are the visitor's; see `OpenDataReader`).
public enum OpenDataSchema {
    public static let practices = OpenDataTable(name: "practices", columns: [
        .init("slug", .code), .init("url", .url), .init("original_language", .code), .init("title", .text),
        .init("lead_country", .code), .init("countries", .codes), .init("regions", .codes), .init("scope", .code),
        .init("triangular", .boolean), .init("maturity", .code), .init("evidence_level", .code), .init("pillars", .codes),
        .init("themes", .codes), .init("start_year", .integer), .init("end_year", .integer), .init("last_reviewed", .date),
        .init("published_at", .dateTime), .init("updated_at", .dateTime), .init("languages", .codes),
    ])
    public static let practiceTranslations = OpenDataTable(name: "practice_translations", columns: [
        .init("practice", .code), .init("language", .code), .init("original", .boolean), .init("title", .text),
        .init("summary", .text), .init("context", .text), .init("approach", .text), .init("results", .text),
        .init("lessons", .text), .init("transfer_conditions", .text), .init("expansion_potential", .text),
        .init("safeguards", .text), .init("target_groups", .text),
    ])
    public static let practiceOrganisations = OpenDataTable(name: "practice_organisations", columns: [
        .init("practice", .code), .init("role", .code), .init("position", .integer), .init("name", .text),
    ])
    public static let practiceSources = OpenDataTable(name: "practice_sources", columns: [
        .init("practice", .code), .init("position", .integer), .init("title", .text), .init("source_url", .url),
    ])
    public static let experts = OpenDataTable(name: "experts", columns: [
        .init("slug", .code), .init("url", .url), .init("name", .text), .init("original_language", .code),
        .init("title", .text), .init("organisation", .text), .init("country", .code), .init("region", .code),
        .init("languages", .codes), .init("themes", .codes), .init("pillars", .codes), .init("experience_kinds", .codes),
        .init("years_of_experience", .integer), .init("experience_countries", .codes), .init("offers", .codes),
        .init("practices", .codes), .init("biography", .text), .init("links", .codes), .init("focal_point", .boolean),
        .init("demo", .boolean),
    ])
    public static let centres = OpenDataTable(name: "centres", columns: [
        .init("slug", .code), .init("url", .url), .init("original_language", .code), .init("name", .text),
        .init("country", .code), .init("region", .code), .init("type", .code), .init("themes", .codes),
        .init("website", .url), .init("contact_url", .url), .init("focal_point", .code), .init("experts", .codes),
        .init("practices", .codes),
    ])
    public static let centreTranslations = OpenDataTable(name: "centre_translations", columns: [
        .init("centre", .code), .init("language", .code), .init("original", .boolean), .init("name", .text), .init("description", .text),
    ])
    public static let courses = OpenDataTable(name: "courses", columns: [
        .init("slug", .code), .init("url", .url), .init("original_language", .code), .init("title", .text),
        .init("centre", .code), .init("country", .code), .init("region", .code), .init("themes", .codes),
        .init("modality", .code), .init("location", .text), .init("languages", .codes), .init("start_date", .date),
        .init("end_date", .date), .init("seats", .integer), .init("cost_coverage", .code), .init("apply_url", .url),
        .init("demo", .boolean),
    ])
    public static let courseTranslations = OpenDataTable(name: "course_translations", columns: [
        .init("course", .code), .init("language", .code), .init("original", .boolean), .init("title", .text),
        .init("description", .text), .init("eligibility", .text), .init("how_to_apply", .text),
    ])
    public static let exchanges = OpenDataTable(name: "exchanges", columns: [
        .init("id", .integer), .init("url", .url), .init("type", .code), .init("status", .code), .init("scope", .code),
        .init("triangular", .boolean), .init("themes", .codes), .init("starts_on", .date), .init("ends_on", .date),
        .init("provider_countries", .codes), .init("beneficiary_countries", .codes), .init("partner_countries", .codes),
        .init("demo", .boolean),
    ])
    public static let indicators = OpenDataTable(name: "indicators", columns: [
        .init("indicator", .code), .init("outcome", .integer), .init("unit", .code), .init("series", .code),
        .init("period", .code), .init("dimensions", .codes), .init("keys", .codes), .init("figure", .code),
        .init("value", .number), .init("basis", .integer), .init("currency", .code),
    ])

    /// Columns whose meaning is the same wherever they appear.
    public static let sharedMeanings: Set<String> = [
        "slug", "url", "original_language", "language", "original", "country", "region", "themes", "pillars", "demo", "practices",
    ]

    public static let tables: [OpenDataTable] = [
        practices, practiceTranslations, practiceOrganisations, practiceSources, experts, centres, centreTranslations,
        courses, courseTranslations, exchanges, indicators,
    ]
}
