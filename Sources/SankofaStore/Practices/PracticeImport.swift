import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Import of practice records: idempotent by slug, all or nothing.
public enum PracticeImport {
    /// One problem with one record of an import file.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var index: Int
        public var field: String
        public var reason: String
        public var description: String { "record \(index): \(field): \(reason)" }
    }

    public enum Failure: Error, CustomStringConvertible {
        case unreadable(String)
        case invalid([Problem])

        public var description: String {
            switch self {
            case .unreadable(let reason): "the file is not a JSON array of practices: \(reason)"
            case .invalid(let problems): problems.map(\.description).joined(separator: "\n")
            }
        }
    }

    /// Decodes a JSON array of records, reporting every bad record (index, field, reason)
    /// instead of stopping at the first.
    public static func decode(_ data: Data) throws -> [PracticeRecord] {
        let elements: [Checked]
        do {
            elements = try checkedElements(data)
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw Failure.unreadable("the top level is not an array")
        } catch {
            throw Failure.unreadable("invalid JSON")
        }
        var records: [PracticeRecord] = []
        var problems: [Problem] = []
        var slugs: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            switch element.result {
            case .failure(let error):
                problems.append(Problem(index: index, field: error.fieldPath, reason: error.reason))
            case .success(let record):
                problems += element.issues.map { Problem(index: index, field: $0.field, reason: $0.message(in: .en)) }
                if let first = slugs[record.slug] {
                    problems.append(Problem(index: index, field: "slug", reason: "duplicate of record \(first)"))
                }
                slugs[record.slug] = slugs[record.slug] ?? index
                records.append(record)
            }
        }
        guard problems.isEmpty else { throw Failure.invalid(problems) }
        return records
    }

    /// An element decoded, with what the store's rules say of it.
    struct Checked: Sendable {
        var result: Result<PracticeRecord, DecodingError>
        var issues: [ValidationIssue]

        init(_ element: Lenient) {
            result = element.result
            issues = (try? element.result.get()).map(PracticeValidation.issues) ?? []
        }
    }

    /// The elements of the array in order, decoded and checked on every core when the file is
    /// large; otherwise, or when the parts do not all decode, by one decoder reading the whole
    /// file, whose error is the one reported.
    static func checkedElements(_ data: Data) throws -> [Checked] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if data.count >= 1 << 20, cores > 1, let elements = inParts(data, count: cores * 2) { return elements }
        return try JSONDecoder().decode([Lenient].self, from: data).map(Checked.init)
    }

    /// The elements decoded in `count` parts of whole elements (``JSONArrayParts``) at once, or
    /// nil when the file cannot be cut or a part does not decode.
    static func inParts(_ data: Data, count: Int) -> [Checked]? {
        guard let parts = JSONArrayParts.split(data, into: count) else { return nil }
        let decoded = UnsafeMutableBufferPointer<[Checked]?>.allocate(capacity: parts.count)
        decoded.initialize(repeating: nil)
        defer { decoded.deinitialize(); decoded.deallocate() }
        // Each iteration writes its own slot only.
        nonisolated(unsafe) let slots = decoded
        DispatchQueue.concurrentPerform(iterations: parts.count) { part in
            slots[part] = try? JSONDecoder().decode([Lenient].self, from: parts[part]).map(Checked.init)
        }
        guard decoded.allSatisfy({ $0 != nil }) else { return nil }
        return decoded.flatMap { $0! }
    }

    /// One element of the array: a record, or why it is not one (the array's decoding goes on).
    struct Lenient: Decodable {
        let result: Result<PracticeRecord, DecodingError>

        init(from decoder: any Decoder) throws {
            do {
                result = .success(try PracticeRecord(from: decoder))
            } catch let error as DecodingError {
                result = .failure(error.relative(to: decoder.codingPath.count))
            }
        }
    }

    /// Stores every record in one transaction; returns how many were new and how many updated.
    public static func run(_ records: [PracticeRecord], on database: any Database, regions: RegionTable = .standard)
        async throws -> (created: Int, updated: Int)
    {
        let counts = try await database.transaction { tx in
            let existing = Set(try await PracticeModel.query(on: tx).all(\.$slug))
            let store = PracticeStore(database: tx, regions: regions)
            // Updates go through `save` one by one; new records (a first import) in bulk.
            let updates = records.filter { existing.contains($0.slug) }
            for record in updates { try await store.save(record) }
            try await store.createMany(records.filter { !existing.contains($0.slug) })
            return (created: records.count - updates.count, updated: updates.count)
        }
        try await refreshStatistics(on: database)
        return counts
    }

    /// The planner's statistics after a bulk write: PostgreSQL plans search without any until
    /// autovacuum gets to the tables (up to a minute, ~20 times slower meanwhile); SQLite's
    /// `PRAGMA optimize` does the same for what it has learnt it needs.
    static func refreshStatistics(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("PRAGMA optimize").run()
        } else {
            try await sql.raw("""
                ANALYZE practices, practice_translations, practice_countries, practice_pillars, practice_themes, search_documents
                """).run()
        }
    }
}

extension DecodingError {
    /// The same error with the first `depth` path components (the array index) dropped.
    func relative(to depth: Int) -> DecodingError {
        func trim(_ context: Context) -> Context {
            Context(codingPath: Array(context.codingPath.dropFirst(depth)), debugDescription: context.debugDescription)
        }
        switch self {
        case .keyNotFound(let key, let context): return .keyNotFound(key, trim(context))
        case .typeMismatch(let type, let context): return .typeMismatch(type, trim(context))
        case .valueNotFound(let type, let context): return .valueNotFound(type, trim(context))
        case .dataCorrupted(let context): return .dataCorrupted(trim(context))
        @unknown default: return self
        }
    }

    var fieldPath: String {
        let path: [any CodingKey] = switch self {
        case .keyNotFound(let key, let context): context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): context.codingPath
        @unknown default: []
        }
        return path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    var reason: String {
        switch self {
        case .keyNotFound: "missing"
        case .typeMismatch(let type, _): "wrong type, expected \(type)"
        case .valueNotFound: "missing value"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "invalid"
        }
    }
}
