import Foundation
import SankofaCore
import SQLKit

/// The translators' queue for the directory: centres, and courses not yet ended, with the
/// languages their texts are complete in. A centre or course page falls back to the original
/// where a language has no text, so each such language is work waiting for a translator.
///
/// Read whole and filtered here, not in SQL: the texts live in the record's JSON, and there
/// are a few hundred centres and current courses, not the catalogue's tens of thousands.
extension CentreStore {
    public struct Translatable: Sendable, Equatable {
        public var slug: String
        /// The name or title in the original language.
        public var title: String
        public var originalLanguage: Language
        /// The languages with a text holding every field the original has.
        public var complete: Set<Language>
        /// The languages with a text, complete or not.
        public var started: Set<Language> = []

        /// Not written in `target`, and no complete text in it yet (none, or one from before
        /// the original gained a field).
        public func waits(for target: Language) -> Bool { target != originalLanguage && !complete.contains(target) }

        /// Waits for `target` with a text begun there (one from before the original gained a field).
        public func isPartial(in target: Language) -> Bool { waits(for: target) && started.contains(target) }
    }

    /// Every centre, the least recently changed first.
    public func translatableCentres() async throws -> [Translatable] {
        try await sql.raw("SELECT record FROM centres ORDER BY updated_at, slug").all().map {
            let record = try RecordJSON.decode(CentreRecord.self, try $0.decode(column: "record", as: String.self))
            let original = record.translations[record.originalLanguage]
            return Translatable(slug: record.slug, title: original?.name ?? record.slug, originalLanguage: record.originalLanguage,
                                complete: Self.complete(record.translations, original, fields: [\.name, \.description]),
                                started: Set(record.translations.languages))
        }
    }

    /// The courses that have not ended by `today` (an ISO day), the soonest first: a course past
    /// its dates is history and no longer worth a translator's time.
    public func translatableCourses(today: String) async throws -> [Translatable] {
        try await sql.raw("SELECT record FROM courses WHERE end_date >= \(bind: today) ORDER BY start_date, slug").all().map {
            let record = try RecordJSON.decode(CourseRecord.self, try $0.decode(column: "record", as: String.self))
            let original = record.translations[record.originalLanguage]
            return Translatable(slug: record.slug, title: original?.title ?? record.slug, originalLanguage: record.originalLanguage,
                                complete: Self.complete(record.translations, original,
                                                        fields: [\.title, \.description, \.eligibility, \.howToApply]),
                                started: Set(record.translations.languages))
        }
    }

    /// The languages whose text has every one of `fields` that the original has.
    static func complete<Text>(_ texts: LanguageMap<Text>, _ original: Text?, fields: [KeyPath<Text, String>]) -> Set<Language> {
        let needed = fields.filter { field in original.map { !$0[keyPath: field].isEmpty } ?? false }
        return Set(texts.values.filter { _, text in needed.allSatisfy { !text[keyPath: $0].isEmpty } }.keys)
    }

    /// Sets a centre's text in one language, on the record as it is when the write begins: the
    /// row is locked first (a write, so that on SQLite too the transaction holds the write lock
    /// before it reads), so two translators saving two languages at once both keep theirs.
    /// False when there is no such centre.
    public func translateCentre(_ slug: String, into language: Language, _ text: CentreText) async throws -> Bool {
        try await rewrite("centres", slug, read: { try await $0.centre(slug: slug)?.record },
                          change: { $0.translations[language] = text }, save: { _ = try await $0.save($1) })
    }

    /// ``translateCentre(_:into:_:)`` for a course.
    public func translateCourse(_ slug: String, into language: Language, _ text: CourseText) async throws -> Bool {
        try await rewrite("courses", slug, read: { try await $0.course(slug: slug)?.record },
                          change: { $0.translations[language] = text }, save: { _ = try await $0.save($1) })
    }

    /// Locks the row of `table` named `slug`, reads its record, changes it and saves it, in one
    /// transaction (the caller's, when there is one).
    private func rewrite<Record: Sendable>(_ table: String, _ slug: String,
                                           read: @escaping @Sendable (CentreStore) async throws -> Record?,
                                           change: @escaping @Sendable (inout Record) -> Void,
                                           save: @escaping @Sendable (CentreStore, Record) async throws -> Void) async throws -> Bool {
        try await inTransaction { store in
            try await store.sql.raw("UPDATE \(unsafeRaw: table) SET updated_at = updated_at WHERE slug = \(bind: slug)").run()
            guard var record = try await read(store) else { return false }
            change(&record)
            try await save(store, record)
            return true
        }
    }

    private func inTransaction<T: Sendable>(_ body: @escaping @Sendable (CentreStore) async throws -> T) async throws -> T {
        if database.inTransaction { return try await body(self) }
        return try await database.transaction { try await body(CentreStore(database: $0)) }
    }
}

extension Array where Element == CentreStore.Translatable {
    /// How many wait for a text in each language.
    public func waitingCounts() -> [Language: Int] {
        Dictionary(uniqueKeysWithValues: Language.allCases.map { target in (target, count { $0.waits(for: target) }) })
    }
}
