import Fluent
import Foundation
import SankofaCore

/// The demo data set in `Resources/Demo/`: practices (`practices-*.json`), then centres, experts
/// and courses. Loading is idempotent: records are upserted by slug.
public enum DemoData {
    public struct Summary: Sendable {
        public var practicesCreated: Int
        public var practicesUpdated: Int
        public var experts: Int
        public var centres: Int
        public var courses: Int
    }

    public static func practices(in folder: String) throws -> [PracticeRecord] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasPrefix("practices-") && $0.hasSuffix(".json") }.sorted()
        return try files.flatMap { try PracticeImport.decode(Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))) }
    }

    public static func directory(in folder: String) throws -> (experts: [ExpertRecord], centres: [CentreRecord], courses: [CourseRecord]) {
        func read<T: Decodable>(_ name: String, as: T.Type) throws -> [T] {
            let path = folder + "/" + name
            guard FileManager.default.fileExists(atPath: path) else { return [] }
            return try JSONDecoder().decode([T].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        }
        return (try read("experts.json", as: ExpertRecord.self), try read("centres.json", as: CentreRecord.self),
                try read("courses.json", as: CourseRecord.self))
    }

    /// Loads everything in one transaction. Experts are saved twice: first without endorsements
    /// so that every endorser exists, then with them.
    public static func load(from folder: String, on database: any Database) async throws -> Summary {
        let practices = try practices(in: folder)
        let (experts, centres, courses) = try directory(in: folder)
        let result = try await PracticeImport.run(practices, on: database)
        try await database.atomically { tx in
            try await loadDirectory(experts: experts, centres: centres, courses: courses, on: tx)
        }
        return Summary(practicesCreated: result.created, practicesUpdated: result.updated, experts: experts.count, centres: centres.count, courses: courses.count)
    }

    public static func loadDirectory(experts: [ExpertRecord], centres: [CentreRecord], courses: [CourseRecord],
                                     on database: any Database) async throws {
        let expertStore = ExpertStore(database: database)
        for var record in experts {
            record.endorsements = []
            try await expertStore.save(record)
        }
        for record in experts where !record.endorsements.isEmpty { try await expertStore.save(record) }
        let centreStore = CentreStore(database: database), courseStore = CourseStore(database: database)
        for record in centres { try await centreStore.save(record) }
        for record in courses { try await courseStore.save(record) }
    }
}
