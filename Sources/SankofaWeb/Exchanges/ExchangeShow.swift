import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// An exchange's page. Visitors (once both sides agreed) read the public summary: countries,
/// type, themes, dates, no people and none of the members' words. Members read the summary with
/// its title, description, place and institutions. Staff and the people involved read the
/// details: named experts and centres, the history, the linked practices and courses, outcome
/// reports. The status buttons and each side's agreement are for those the policy allows.
struct ExchangeShow: Encodable, Sendable {
    struct Fact: Encodable, Sendable { var label: String; var value: String }
    struct Party: Encodable, Sendable {
        var side: String
        var country: String
        var institution: String?
        var expert: Layout.Link?
        var centre: Layout.Link?
    }
    struct HistoryLine: Encodable, Sendable { var when: String; var text: String; var note: String? }
    struct StatusForm: Encodable, Sendable {
        var action: String
        var choices: [FormField.Choice]
        var label: String
        var noteLabel: String
        var button: String
    }
    struct Agreement: Encodable, Sendable {
        var side: String
        var sideValue: String
        var state: String
        /// The button, for those who may agree (or withdraw) for this side.
        var action: String?
        var value: String?
        var button: String?
    }

    var heading: String
    var lang: String?
    var dir: String?
    var notice: String?
    /// Demo data is marked as such wherever it is shown.
    var demo: Bool
    var done: String?
    var facts: [Fact]
    var description: String?
    var parties: [Party]
    var partiesHeading: String
    var links: [Layout.Link]
    var linksHeading: String
    var history: [HistoryLine]
    var historyHeading: String
    var tools: [Layout.Link]
    var statusForm: StatusForm?
    var agreements: [Agreement]
    var agreementHeading: String
    var agreementIntro: String
    var contributions: ExchangeContributions.Model?
    var reports: ExchangeReports.Model?
    var backHref: String
    var backLabel: String
}
