import SankofaCore
import SankofaStore
import Vapor

/// A refusal that names its own status and translated explanation, for the error page to show as
/// it is (an attachment of a refused type, a posting limit reached) instead of the generic page
/// for its status.
protocol ExplainedRefusal: Error {
    var status: HTTPStatus { get }
    var titleKey: String { get }
    var messageKey: String { get }
    var arguments: [String: String] { get }
    /// Seconds until asking again makes sense (`Retry-After`); nil when waiting changes nothing.
    var retryAfterSeconds: Int? { get }
}

/// A forum posting or flagging limit (``PostingLimits``): a 429 that says which limit and for how long.
extension ForumTrust.Limited: ExplainedRefusal {
    var status: HTTPStatus { .tooManyRequests }
    var titleKey: String { "moderation.limit.title" }
    var messageKey: String { exceeded.messageKey }
    var arguments: [String: String] {
        ["limit": String(limit), "minutes": String(max(1, (retryAfter + 59) / 60))]
    }
    var retryAfterSeconds: Int? { retryAfter > 0 ? retryAfter : nil }
}
