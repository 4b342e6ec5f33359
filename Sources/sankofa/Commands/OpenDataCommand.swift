import Foundation
import SankofaWeb
import Vapor

/// `sankofa open-data build --out FILE`: writes the open data ZIP (what `/open-data/sankofa-open-data.zip`
/// serves: CSV and JSON of everything public, the dictionary, README, LICENCE, DCAT-AP) to FILE,
/// and prints how long it took and how many rows each dataset has (`scripts/bench-indicators` times it).
struct OpenDataCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "build")
        var action: String
        @Option(name: "out", help: "The ZIP file to write")
        var out: String?
    }

    var help: String { "Builds the open data ZIP (CSV, JSON, data dictionary, licence, DCAT-AP)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "build" else { throw CommandFailure(code: 2, message: "Unknown action \(signature.action): say build.") }
        guard let out = signature.out, !out.isEmpty else { throw CommandFailure(code: 2, message: "Say where: sankofa open-data build --out FILE") }
        let output = URL(fileURLWithPath: out).standardizedFileURL
        guard FileManager.default.fileExists(atPath: output.deletingLastPathComponent().path) else {
            throw CommandFailure(code: 1, message: "No folder \(output.deletingLastPathComponent().path).")
        }
        let started = ContinuousClock.now
        let outcome = try await OpenDataBuild(context.application).build(into: output)
        let seconds = (ContinuousClock.now - started).components
        let elapsed = Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18
        let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
        let rows = outcome.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        context.console.info(String(format: "open data: %.2f s, %d bytes, %@", elapsed, size, rows))
        context.console.info("wrote \(output.path)")
    }
}
