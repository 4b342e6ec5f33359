import Foundation

/// Small figures that could point to a person are hidden from readers who may not see them
/// exactly ("fewer than 3"): a figure resting on 1 or 2 records becomes ``IndicatorFigure/fewerThan(_:)``.
/// Zero stays zero (it points to no one). Who may see exact figures is ``AccessPolicy``'s
/// decision (``IndicatorPermission/readExact(_:)``); this only applies it.
public enum IndicatorSuppression {
    public static let threshold = 3

    public static func hides(_ figure: IndicatorFigure) -> Bool {
        let basis = figure.basis
        return basis > 0 && basis < threshold
    }

    public static func hide(_ figure: IndicatorFigure) -> IndicatorFigure {
        hides(figure) ? .fewerThan(threshold) : figure
    }

    /// The result as a reader sees it: unchanged when `exact`, otherwise every small figure hidden,
    /// and in each breakdown one more row hidden when exactly one was (so that the hidden row
    /// cannot be found back by subtracting the others from the shown total).
    public static func apply(_ result: IndicatorResult, exact: Bool) -> IndicatorResult {
        guard !exact else { return result }
        var shown = result
        shown.value = hide(result.value)
        shown.byYear = result.byYear.map { IndicatorPoint(period: $0.period, figure: hide($0.figure)) }
        shown.byQuarter = result.byQuarter.map { IndicatorPoint(period: $0.period, figure: hide($0.figure)) }
        shown.breakdowns = result.breakdowns.map(protect)
        return shown
    }

    static func protect(_ breakdown: IndicatorBreakdown) -> IndicatorBreakdown {
        var rows = breakdown.rows.map { IndicatorRow(keys: $0.keys, figure: hide($0.figure)) }
        let hidden = rows.indices.filter { rows[$0].figure != breakdown.rows[$0].figure }
        // Only counts add up to a total; a second row is hidden in one-dimension tables of counts.
        if hidden.count == 1, breakdown.dimensions.count == 1, case .count = breakdown.rows[hidden[0]].figure {
            let candidates = rows.indices.filter { i in
                if case .count(let n) = rows[i].figure, n > 0 { return true } else { return false }
            }
            if let next = candidates.min(by: { rows[$0].figure.basis < rows[$1].figure.basis }) {
                rows[next].figure = .withheld
            }
        }
        return IndicatorBreakdown(dimensions: breakdown.dimensions, rows: rows)
    }
}
