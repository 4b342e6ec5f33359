import Foundation
import SankofaCore
import SQLKit

extension Indicators {
    /// Translation coverage: of the published practices matching the filter, the share available
    /// in each of the six languages: written in it, or translated into it in full (every field
    /// the original has, as the translators' queue counts it, ``PracticeStore/untranslatedCounts()``;
    /// a partial translation falls back to the original and is not counted). The value is the
    /// mean of the six shares (every language's available texts over six times the practices);
    /// the series is that mean for the practices published in each period. Breakdowns: the share
    /// by language, and by language the counts available, original and translated. Every filter
    /// applies, as for ``publishedPractices(filter:now:)``.
    func translationCoverage(filter: IndicatorFilter, now: Date) async throws -> IndicatorResult {
        let practices = AccessPractices(filter: filter)
        // By original or not, quarter and language: the rows of `practice_coverage` (migration
        // 016), counted from its index alone without a filter, one lookup a practice with one.
        let query: SQLQueryString = practices.values.isEmpty
            ? """
              SELECT CASE WHEN original = 1 THEN 'o' ELSE 't' END AS k0, quarter AS k1, language AS k2, COUNT(*) AS n
              FROM practice_coverage
              GROUP BY original, quarter, language
              """
            : """
              SELECT CASE WHEN c.original = 1 THEN 'o' ELSE 't' END AS k0, c.quarter AS k1, c.language AS k2, COUNT(*) AS n
              FROM practice_facet_values a
              JOIN practice_coverage c ON c.practice_id = a.practice_id WHERE \(practices.condition)
              GROUP BY c.original, c.quarter, c.language
              """
        var byLanguage: [String: (original: Int, translated: Int)] = [:]
        var wholeByQuarter: [String: Int] = [:], availableByQuarter: [String: Double] = [:]
        for row in try await AccessSQL.grouped(query, on: sql) {
            let (original, quarter, language) = (row.keys[0] == "o", row.keys[1], row.keys[2])
            if original {
                byLanguage[language, default: (0, 0)].original += row.n
                wholeByQuarter[quarter, default: 0] += row.n
            } else {
                byLanguage[language, default: (0, 0)].translated += row.n
            }
            availableByQuarter[quarter, default: 0] += Double(row.n) / 6
        }
        let total = byLanguage.values.reduce(0) { $0 + $1.original }
        let available = byLanguage.values.reduce(0) { $0 + $1.original + $1.translated }
        // A practice published with no date still counts in the value, not in the series.
        wholeByQuarter[""] = nil
        availableByQuarter[""] = nil
        let series = AccessSQL.shareSeries(part: availableByQuarter, whole: wholeByQuarter, now: now)
        func share(_ n: Int) -> IndicatorFigure { total == 0 ? .none : .measure(Double(n) / Double(total), basis: total) }
        var counts: [IndicatorRow] = []
        for language in AccessSQL.languages {
            let (original, translated) = byLanguage[language] ?? (0, 0)
            counts.append(IndicatorRow(keys: [language, "available"], figure: .count(original + translated)))
            counts.append(IndicatorRow(keys: [language, "original"], figure: .count(original)))
            counts.append(IndicatorRow(keys: [language, "translated"], figure: .count(translated)))
        }
        let shares = AccessSQL.languages.map { language in
            IndicatorRow(keys: [language], figure: share(byLanguage[language].map { $0.original + $0.translated } ?? 0))
        }
        return IndicatorResult(
            id: .translationCoverage, unit: .share,
            value: total == 0 ? .none : .measure(Double(available) / Double(6 * total), basis: total),
            byYear: series.years, byQuarter: series.quarters,
            breakdowns: [IndicatorBreakdown(dimensions: [.language], rows: shares),
                         IndicatorBreakdown(dimensions: [.language, .statistic], rows: counts)])
    }
}
