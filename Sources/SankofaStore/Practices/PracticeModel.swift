import Fluent
import Foundation
import SankofaCore

/// A practice row. Text fields live in `PracticeTranslationModel`, one row per language;
/// countries, pillars and themes in their own tables so that facets are plain SQL.
public final class PracticeModel: Model, @unchecked Sendable {
    public static let schema = "practices"

    @ID(key: .id) public var id: UUID?
    @Field(key: "slug") public var slug: String
    @Field(key: "status") public var status: String
    @Field(key: "original_language") public var originalLanguage: String
    @Field(key: "lead_country") public var leadCountry: String
    /// Derived from the countries by `Scope.derive` on every write; stored so facets can count it.
    @Field(key: "scope") public var scope: String
    @Field(key: "maturity") public var maturity: String
    @Field(key: "evidence_level") public var evidenceLevel: String
    @OptionalField(key: "start_year") public var startYear: Int?
    @OptionalField(key: "end_year") public var endYear: Int?
    @Field(key: "implementing_organisations") public var implementingOrganisations: [String]
    @Field(key: "partners") public var partners: [String]
    @Field(key: "funders") public var funders: [String]
    @Field(key: "sources") public var sources: [PracticeSource]
    @OptionalField(key: "last_reviewed") public var lastReviewed: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @OptionalField(key: "published_at") public var publishedAt: Date?
    /// Who submitted it through the site; nil for imported practices and former members.
    @OptionalField(key: "author_id") public var authorID: UUID?

    @Children(for: \.$practice) public var translations: [PracticeTranslationModel]
    @Children(for: \.$practice) public var countries: [PracticeCountryModel]
    @Children(for: \.$practice) public var pillars: [PracticePillarModel]
    @Children(for: \.$practice) public var themes: [PracticeThemeModel]

    public init() {}
}

public final class PracticeTranslationModel: Model, @unchecked Sendable {
    public static let schema = "practice_translations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "practice_id") public var practice: PracticeModel
    @Field(key: "language") public var language: String
    @Field(key: "title") public var title: String
    @Field(key: "summary") public var summary: String
    @Field(key: "context") public var context: String
    @Field(key: "approach") public var approach: String
    @Field(key: "results") public var results: String
    @Field(key: "lessons") public var lessons: String
    @Field(key: "transfer_conditions") public var transferConditions: String
    @Field(key: "expansion_potential") public var expansionPotential: String
    @Field(key: "safeguards") public var safeguards: String
    @Field(key: "target_groups") public var targetGroups: String

    public init() {}
}

public final class PracticeCountryModel: Model, @unchecked Sendable {
    public static let schema = "practice_countries"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "practice_id") public var practice: PracticeModel
    @Field(key: "country") public var country: String
    /// Derived from the country by `RegionTable`; kept here so region facets are one join.
    @Field(key: "region") public var region: String
    @Field(key: "position") public var position: Int

    public init() {}
}

public final class PracticePillarModel: Model, @unchecked Sendable {
    public static let schema = "practice_pillars"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "practice_id") public var practice: PracticeModel
    @Field(key: "pillar") public var pillar: Int

    public init() {}
}

public final class PracticeThemeModel: Model, @unchecked Sendable {
    public static let schema = "practice_themes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "practice_id") public var practice: PracticeModel
    @Field(key: "theme") public var theme: String

    public init() {}
}
