import FluentKit
import Foundation
import SankofaStore
import SQLKit
import Testing

/// The engines every suite runs on. PostgreSQL joins when the test script has started a
/// throwaway cluster and exported `PG_TEST_URL`; `SANKOFA_REQUIRE_POSTGRES=1` (set by the
/// test script) makes its absence a failure rather than a silent skip.
public enum TestEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    public static var all: [TestEngine] {
        let environment = ProcessInfo.processInfo.environment
        if environment["PG_TEST_URL"] != nil { return [.sqlite, .postgres] }
        return environment["SANKOFA_REQUIRE_POSTGRES"] == "1" ? [.sqlite, .postgres] : [.sqlite]
    }

    public var testDescription: String { rawValue }

    /// A database of this engine for one test: SQLite in a temporary file, PostgreSQL in `schema`.
    public func settings(schema: TestSchema) throws -> (database: DatabaseSettings, searchPath: [String]?) {
        switch self {
        case .sqlite:
            return (.sqliteMemory, nil)
        case .postgres:
            guard let url = ProcessInfo.processInfo.environment["PG_TEST_URL"] else {
                Issue.record("PG_TEST_URL is not set: start PostgreSQL with scripts/test")
                throw TestSetupError.postgresMissing
            }
            return (try DatabaseSettings(url: url), [schema.name])
        }
    }
}

/// The PostgreSQL schema a test works in (pointfreeco's isolation): made before its
/// migrations, dropped afterwards, so tests on one database never see each other's rows.
public struct TestSchema: Sendable {
    public let name: String

    public init() {
        name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    }

    public func create(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("CREATE SCHEMA \(unsafeRaw: name)").run()
    }

    public func drop(on database: any Database) async {
        try? await (database as? any SQLDatabase)?.raw("DROP SCHEMA IF EXISTS \(unsafeRaw: name) CASCADE").run()
    }
}

public enum TestSetupError: Error { case postgresMissing }
