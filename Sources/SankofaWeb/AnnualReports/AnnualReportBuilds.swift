import Foundation
import SankofaCore
import SankofaPublish
import Vapor

/// The annual report builds running in this process: a staff member's "build" returns at once
/// and the year's page follows the progress (six PDFs take WeasyPrint tens of seconds). One build
/// per year at a time; the last outcome stays until the next build, for the page to report.
public actor AnnualReportBuilds {
    public struct State: Sendable, Equatable {
        public var running: Bool
        public var done: Int
        public var total: Int
        /// "ar pdf: WeasyPrint is missing…", one per file not made.
        public var failures: [String]
    }

    private var states: [Int: State] = [:]
    private var tasks: [Int: Task<Void, Never>] = [:]

    public func state(_ year: Int) -> State? { states[year] }

    /// Starts building `year` unless a build of it is running (then false).
    public func start(_ year: Int, total: Int, _ work: @escaping @Sendable (AnnualReportBuilds) async -> [String]) -> Bool {
        if states[year]?.running == true { return false }
        states[year] = State(running: true, done: 0, total: total, failures: [])
        tasks[year] = Task {
            let failures = await work(self)
            self.finish(year, failures: failures)
        }
        return true
    }

    public func progress(_ year: Int, done: Int) {
        states[year]?.done = done
    }

    private func finish(_ year: Int, failures: [String]) {
        states[year]?.running = false
        states[year]?.failures = failures
        tasks[year] = nil
    }

    public func waitAll() async {
        while let (_, task) = tasks.first {
            await task.value
        }
    }
}

extension Application {
    private struct AnnualReportBuildsKey: StorageKey { typealias Value = AnnualReportBuilds }

    /// This process's annual report builds; made by `configure` (not by a first request, which
    /// could race another), whose lifecycle handler waits for them before the database goes.
    public var annualReportBuilds: AnnualReportBuilds {
        if let builds = storage[AnnualReportBuildsKey.self] { return builds }
        let builds = AnnualReportBuilds()
        storage[AnnualReportBuildsKey.self] = builds
        return builds
    }

    /// Starts the build of `year` in the background (every language, the site's formats), kept
    /// as the year's unpublished build by `user`. False when one is already running.
    func startAnnualReport(_ year: Int, by user: UUID?) async -> Bool {
        let formats = AnnualReportService.formats(self)
        let service = AnnualReportService(self)
        let logger = self.logger
        return await annualReportBuilds.start(year, total: Language.displayOrder.count * formats.count) { builds in
            do {
                let report = try await service.build(year, languages: Language.displayOrder, formats: formats, builtBy: user) { done, _ in
                    await builds.progress(year, done: done)
                }
                return report.failures.map { "\($0.language.rawValue) \($0.format.rawValue): \($0.message)" }
            } catch {
                logger.error("annual report \(year) failed: \(String(reflecting: error))")
                return ["\(error)"]
            }
        }
    }
}

struct AnnualReportBuildsLifecycle: LifecycleHandler {
    let builds: AnnualReportBuilds
    func shutdownAsync(_ application: Application) async {
        await builds.waitAll()
    }
}
