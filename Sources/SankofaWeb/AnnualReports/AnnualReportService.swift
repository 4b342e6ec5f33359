import Fluent
import Foundation
import SankofaCore
import SankofaPublish
import SankofaStore
import Vapor

/// Gathers a year's figures (every indicator and the highlights, all through
/// ``IndicatorSuppression`` with `exact: false`: the report is public) and builds the report's
/// files, kept in `annual_reports` as an unpublished build or written to a folder.
public struct AnnualReportService: Sendable {
    public var database: any Database
    public var catalogs: Catalogs
    public var baseURL: String
    public var weasyPrint: WeasyPrint

    public init(database: any Database, catalogs: Catalogs, baseURL: String, weasyPrint: WeasyPrint) {
        self.database = database
        self.catalogs = catalogs
        self.baseURL = baseURL
        self.weasyPrint = weasyPrint
    }

    public init(_ app: Application) {
        self.init(database: app.db, catalogs: app.catalogs, baseURL: app.settings.baseURL, weasyPrint: app.handbook.weasyPrint)
    }

    /// The formats the site builds: those of the Handbook's settings the report has (a site set
    /// up without PDFs builds none for the report either).
    public static func formats(_ app: Application) -> [AnnualReportFormat] {
        AnnualReportFormat.allCases.filter { app.handbook.formats.contains($0.book) }
    }

    /// The year's figures. The series end with the year (or today, for the year running).
    public func content(_ year: Int, now: Date = Date()) async throws -> AnnualReportContent {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let endOfYear = calendar.date(from: DateComponents(year: year, month: 12, day: 31, hour: 23, minute: 59, second: 59))!
        let indicators = try await Indicators(database: database).computeAll(filter: .all, audience: .visitor, now: min(endOfYear, now))
            .map { IndicatorSuppression.apply($0, exact: false) }
        let raw = try await AnnualReports(database: database).highlights(year)
        // The highlights are hidden as their indicator would be: wrapped in a result of it.
        func shown(_ id: IndicatorID, _ total: Int?, _ breakdown: IndicatorBreakdown) -> (IndicatorFigure, IndicatorBreakdown) {
            let result = IndicatorSuppression.apply(IndicatorResult(id: id, unit: .count, value: total.map { .count($0) } ?? .none,
                                                                    breakdowns: [breakdown]), exact: false)
            return (result.value, result.breakdowns[0])
        }
        let practices = shown(.publishedPractices, raw.practicesTotal, raw.practicesByRegion)
        let exchanges = shown(.regionFlows, raw.exchangesTotal, raw.flows)
        let countries = shown(.countryPairs, nil, raw.exchangesByCountry)
        let money = shown(.contributions, nil, raw.contributions)
        var latest: [AnnualReportContent.Practice] = []
        let store = PracticeStore(database: database)
        for slug in raw.latestPractices {
            guard let record = try await store.find(slug: slug, publishedOnly: true)?.record else { continue }
            let titles = record.translations.compactMapValues { $0.title.isEmpty ? nil : $0.title }
            latest.append(.init(slug: slug, titles: titles, originalLanguage: record.originalLanguage))
        }
        return AnnualReportContent(
            year: year, computedAt: now, indicators: indicators, practicesTotal: practices.0, practicesByRegion: practices.1,
            latestPractices: latest, exchangesTotal: exchanges.0, flows: exchanges.1, exchangesByCountry: countries.1,
            contributions: money.1)
    }

    /// Builds `year` in `languages` × `formats`: into `folder` when given (the command line's
    /// `--out`; nothing recorded), else as the year's unpublished build in the database, by
    /// `builtBy`. `progress(done, total)` follows each file.
    public func build(_ year: Int, languages: [Language], formats: [AnnualReportFormat], builtBy: UUID?, folder: URL? = nil,
                      progress: @Sendable (Int, Int) async -> Void = { _, _ in }) async throws -> AnnualReportBuild.Report {
        let content = try await content(year)
        let reports = AnnualReports(database: database)
        let build = AnnualReportBuild(builder: AnnualReportBuilder(catalogs: catalogs, baseURL: baseURL), weasyPrint: weasyPrint)
        var revision = 0
        if let folder {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } else {
            revision = try await reports.draftRevision(year)
            try await reports.discardDraft(year)
        }
        var report = AnnualReportBuild.Report()
        let total = languages.count * formats.count
        for language in languages {
            for format in formats {
                // Off the event loops: a PDF is seconds of a subprocess.
                let (step, data) = await withCheckedContinuation { continuation in
                    DispatchQueue.global().async {
                        var made: Data?
                        let step = build.build(content, languages: [language], formats: [format]) { _, _, data in made = data }
                        continuation.resume(returning: (step, made))
                    }
                }
                if let data {
                    if let folder {
                        let name = AnnualReports.fileName(year: year, language: language, format: format.rawValue)
                        try data.write(to: folder.appendingPathComponent(name), options: .atomic)
                    } else {
                        try await reports.save(year: year, revision: revision, language: language, format: format.rawValue,
                                               content: data, builtBy: builtBy)
                    }
                }
                report.files += step.files
                report.failures += step.failures
                await progress(report.files.count + report.failures.count, total)
            }
        }
        return report
    }
}
