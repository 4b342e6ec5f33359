import Fluent
import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `sankofa indicators time [--runs N] [--region R] [--theme T]`: computes every indicator from
/// the records (``Indicators/computeAll(filter:audience:now:)``, nothing cached), N times after
/// one run not counted, and prints the median milliseconds of each indicator and of the whole set.
/// `sankofa indicators generate --exchanges N`: the cooperation cycle at scale for the benchmark
/// (``IndicatorScaleData``; not for a live site). scripts/bench-indicators runs both.
struct IndicatorsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "time or generate")
        var action: String
        @Option(name: "runs", help: "time: how many measured runs (default 5)")
        var runs: Int?
        @Option(name: "region", help: "time: a region filter (africa, asiaPacific…)")
        var region: String?
        @Option(name: "theme", help: "time: a theme filter")
        var theme: String?
        @Option(name: "exchanges", help: "generate: how many exchanges (default 10000)")
        var exchanges: Int?
    }

    var help: String { "Indicators: time computing them all (time), or generate exchanges at scale for the benchmark (generate)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        switch signature.action {
        case "generate":
            let count = signature.exchanges ?? 10_000
            guard count > 0 else { throw CommandFailure(code: 2, message: "--exchanges is a positive number") }
            let start = Date()
            let made = try await IndicatorScaleData(database: db).generate(exchanges: count, now: Int(Date().timeIntervalSince1970))
            print(String(format: "GENERATED exchanges=%d parties=%d requests=%d reports=%d ratings=%d follow_ups=%d contributions=%d seconds=%.1f",
                         made.exchanges, made.parties, made.requests, made.reports, made.ratings, made.followUps, made.contributions,
                         Date().timeIntervalSince(start)))
        case "time":
            var filter = IndicatorFilter()
            if let raw = signature.region {
                guard let region = Region(rawValue: raw) else { throw CommandFailure(code: 2, message: "Unknown region: \(raw)") }
                filter.region = region
            }
            if let raw = signature.theme {
                guard let theme = Theme(rawValue: raw) else { throw CommandFailure(code: 2, message: "Unknown theme: \(raw)") }
                filter.theme = theme
            }
            try await time(Indicators(database: db), filter: filter, runs: max(1, signature.runs ?? 5))
        default:
            throw CommandFailure(code: 2, message: "Usage: sankofa indicators time [--runs N] | generate [--exchanges N]")
        }
    }

    /// Each indicator alone (its own time), then the whole set through `computeAll` (the total a
    /// page computing everything pays); a first run warms the connection and is not counted.
    private func time(_ indicators: Indicators, filter: IndicatorFilter, runs: Int) async throws {
        _ = try await indicators.computeAll(filter: filter)
        var each: [IndicatorID: [Double]] = [:], totals: [Double] = []
        for _ in 0..<runs {
            for id in IndicatorID.allCases {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try await indicators.compute(id, filter: filter)
                each[id, default: []].append(MatchTimeCommand.milliseconds(since: start))
            }
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try await indicators.computeAll(filter: filter)
            totals.append(MatchTimeCommand.milliseconds(since: start))
        }
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted(), n = sorted.count
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        }
        for id in IndicatorID.allCases {
            print(id.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0) + String(format: " %8.1f ms", median(each[id] ?? [0])))
        }
        let total = median(totals)
        print(String(format: "TOTAL computeAll %8.1f ms (median of %d runs, max %.1f ms)", total, runs, totals.max() ?? 0)
              + "; target <= 200 ms: " + (total <= 200 ? "met" : "NOT MET"))
    }
}
