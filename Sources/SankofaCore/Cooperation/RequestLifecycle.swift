/// A request's steps: draft → submitted → endorsed → open → matched → in exchange → closed.
/// Only these moves exist; who may make each is ``AccessPolicy``'s question
/// (``CooperationPermission``), asked with the step.
public enum RequestStep: String, CaseIterable, Codable, Sendable {
    /// The requester sends the draft for endorsement.
    case submit
    /// Staff or the beneficiary country's focal point vouch for it.
    case endorse
    /// Staff send an endorsed request back to its requester as a draft, with a comment.
    case returnToDraft
    /// Staff open an endorsed request for matching.
    case open
    /// The first invitation accepted: recorded by the platform, not by hand.
    case match
    /// An exchange recorded from the request: recorded by the platform.
    case startExchange
    /// Closed as met, partly met, not met or withdrawn.
    case close

    public var labelKey: String { "requestStep.\(rawValue)" }
}

public enum RequestLifecycle {
    /// The status a step leads to from `status`, or nil when the step does not apply there.
    /// A requester may withdraw (close) at any point before closing; staff close with an outcome.
    public static func next(after step: RequestStep, from status: RequestStatus) -> RequestStatus? {
        switch (step, status) {
        case (.submit, .draft): .submitted
        case (.endorse, .submitted): .endorsed
        case (.returnToDraft, .submitted), (.returnToDraft, .endorsed): .draft
        case (.open, .endorsed): .open
        case (.match, .open): .matched
        case (.startExchange, .open), (.startExchange, .matched): .inExchange
        case (.close, let s) where s != .closed: .closed
        default: nil
        }
    }

    /// The steps a person can take by hand from `status` (the platform takes `match` and
    /// `startExchange` itself), in the order a page offers them.
    public static func manualSteps(from status: RequestStatus) -> [RequestStep] {
        [.submit, .endorse, .open, .returnToDraft, .close].filter { next(after: $0, from: status) != nil }
    }

    /// The outcomes a `close` may record from `status`: any once the request was opened, before
    /// that only `withdrawn` (the page offers these, the step accepts only these).
    public static func closures(from status: RequestStatus) -> [RequestClosure] {
        status >= .open ? RequestClosure.allCases : [.withdrawn]
    }
}
