import Fluent
import Foundation
import SankofaCore
import SQLKit

/// What a report's practice link did to the catalogue: always through the editors, never at once.
public enum PracticeEffect: Sendable, Equatable {
    /// The adapted practice's maturity proposed as `adapted`, a pending revision for an editor.
    case adaptedProposed(slug: String)
    /// A new practice started from the report, submitted for editorial review, authored by the reporter.
    case draftStarted(slug: String)
}

extension OutcomeReports {
    /// Applies the report's practice link, each part once: a newly named adapted practice whose
    /// maturity is below `adapted` gets that maturity proposed (``PracticeWrites/propose(_:by:_:)``:
    /// readers see no change until an editor publishes it; it joins a pending revision the
    /// practice may already have); a draft asked for and not yet started is started from the
    /// report's words, the exchange's themes and pillars and the reporting side's countries.
    func applyPracticeLink(_ existing: Filed?, report: OutcomeReport, side: ExchangeSide, context: ExchangeContext,
                           writer: PracticeWrites.Writer, on tx: any Database) async throws -> [PracticeEffect] {
        var effects: [PracticeEffect] = []
        let writes = PracticeWrites(database: tx)
        if let slug = report.adaptedPractice, slug != existing?.report.adaptedPractice,
           let practice = try await PracticeStore(database: tx).find(slug: slug, publishedOnly: true),
           Self.rank(practice.record.maturity) < Self.rank(.adapted) {
            if try await writes.propose(slug, by: writer, { $0.maturity = .adapted }) { effects.append(.adaptedProposed(slug: slug)) }
        }
        if report.startPracticeDraft, existing?.startedPractice == nil, let author = writer.userID {
            let record = Self.draft(from: report, side: side, context: context)
            let slug: String
            do {
                slug = try await writes.create(record, slugFrom: report.practiceTitle, author: author, action: .submitted, by: writer)
            } catch PracticeStore.StoreError.invalid(let issues) {
                throw FileError.invalid([ValidationIssue(field: "startPracticeDraft", reason: "report.error.draft",
                                                         detail: issues.map(\.field).joined(separator: ", "))])
            }
            try await sql.raw("""
                UPDATE outcome_reports SET started_practice = \(bind: slug) WHERE exchange_id = \(bind: context.id) AND side = \(bind: side.rawValue)
                """).run()
            effects.append(.draftStarted(slug: slug))
        }
        return effects
    }

    static func rank(_ maturity: Maturity) -> Int { Maturity.allCases.firstIndex(of: maturity)! }

    /// The practice a report describes, in the report's language: what was learned as its summary
    /// and lessons, what will be adapted as its approach; an editor completes it in review.
    static func draft(from report: OutcomeReport, side: ExchangeSide, context: ExchangeContext) -> PracticeRecord {
        let countries = context.countries[side] ?? context.countries.values.flatMap { $0 }
        let text = PracticeText(title: report.practiceTitle, summary: report.learned,
                                approach: report.adaptations.map(\.description).joined(separator: "\n\n"), lessons: report.learned)
        return PracticeRecord(slug: "", status: .submitted, originalLanguage: report.language, countries: countries,
                              leadCountry: countries.first ?? "", pillars: context.pillars, themes: context.themes,
                              maturity: .adapted, evidenceLevel: .none, translations: [report.language: text])
    }
}
