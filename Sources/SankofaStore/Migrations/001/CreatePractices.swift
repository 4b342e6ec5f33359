import Fluent

/// 001: the catalogue of practices with their translations, countries, pillars and themes.
public struct CreatePractices: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(PracticeModel.schema)
            .id()
            .field("slug", .string, .required)
            .field("status", .string, .required)
            .field("original_language", .string, .required)
            .field("lead_country", .string, .required)
            .field("scope", .string, .required)
            .field("maturity", .string, .required)
            .field("evidence_level", .string, .required)
            .field("start_year", .int)
            .field("end_year", .int)
            .field("implementing_organisations", .array(of: .string), .required)
            .field("partners", .array(of: .string), .required)
            .field("funders", .array(of: .string), .required)
            .field("sources", .array(of: .json), .required)
            .field("last_reviewed", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("published_at", .datetime)
            .unique(on: "slug")
            .create()

        try await database.schema(PracticeTranslationModel.schema)
            .id()
            .field("practice_id", .uuid, .required, .references(PracticeModel.schema, "id", onDelete: .cascade))
            .field("language", .string, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("context", .string, .required)
            .field("approach", .string, .required)
            .field("results", .string, .required)
            .field("lessons", .string, .required)
            .field("transfer_conditions", .string, .required)
            .field("expansion_potential", .string, .required)
            .field("safeguards", .string, .required)
            .field("target_groups", .string, .required)
            .unique(on: "practice_id", "language")
            .create()

        try await database.schema(PracticeCountryModel.schema)
            .id()
            .field("practice_id", .uuid, .required, .references(PracticeModel.schema, "id", onDelete: .cascade))
            .field("country", .string, .required)
            .field("region", .string, .required)
            .field("position", .int, .required)
            .unique(on: "practice_id", "country")
            .create()

        try await database.schema(PracticePillarModel.schema)
            .id()
            .field("practice_id", .uuid, .required, .references(PracticeModel.schema, "id", onDelete: .cascade))
            .field("pillar", .int, .required)
            .unique(on: "practice_id", "pillar")
            .create()

        try await database.schema(PracticeThemeModel.schema)
            .id()
            .field("practice_id", .uuid, .required, .references(PracticeModel.schema, "id", onDelete: .cascade))
            .field("theme", .string, .required)
            .unique(on: "practice_id", "theme")
            .create()
    }

    public func revert(on database: any Database) async throws {
        for schema in [PracticeThemeModel.schema, PracticePillarModel.schema, PracticeCountryModel.schema,
                       PracticeTranslationModel.schema, PracticeModel.schema] {
            try await database.schema(schema).delete()
        }
    }
}
