import SankofaCore
import SankofaStore
import Vapor

/// `editorial/queue.leaf`: the editors' queue, practices waiting for a decision (their authors'
/// changes to published ones among them) and published ones not reviewed for too long.
struct ReviewQueue: Encodable, Sendable {
    struct Item: Encodable, Sendable { var title: String; var status: String; var href: String; var note: String? }
    var heading: String
    var waiting: [Item]
    var stale: [Item]
    var hasWaiting: Bool
    var hasStale: Bool

    init(waiting: [PracticeModel], changes: [PracticeModel], stale: [PracticeModel], _ request: Request, _ language: Language) {
        func item(_ practice: PracticeModel, status: String? = nil, note: String? = nil) -> Item {
            Item(title: practice.text(in: language).text.title,
                 status: status ?? request.t(practice.practiceStatus.labelKey, language),
                 href: SiteURL.reviewPractice(language, slug: practice.slug).path, note: note)
        }
        heading = request.t("review.heading", language)
        self.waiting = waiting.map { item($0) } + changes.map { item($0, status: request.t("review.change", language)) }
        self.stale = stale.map {
            item($0, note: $0.lastReviewed.flatMap(ISODay.parse).map { DateFormatting.longDate($0, language) }
                ?? request.t("review.neverReviewed", language))
        }
        hasWaiting = !self.waiting.isEmpty
        hasStale = !stale.isEmpty
    }
}
