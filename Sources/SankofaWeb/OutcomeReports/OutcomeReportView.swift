import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// A filed report as the page shows it: labels in the page's language, the reporter's words with
/// the report's own language and direction (an Arabic report reads right to left on an English page).
struct OutcomeReportView: Encodable, Sendable {
    struct Figure: Encodable, Sendable { var label: String; var value: Int }
    struct Rating: Encodable, Sendable { var theme: String; var before: Int; var after: Int; var change: String }
    struct Adaptation: Encodable, Sendable { var kind: String; var description: String; var byWhen: String }
    struct Link: Encodable, Sendable { var href: String; var label: String }

    var lang: String
    var dir: String
    var byline: String
    var participants: Int
    var gender: [Figure]
    var institutions: [Figure]
    var capacity: [Rating]
    /// The reporter's words in paragraphs, a line break each (the site's text is plain).
    var learned: [String]
    var adaptations: [Adaptation]
    var followUpWanted: Bool
    var followUpNote: [String]
    var adaptedPractice: Link?
    var startedPractice: Link?

    init(_ filed: OutcomeReports.Filed, _ request: Request, _ language: Language) {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, language, arguments) }
        let report = filed.report
        lang = report.language.rawValue
        dir = report.language.direction
        let when = DateFormatting.longDate(Date(timeIntervalSince1970: TimeInterval(filed.updatedAt)), language)
        byline = t("report.byline", ["name": filed.authorName ?? t("report.someone"), "date": when])
        participants = report.participants
        gender = ParticipantGender.allCases.map { Figure(label: t($0.labelKey), value: report.gender.count(of: $0)) }
        institutions = OrganisationType.allCases.compactMap { type in
            let count = report.count(of: type)
            return count > 0 ? Figure(label: t(type.labelKey), value: count) : nil
        }
        capacity = report.capacity.map {
            let change = $0.after - $0.before
            return Rating(theme: t($0.theme.labelKey), before: $0.before, after: $0.after, change: change > 0 ? "+\(change)" : String(change))
        }
        learned = Self.paragraphs(report.learned)
        adaptations = report.adaptations.map { Adaptation(kind: t($0.kind.labelKey), description: $0.description,
                                                        byWhen: request.labelled("report.adaptation.byWhen", ISODay.parse($0.byWhen)
                                                            .map { DateFormatting.longDate($0, language) } ?? $0.byWhen, language)) }
        followUpWanted = report.followUpWanted
        followUpNote = Self.paragraphs(report.followUpNote)
        adaptedPractice = report.adaptedPractice.map { Link(href: SiteURL.practice(language, slug: $0).path, label: $0) }
        startedPractice = filed.startedPractice.map { Link(href: SiteURL.practice(language, slug: $0).path, label: $0) }
    }

    static func paragraphs(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
