import Fluent
import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `sankofa match-time [--requests N] [--audience staff|member]`: matches N generated requests
/// (fixed seed: themes, languages, countries, kinds of support, modality and dates drawn from the
/// vocabularies) against everything in the database through ``MatchCandidates``, as the matches
/// page does, and prints JSON: how many candidates of each kind, the first (cold) read of the
/// candidates, and the milliseconds of each later match (candidates cached for the data version).
/// `scripts/bench-matching` runs it on generated data and prints the figures.
struct MatchTimeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "requests", help: "How many requests to match, default 200")
        var requests: Int?
        @Option(name: "audience", help: "staff (default) or member: whose view of the experts")
        var audience: String?
    }

    var help: String { "Measures matching a request against the whole directory and catalogue." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let count = max(1, signature.requests ?? 200)
        guard let audience = Audience(rawValue: signature.audience ?? "staff"), audience != .visitor else {
            throw CommandFailure(code: 2, message: "--audience is staff or member")
        }
        let store = MatchCandidates(database: context.application.db, cache: MatchCandidates.Cache())
        let today = ISODay.format(Date())
        var random = SeededRandom(seed: 24)
        let needs = (0..<count).map { _ in Self.need(&random, today: today) }

        let coldStart = DispatchTime.now().uptimeNanoseconds
        let groups = try await store.candidates(for: audience, today: today)
        let cold = Self.milliseconds(since: coldStart)
        var kinds: [String: Int] = [:]
        for candidate in groups.joined() { kinds[candidate.kind.rawValue, default: 0] += 1 }

        var times: [Double] = []
        var suggested = 0
        for need in needs {
            let start = DispatchTime.now().uptimeNanoseconds
            suggested += try await store.rank(need, audience: audience).count
            times.append(Self.milliseconds(since: start))
        }
        times.sort()
        func at(_ p: Double) -> Double { times[min(times.count - 1, Int(Double(times.count) * p))] }
        let report: [String: Any] = [
            "candidates": kinds, "cold_ms": cold, "requests": count, "suggested_mean": Double(suggested) / Double(count),
            "p50_ms": at(0.5), "p99_ms": at(0.99), "max_ms": times.last ?? 0,
        ]
        let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    static func milliseconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000 }

    /// A request as people file them: one to four themes, one or two languages (mostly UN ones),
    /// a Southern beneficiary, one to three kinds of support, dates within the next year or none.
    static func need(_ random: inout SeededRandom, today: String) -> MatchNeed {
        let languages = ["en", "fr", "ar", "es", "ru", "zh", "pt", "sw"]
        let southern = SouthernCountries.codes.sorted()
        func pick<T>(_ items: [T], _ n: Int) -> [T] {
            var pool = items, chosen: [T] = []
            for _ in 0..<min(n, pool.count) { chosen.append(pool.remove(at: random.next(pool.count))) }
            return chosen
        }
        var starts: String?, ends: String?
        if random.next(3) > 0 {
            let day = 86_400.0 * Double(30 + random.next(300))
            starts = ISODay.format(Date().addingTimeInterval(day))
            ends = ISODay.format(Date().addingTimeInterval(day + 86_400.0 * Double(5 + random.next(90))))
        }
        return MatchNeed(themes: pick(Theme.allCases, 1 + random.next(4)), pillars: pick(Pillar.allCases, random.next(3)),
                         supportKinds: pick(SupportKind.allCases, 1 + random.next(3)), workingLanguages: pick(languages, 1 + random.next(2)),
                         modality: RequestModality.allCases[random.next(3)], startsOn: starts, endsOn: ends,
                         beneficiaryCountry: southern[random.next(southern.count)], today: today, regions: MatchCandidates.regions)
    }
}

/// A small deterministic generator (SplitMix64), so that every run matches the same requests.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
