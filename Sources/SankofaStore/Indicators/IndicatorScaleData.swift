import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The cooperation cycle at scale for the indicators benchmark (`sankofa indicators generate`,
/// scripts/bench-indicators): exchanges over the last six years with their parties (Southern
/// providers and beneficiaries, a Northern partner for one in five), scope and triangular derived
/// as the store derives them, the requests most of them answer, outcome reports of held ones with
/// their capacity rows, follow-ups of reports that announced adaptations, and contributions in
/// several currencies. Rows go straight into the tables in multi-row INSERTs (as
/// ``ForumScaleData`` does), marked demo. Not for a live site.
public struct IndicatorScaleData: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public struct Counts: Sendable, Equatable {
        public var requests = 0, exchanges = 0, parties = 0, reports = 0, ratings = 0, followUps = 0, contributions = 0
    }

    static let batch = 500
    static let partners = ["NO", "DE", "JP", "CA", "FR", "GB", "SE", "CH", "AU", "NL"]
    static let currencies = ["USD", "EUR", "XOF", "KES", "INR", "BRL", "NOK", "JPY", "MAD", "IDR"]

    public func generate(exchanges count: Int, now: Int, seed: UInt64 = 20261207) async throws -> Counts {
        var rng = ScaleRandom(seed: seed)
        var counts = Counts()
        let southern = SouthernCountries.codes.sorted(), regions = MatchCandidates.regions
        let practices = try await sql.raw("SELECT slug FROM practices WHERE status = 'published' ORDER BY slug LIMIT 2000").all()
            .map { try $0.decode(column: "slug", as: String.self) }
        var requestID = try await nextID("requests"), exchangeID = try await nextID("exchanges"), reportID = try await nextID("outcome_reports")
        var requests: [[any Encodable & Sendable]] = [], exchanges: [[any Encodable & Sendable]] = []
        var parties: [[any Encodable & Sendable]] = [], reports: [[any Encodable & Sendable]] = [], ratings: [[any Encodable & Sendable]] = []
        var followUps: [[any Encodable & Sendable]] = [], contributions: [[any Encodable & Sendable]] = []
        func pick<T>(_ items: [T]) -> T { items[rng.int(0...(items.count - 1))] }
        func day(_ seconds: Int) -> String { ISODay.format(Date(timeIntervalSince1970: TimeInterval(seconds))) }

        for index in 0..<count {
            // Starts spread over six years before now and half a year after; only past ones are held.
            let start = now - rng.int(-180...(6 * 365)) * 86_400
            let past = start < now - 7 * 86_400
            let status: ExchangeStatus = !past ? pick([.proposed, .agreed, .agreed, .cancelled])
                : pick([.held, .held, .reported, .reported, .reported, .reported, .cancelled, .underWay])
            let themes = Array(Set((0..<rng.int(1...3)).map { _ in pick(Theme.allCases) })).sorted { $0.rawValue < $1.rawValue }
            let pillars = Array(Set((0..<rng.int(1...2)).map { _ in pick(Pillar.allCases) })).sorted()
            var sides: [ExchangeParty] = [ExchangeParty(side: .provider, country: pick(southern), institution: "Institution \(index)")]
            for _ in 0..<(rng.int(0...3) == 0 ? rng.int(2...3) : 1) {
                let country = pick(southern)
                if !sides.contains(where: { $0.country == country }) { sides.append(ExchangeParty(side: .beneficiary, country: country)) }
            }
            if !sides.contains(where: { $0.side == .beneficiary }) { sides.append(ExchangeParty(side: .beneficiary, country: sides[0].country == "KE" ? "UG" : "KE")) }
            if rng.int(0...4) == 0 { sides.append(ExchangeParty(side: .partner, country: pick(Self.partners))) }
            let derived = ExchangeScope.derive(parties: sides, table: regions)
            let beneficiary = sides.first { $0.side == .beneficiary }!.country
            var request: Int?
            if rng.int(0...9) < 6 {
                request = requestID
                let submitted = start - rng.int(10...300) * 86_400 - rng.int(0...86_399)
                let record = RequestRecord(title: "Request \(requestID)", need: "Support.", language: .en, beneficiaryCountry: beneficiary,
                                           themes: themes, pillars: pillars, supportKinds: [.training], workingLanguages: ["en"],
                                           modality: .inPerson, demo: true)
                requests.append([requestID, beneficiary, "en", record.title, list(themes.map(\.rawValue)), list(pillars.map { String($0.rawValue) }),
                                 ",training,", ",en,", "inPerson", "staff", status == .cancelled ? "closed" : "inExchange",
                                 try RecordJSON.encode(record), true, submitted, submitted, submitted])
                requestID += 1
            }
            let ends = start + rng.int(1...10) * 86_400
            let record = ExchangeRecord(title: "Exchange \(exchangeID)", language: .en, type: pick(ExchangeType.allCases), status: status,
                                        startsOn: day(start), endsOn: day(ends), place: "City", themes: themes, pillars: pillars,
                                        parties: sides, requestID: request, demo: true)
            exchanges.append([exchangeID, request, record.type.rawValue, status.rawValue, "en", record.title, list(themes.map(\.rawValue)),
                              list(pillars.map { String($0.rawValue) }), record.startsOn, record.endsOn, "City", false, derived.scope?.rawValue,
                              derived.triangular, false, try RecordJSON.encode(record), true, start - 30 * 86_400, start,
                              status == .held || status == .reported ? ends : nil])
            for party in sides { parties.append([exchangeID, party.side.rawValue, party.country, party.institution]) }

            if status == .held || status == .reported {
                for side in Set(sides.map(\.side)).sorted(by: { $0.rawValue < $1.rawValue }) where rng.int(0...9) < (side == .partner ? 3 : 8) {
                    let people = rng.int(3...40), women = rng.int(0...people), men = rng.int(0...(people - women))
                    let adaptations = (0..<rng.int(0...3)).map { _ in OutcomeReport.Adaptation(kind: pick(AdoptionKind.allCases), description: "A change.", byWhen: day(ends + 200 * 86_400)) }
                    let adapted: String? = side == .beneficiary && rng.int(0...4) == 0 ? (practices.isEmpty ? "practice-\(rng.int(1...999))" : pick(practices)) : nil
                    let report = OutcomeReport(language: .en, participants: people, gender: .init(women: women, men: men, unspecified: people - women - men),
                                               capacity: themes.map { let before = rng.int(1...4); return .init(theme: $0, before: before, after: rng.int(before...5)) },
                                               learned: "Lessons.", adaptations: adaptations, adaptedPractice: adapted, demo: true)
                    let filed = ends + rng.int(3...60) * 86_400
                    reports.append([reportID, exchangeID, side.rawValue, "en", people, women, men, people - women - men, adapted,
                                    try RecordJSON.encode(report), true, filed, filed])
                    for rating in report.capacity { ratings.append([reportID, rating.theme.rawValue, rating.before, rating.after]) }
                    if !adaptations.isEmpty, filed + 180 * 86_400 < now, rng.int(0...1) == 0 {
                        let followUp = FollowUp(language: .en, outcomes: adaptations.map { _ in
                            let result = pick(AdoptionResult.allCases)
                            return .init(result: result, on: result == .no ? "" : day(filed + 150 * 86_400))
                        }, demo: true)
                        followUps.append([reportID, "en", followUp.adoptedCount, try RecordJSON.encode(followUp), true, filed + 180 * 86_400])
                    }
                    reportID += 1
                }
            }
            if status != .cancelled {
                for _ in 0..<rng.int(0...3) {
                    let financial = rng.int(0...2) > 0, currency = pick(Self.currencies)
                    let giver = rng.int(0...2) == 0 && sides.contains(where: { $0.side == .partner }) ? sides.last!.country : pick(sides).country
                    let amount: Int64? = financial || rng.int(0...1) == 0 ? Int64(rng.int(1...500)) * 100_000 : nil
                    contributions.append([exchangeID, financial ? "financial" : "inKind", "country", giver, "", amount, amount == nil ? nil : currency,
                                          financial ? nil : pick(InKindItem.allCases).rawValue, "Support.", day(start - rng.int(0...60) * 86_400),
                                          "Agreement", start])
                }
            }
            exchangeID += 1
            if exchanges.count >= 2_000 || index == count - 1 {
                counts.requests += requests.count; counts.exchanges += exchanges.count; counts.parties += parties.count
                counts.reports += reports.count; counts.ratings += ratings.count; counts.followUps += followUps.count
                counts.contributions += contributions.count
                try await flush(&requests, &exchanges, &parties, &reports, &ratings, &followUps, &contributions)
            }
        }
        if sql.dialect.name == "postgresql" {
            for table in ["requests", "exchanges", "exchange_parties", "outcome_reports", "outcome_follow_ups", "contributions"] {
                try await sql.raw("SELECT setval(pg_get_serial_sequence('\(unsafeRaw: table)', 'id'), (SELECT MAX(id) FROM \(unsafeRaw: table)))").run()
            }
        }
        return counts
    }

    private func flush(_ requests: inout [[any Encodable & Sendable]], _ exchanges: inout [[any Encodable & Sendable]],
                       _ parties: inout [[any Encodable & Sendable]], _ reports: inout [[any Encodable & Sendable]],
                       _ ratings: inout [[any Encodable & Sendable]], _ followUps: inout [[any Encodable & Sendable]],
                       _ contributions: inout [[any Encodable & Sendable]]) async throws {
        try await insert("requests", ["id", "beneficiary_country", "language", "title", "themes", "pillars", "support_kinds", "working_languages",
                                      "modality", "visibility", "status", "record", "demo", "created_at", "updated_at", "submitted_at"], requests)
        try await insert("exchanges", ["id", "request_id", "type", "status", "language", "title", "themes", "pillars", "starts_on", "ends_on",
                                       "place", "online", "scope", "triangular", "public_summary", "record", "demo", "created_at", "updated_at",
                                       "held_at"], exchanges)
        try await insert("exchange_parties", ["exchange_id", "side", "country", "institution"], parties)
        try await insert("outcome_reports", ["id", "exchange_id", "side", "language", "participants", "women", "men", "unspecified",
                                             "adapted_practice", "record", "demo", "filed_at", "updated_at"], reports)
        try await insert("outcome_capacity", ["report_id", "theme", "before", "after"], ratings)
        try await insert("outcome_follow_ups", ["report_id", "language", "adopted_count", "record", "demo", "filed_at"], followUps)
        try await insert("contributions", ["exchange_id", "kind", "contributor_kind", "contributor_country", "contributor_name", "amount_milli",
                                           "currency", "item", "description", "given_on", "source", "created_at"], contributions)
        requests.removeAll(); exchanges.removeAll(); parties.removeAll(); reports.removeAll()
        ratings.removeAll(); followUps.removeAll(); contributions.removeAll()
    }

    private func insert(_ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]]) async throws {
        guard !rows.isEmpty else { return }
        try await database.atomically { tx in
            let sql = tx as! any SQLDatabase
            var start = 0
            while start < rows.count {
                let builder = sql.insert(into: table).columns(columns)
                for row in rows[start..<min(start + Self.batch, rows.count)] { _ = builder.values(row) }
                try await builder.run()
                start += Self.batch
            }
        }
    }

    private func nextID(_ table: String) async throws -> Int {
        (try await sql.raw("SELECT MAX(id) AS m FROM \(unsafeRaw: table)").first()?.decode(column: "m", as: Int?.self) ?? 0) + 1
    }

    private func list(_ values: [String]) -> String { values.isEmpty ? "" : ",\(values.joined(separator: ",")),"}
}
