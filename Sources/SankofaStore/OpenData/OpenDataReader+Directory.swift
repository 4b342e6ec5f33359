import Foundation
import SankofaCore
import SQLKit

extension OpenDataReader {
    /// The visitor's reader of the directory: public profiles, public fields.
    static let visitor = ExpertReader(audience: .visitor)

    /// Every profile a visitor may see, as a visitor sees it, a batch at a time; the practices a
    /// profile names are kept only when published.
    public func experts(batch: Int = 500, _ each: ([ExpertView]) async throws -> Void) async throws {
        let store = ExpertStore(database: database)
        let published = PublishedPractices(database: database)
        try await store.export(DirectorySelection(today: ISODay.format(Date())), reader: Self.visitor, batch: batch) { views in
            let shown = try await published.among(views.flatMap(\.practices))
            try await each(views.map { view in
                var view = view
                view.practices = view.practices.filter(shown.contains)
                return view
            })
        }
    }

    /// Every centre, naming only the experts whose profile and organisation a visitor may see
    /// (as the centre's page and the API do) and only published practices.
    public func centres() async throws -> [CentreRecord] {
        let centres = try await CentreStore(database: database).all().map(\.record)
        let named = centres.flatMap { $0.experts + [$0.focalPoint].compactMap { $0 } }
        let views = try await ExpertStore(database: database).views(slugs: named, reader: Self.visitor)
        let visible = Set(views.values.filter { $0.organisation != nil }.map(\.slug))
        let published = try await PublishedPractices(database: database).among(centres.flatMap(\.practices))
        return centres.map { centre in
            var centre = centre
            centre.experts = centre.experts.filter(visible.contains)
            centre.focalPoint = centre.focalPoint.flatMap { visible.contains($0) ? $0 : nil }
            centre.practices = centre.practices.filter(published.contains)
            return centre
        }.sorted { $0.slug < $1.slug }
    }

    public func courses() async throws -> [CourseRecord] {
        try await CourseStore(database: database).all().map(\.record).sorted { $0.slug < $1.slug }
    }

    /// The public summaries of exchanges (both sides agreed), a page at a time, latest first.
    public func exchanges(batch: Int = 1_000, _ each: ([PublicExchangeSummaries.Summary]) async throws -> Void) async throws {
        let summaries = PublicExchangeSummaries(database: database)
        var page = 1
        while true {
            let (_, items) = try await summaries.page(.init(), page: page, perPage: batch)
            if !items.isEmpty { try await each(items) }
            guard items.count == batch else { return }
            page += 1
        }
    }

    /// Every indicator as the public sees it: the directory counted for visitors, small counts
    /// suppressed (``IndicatorSuppression``, never exact: the open data is public).
    public func indicators(now: Date = Date()) async throws -> [IndicatorResult] {
        try await Indicators(database: database).computeAll(filter: .all, audience: .visitor, now: now)
            .map { IndicatorSuppression.apply($0, exact: false) }
    }

    /// When the oldest published practice was published: the open data's date of issue.
    public func firstPublished() async throws -> Date? {
        try await sql.raw("SELECT MIN(published_at) AS first FROM practices WHERE status = \(bind: PracticeStatus.published.rawValue)")
            .first()?.decode(column: "first", as: Date?.self)
    }
}
