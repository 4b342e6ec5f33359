import Fluent
import Foundation
import SankofaCore

/// A Handbook edition. Texts and selection are JSON (``EditionText`` per language code,
/// ``EditionSelection``); times are whole seconds since 1970. The `build_*` columns tell the
/// editor's page how far the building of the files has got, from any node.
public final class EditionModel: Model, @unchecked Sendable {
    public static let schema = "handbook_editions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "slug") public var slug: String
    @Field(key: "number") public var number: Int
    @Field(key: "year") public var year: Int
    @Field(key: "status") public var status: String
    @Field(key: "original_language") public var originalLanguage: String
    @Field(key: "selection") public var selectionJSON: String
    @Field(key: "texts") public var textsJSON: String
    @Field(key: "created_at") public var createdAt: Int
    @OptionalField(key: "compiled_at") public var compiledAt: Int?
    @OptionalField(key: "published_at") public var publishedAt: Int?
    @Field(key: "build_state") public var buildState: String
    @Field(key: "build_done") public var buildDone: Int
    @Field(key: "build_total") public var buildTotal: Int
    @OptionalField(key: "build_message") public var buildMessage: String?

    public init() {}

    public var editionStatus: EditionStatus { EditionStatus(rawValue: status) ?? .draft }
    public var language: Language { Language(rawValue: originalLanguage) ?? .en }

    public var selection: EditionSelection {
        (try? JSONDecoder().decode(EditionSelection.self, from: Data(selectionJSON.utf8))) ?? .all
    }

    public var texts: [String: EditionText] {
        (try? JSONDecoder().decode([String: EditionText].self, from: Data(textsJSON.utf8))) ?? [:]
    }
}

/// Where the building of an edition's files stands.
public enum BuildState: String, Sendable {
    case none, building, built, failed
}

/// One practice as the edition froze it: its whole record (every translation) as JSON.
public final class EditionEntryModel: Model, @unchecked Sendable {
    public static let schema = "handbook_entries"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "edition_id") public var edition: EditionModel
    @Field(key: "position") public var position: Int
    @Field(key: "practice_slug") public var practiceSlug: String
    @Field(key: "snapshot") public var snapshot: String

    public init() {}
}

/// A built file of an edition (one language, one format).
public final class EditionFileModel: Model, @unchecked Sendable {
    public static let schema = "handbook_files"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "edition_id") public var edition: EditionModel
    @Field(key: "language") public var language: String
    @Field(key: "format") public var format: String
    @Field(key: "file_name") public var fileName: String
    @Field(key: "size") public var size: Int
    @Field(key: "built_at") public var builtAt: Int

    public init() {}
}
