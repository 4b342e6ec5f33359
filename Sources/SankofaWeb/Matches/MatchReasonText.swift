import SankofaCore
import Vapor

/// A match's reasons in words, in the reader's language (`match.reason.*`): a country, a region,
/// a language, a theme or an offer by its own catalog name, a day as a date.
struct MatchReasonText: Encodable, Sendable {
    var text: String
    /// Counts against the match (shown as a caution).
    var caution: Bool

    static func of(_ reasons: [MatchReason], _ request: Request, _ language: Language) -> [MatchReasonText] {
        reasons.map { MatchReasonText(text: text($0, request, language), caution: $0.isCaution) }
    }

    static func text(_ reason: MatchReason, _ request: Request, _ language: Language) -> String {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t("match.reason.\(key)", language, arguments) }
        func list(_ items: [String]) -> String { items.joined(separator: request.t("match.listSeparator", language)) }
        func country(_ code: String) -> String { Countries.name(of: code, in: language) }
        func label(_ key: String) -> String { request.t(key, language) }
        func day(_ text: String) -> String { ISODay.parse(text).map { DateFormatting.longDate($0, language) } ?? text }
        switch reason {
        case .sharedLanguages(let codes): return t("sharedLanguages", ["languages": list(codes.map { Language.name(of: $0, in: language) })])
        case .noSharedLanguage: return t("noSharedLanguage")
        case .themes(let shared, let total):
            return t("themes", ["themes": list(shared.map { label($0.labelKey) }), "shared": NumberFormatting.integer(shared.count, language),
                                "total": NumberFormatting.integer(total, language)])
        case .pillars(let shared, _): return t("pillars", ["pillars": list(shared.map { label($0.labelKey) })])
        case .offers(let offers): return t("offers", ["offers": list(offers.map { label($0.labelKey) })])
        case .runsCourses(let count): return t("runsCourses", ["count": NumberFormatting.integer(count, language)])
        case .documents: return t("documents")
        case .modality(let modality): return t("modality", ["modality": label(modality.labelKey)])
        case .modalityMismatch(let modality): return t("modalityMismatch", ["modality": label(modality.labelKey)])
        case .availableNow: return t("availableNow")
        case .availableFrom(let from): return t("availableFrom", ["date": day(from)])
        case .notAvailable: return t("notAvailable")
        case .sameCountry(let code): return t("sameCountry", ["country": country(code)])
        case .sameRegion(let code, let region): return t("sameRegion", ["country": country(code), "region": label(region.labelKey)])
        case .otherRegion(let code, let region): return t("otherRegion", ["country": country(code), "region": label(region.labelKey)])
        case .outsideSouth(let code): return t("outsideSouth", ["country": country(code)])
        case .experienceIn(let code): return t("experienceIn", ["country": country(code)])
        case .maturity(let maturity): return t("maturity", ["maturity": label(maturity.labelKey)])
        case .evidence(let evidence): return t("evidence", ["evidence": label(evidence.labelKey)])
        case .courseWithinTimeframe(let start, let end): return t("courseWithin", ["dates": request.dateSpan(from: start, to: end, language)])
        case .courseOutsideTimeframe(let start, let end): return t("courseOutside", ["dates": request.dateSpan(from: start, to: end, language)])
        }
    }
}
