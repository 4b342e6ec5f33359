import SankofaCore
import SankofaStore

/// The catalogue's query parameters, parsed the same way for HTML and JSON: an unknown value
/// is a `ParameterError` naming the parameter, never silently dropped.
struct PracticeParameters: Sendable {
    var filter = PracticeFilter()
    var sort: PracticeSort = .newest
    var page = 1
    var perPage = 20

    static let maxQueryLength = 500
    static let maxPage = 1_000_000

    init(_ query: QueryParameters, allowPerPage: Bool = false) throws {
        filter.query = String((query.first("q") ?? "").prefix(Self.maxQueryLength))
        filter.regions = try Self.values(query, "region") { Region(rawValue: $0) }
        filter.countries = try Self.values(query, "country") { code in
            Countries.isValid(code) ? code.uppercased() : nil
        }
        filter.pillars = try Self.values(query, "pillar") { Int($0).flatMap(Pillar.init(rawValue:)) }
        filter.themes = try Self.values(query, "theme") { Theme(rawValue: $0) }
        filter.maturities = try Self.values(query, "maturity") { Maturity(rawValue: $0) }
        filter.scopes = try Self.values(query, "scope") { Scope(rawValue: $0) }
        filter.evidenceLevels = try Self.values(query, "evidence") { EvidenceLevel(rawValue: $0) }
        if let raw = query.first("sort") {
            guard let sort = PracticeSort(rawValue: raw) else { throw ParameterError(name: "sort", reason: .value, value: raw) }
            self.sort = sort
        }
        page = try Self.number(query, "page", range: 1...Self.maxPage) ?? 1
        if allowPerPage { perPage = try Self.number(query, "perPage", range: 1...100) ?? 20 }
    }

    static func values<T: Equatable>(_ query: QueryParameters, _ name: String, _ parse: (String) -> T?) throws -> [T] {
        var result: [T] = []
        for raw in query.values(name) {
            guard let value = parse(raw) else { throw ParameterError(name: name, reason: .value, value: raw) }
            if !result.contains(value) { result.append(value) }
        }
        return result
    }

    static func number(_ query: QueryParameters, _ name: String, range: ClosedRange<Int>) throws -> Int? {
        guard let raw = query.first(name) else { return nil }
        guard let value = Int(raw), range.contains(value) else { throw ParameterError(name: name, reason: .range, value: raw) }
        return value
    }

    func run(_ store: PracticeStore, language: Language) async throws -> PracticePage {
        try await PracticeQuery(filter: filter, sort: sort, language: language, page: page, perPage: perPage).run(on: store.database)
    }
}
