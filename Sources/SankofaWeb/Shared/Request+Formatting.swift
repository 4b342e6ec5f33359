import SankofaCore
import Vapor

/// Small phrases put together in the page's language, for any page.
extension Request {
    /// "Label: value" in the page's language (French puts a space before the colon).
    func labelled(_ labelKey: String, _ value: String, _ language: Language) -> String {
        t("list.labelled", language, ["label": t(labelKey, language), "value": value])
    }

    /// Two ISO days as a span in the page's language; one date when they are the same day.
    func dateSpan(from start: String, to end: String, _ language: Language) -> String {
        guard let first = ISODay.parse(start) else { return start }
        guard end != start, let last = ISODay.parse(end) else { return DateFormatting.longDate(first, language) }
        return t("date.span", language, ["start": DateFormatting.longDate(first, language), "end": DateFormatting.longDate(last, language)])
    }
}
