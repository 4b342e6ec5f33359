import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Editions of the Handbook: create and change them (drafts), compile (freeze the practices they
/// select), publish, and keep track of the built files. Every change that readers can see bumps
/// the data version in the same transaction, so cached pages follow.
public struct EditionStore: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func find(slug: String, publishedOnly: Bool) async throws -> EditionModel? {
        guard Slug.isValid(slug) else { return nil }
        var query = EditionModel.query(on: database).filter(\.$slug == slug)
        if publishedOnly { query = query.filter(\.$status == EditionStatus.published.rawValue) }
        return try await query.first()
    }

    /// Newest first (year, then number).
    public func list(publishedOnly: Bool) async throws -> [EditionModel] {
        var query = EditionModel.query(on: database)
        if publishedOnly { query = query.filter(\.$status == EditionStatus.published.rawValue) }
        return try await query.sort(\.$year, .descending).sort(\.$number, .descending).sort(\.$slug).all()
    }

    /// Creates a draft edition, or throws the issues of the draft.
    @discardableResult
    public func create(_ draft: EditionDraft, now: Date = Date()) async throws -> EditionModel {
        var issues = EditionValidation.issues(in: draft)
        if !issues.contains(.slug), try await EditionModel.query(on: database).filter(\.$slug == draft.slug).count() > 0 {
            issues.append(.slugTaken)
        }
        guard issues.isEmpty else { throw EditionStoreError.invalid(issues) }
        let model = EditionModel()
        model.slug = draft.slug
        model.status = EditionStatus.draft.rawValue
        model.createdAt = Int(now.timeIntervalSince1970)
        model.buildState = BuildState.none.rawValue
        model.buildDone = 0
        model.buildTotal = 0
        try apply(draft, to: model)
        try await model.create(on: database)
        return model
    }

    /// Changes an edition's texts and selection. A compiled edition goes back to draft (its
    /// frozen practices and files no longer match); a published one never changes.
    public func update(_ model: EditionModel, with draft: EditionDraft) async throws {
        guard model.editionStatus != .published else { throw EditionStoreError.invalid([.published]) }
        var checked = draft
        checked.slug = model.slug
        let issues = EditionValidation.issues(in: checked)
        guard issues.isEmpty else { throw EditionStoreError.invalid(issues) }
        let valid = checked
        try await database.atomically { tx in
            try apply(valid, to: model)
            model.status = EditionStatus.draft.rawValue
            model.compiledAt = nil
            model.buildState = BuildState.none.rawValue
            try await EditionEntryModel.query(on: tx).filter(\.$edition.$id == model.requireID()).delete()
            try await EditionFileModel.query(on: tx).filter(\.$edition.$id == model.requireID()).delete()
            try await model.save(on: tx)
        }
    }

    private func apply(_ draft: EditionDraft, to model: EditionModel) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        model.number = draft.number ?? 1
        model.year = draft.year ?? 2000
        model.originalLanguage = draft.originalLanguage.rawValue
        model.selectionJSON = String(decoding: try encoder.encode(draft.selection), as: UTF8.self)
        model.textsJSON = String(decoding: try encoder.encode(draft.texts.filter { !$0.value.isEmpty }), as: UTF8.self)
    }

    /// Freezes the published practices that the selection takes, as they are now. Compiling again
    /// (before publication) takes the practices as they are then.
    @discardableResult
    public func compile(_ model: EditionModel, now: Date = Date()) async throws -> FrozenEdition {
        guard model.editionStatus != .published else { throw EditionStoreError.invalid([.published]) }
        let selection = model.selection
        // Runs in the server: read page by page, without holding SQLite's one connection throughout.
        let records = try await PracticeStore(database: database).allRecords(publishedOnly: true, oneSnapshot: false)
            .filter { selection.includes($0) }
        guard !records.isEmpty else { throw EditionStoreError.invalid([.empty]) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try await database.atomically { tx in
            let id = try model.requireID()
            try await EditionEntryModel.query(on: tx).filter(\.$edition.$id == id).delete()
            try await EditionFileModel.query(on: tx).filter(\.$edition.$id == id).delete()
            for (position, record) in records.enumerated() {
                let entry = EditionEntryModel()
                entry.$edition.id = id
                entry.position = position
                entry.practiceSlug = record.slug
                entry.snapshot = String(decoding: try encoder.encode(record), as: UTF8.self)
                try await entry.create(on: tx)
            }
            model.status = EditionStatus.compiled.rawValue
            model.compiledAt = Int(now.timeIntervalSince1970)
            model.buildState = BuildState.none.rawValue
            model.buildDone = 0
            model.buildTotal = 0
            model.buildMessage = nil
            try await model.save(on: tx)
        }
        return try await frozen(model)
    }

    /// The edition as compiled, read back from its snapshots.
    public func frozen(_ model: EditionModel) async throws -> FrozenEdition {
        guard let compiledAt = model.compiledAt, model.editionStatus != .draft else {
            throw EditionStoreError.invalid([.notCompiled])
        }
        let rows = try await EditionEntryModel.query(on: database).filter(\.$edition.$id == model.requireID())
            .sort(\.$position).all()
        let decoder = JSONDecoder()
        let entries = try rows.map { try decoder.decode(PracticeRecord.self, from: Data($0.snapshot.utf8)) }
        return FrozenEdition(slug: model.slug, number: model.number, year: model.year, originalLanguage: model.language,
                             texts: model.texts, selection: model.selection,
                             compiledAt: Date(timeIntervalSince1970: TimeInterval(compiledAt)), entries: entries)
    }

    public func publish(_ model: EditionModel, now: Date = Date()) async throws {
        switch model.editionStatus {
        case .published: throw EditionStoreError.invalid([.published])
        case .draft: throw EditionStoreError.invalid([.notCompiled])
        case .compiled: break
        }
        try await database.atomically { tx in
            model.status = EditionStatus.published.rawValue
            model.publishedAt = Int(now.timeIntervalSince1970)
            try await model.save(on: tx)
            try await DataVersion.bump(on: tx)
        }
    }

    /// Progress of the file build, shown on the editor's page while it runs.
    public func recordProgress(_ model: EditionModel, state: BuildState, done: Int, total: Int, message: String? = nil) async throws {
        model.buildState = state.rawValue
        model.buildDone = done
        model.buildTotal = total
        model.buildMessage = message
        try await model.save(on: database)
    }

    /// Records a built file (language, format), replacing the previous one; `content`, its bytes,
    /// which every node then serves.
    public func recordFile(_ model: EditionModel, language: Language, format: String, fileName: String, size: Int,
                           content: Data? = nil, now: Date = Date()) async throws {
        let id = try model.requireID()
        try await database.atomically { tx in
            try await EditionFileModel.query(on: tx).filter(\.$edition.$id == id)
                .filter(\.$language == language.rawValue).filter(\.$format == format).delete()
            let file = EditionFileModel()
            file.$edition.id = id
            file.language = language.rawValue
            file.format = format
            file.fileName = fileName
            file.size = size
            file.builtAt = Int(now.timeIntervalSince1970)
            try await file.create(on: tx)
            if let content {
                try await (tx as! any SQLDatabase).raw("UPDATE handbook_files SET content = \(bind: content) WHERE id = \(bind: file.requireID())").run()
            }
            try await DataVersion.bump(on: tx)
        }
    }

    /// How many practices the compiled edition froze.
    public func entryCount(of model: EditionModel) async throws -> Int {
        try await EditionEntryModel.query(on: database).filter(\.$edition.$id == model.requireID()).count()
    }

    public func files(of model: EditionModel) async throws -> [EditionFileModel] {
        try await EditionFileModel.query(on: database).filter(\.$edition.$id == model.requireID()).all()
    }

    /// The bytes kept for a file (``recordFile(_:language:format:fileName:size:content:now:)``), if any.
    public func content(ofFile file: EditionFileModel) async throws -> Data? {
        let row = try await (database as! any SQLDatabase).raw("SELECT content FROM handbook_files WHERE id = \(bind: file.requireID())").first()
        return try row?.decode(column: "content", as: Data?.self)
    }
}

public enum EditionStoreError: Error, Equatable {
    case invalid([EditionIssue])
}
