import Fluent

/// 006: the Handbook. An edition (its translatable texts and selection as JSON), the practices it
/// froze at compile time (one JSON snapshot of each record, all languages), and the files built
/// from it (for the download list and its sizes; the bytes live in the handbook folder).
public struct CreateHandbook: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(EditionModel.schema)
            .id()
            .field("slug", .string, .required)
            .field("number", .int, .required)
            .field("year", .int, .required)
            .field("status", .string, .required)
            .field("original_language", .string, .required)
            .field("selection", .string, .required)
            .field("texts", .string, .required)
            .field("created_at", .int64, .required)
            .field("compiled_at", .int64)
            .field("published_at", .int64)
            .field("build_state", .string, .required)
            .field("build_done", .int, .required)
            .field("build_total", .int, .required)
            .field("build_message", .string)
            .unique(on: "slug")
            .create()
        try await database.schema(EditionEntryModel.schema)
            .id()
            .field("edition_id", .uuid, .required, .references(EditionModel.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("practice_slug", .string, .required)
            .field("snapshot", .string, .required)
            .unique(on: "edition_id", "position")
            .create()
        try await database.schema(EditionFileModel.schema)
            .id()
            .field("edition_id", .uuid, .required, .references(EditionModel.schema, "id", onDelete: .cascade))
            .field("language", .string, .required)
            .field("format", .string, .required)
            .field("file_name", .string, .required)
            .field("size", .int64, .required)
            .field("built_at", .int64, .required)
            .unique(on: "edition_id", "language", "format")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(EditionFileModel.schema).delete()
        try await database.schema(EditionEntryModel.schema).delete()
        try await database.schema(EditionModel.schema).delete()
    }
}
