import Foundation
import SankofaCore
import Testing

/// The cooperation cycle's permissions on their own, as a table: every ``CooperationPermission`` ×
/// every kind of reader × the record's states, with the expected answers written out (not derived
/// from the rule), so that any change to `AccessPolicy+Cooperation.swift` shows here. The HTTP side
/// is in SankofaWebTests (CooperationIsolationTests and the owners' object × role tests).
@Suite("Cooperation access policy")
struct CooperationPolicyTests {
    /// One kind of reader: the account, and its standing towards the request and the exchange made
    /// from it (as `RequestLookup`/`ExchangeLookup` compute it). The request's beneficiary country
    /// is NE; the exchange's provider country BR.
    struct Reader {
        var actor: Actor
        var request: CooperationStanding
        var exchange: CooperationStanding
    }

    static func actor(_ roles: Set<Role>, country: String = "SN", status: AccountStatus = .active) -> Actor {
        Actor(userID: UUID().uuidString, status: status, roles: roles, country: country)
    }

    static let readers: [String: Reader] = [
        "visitor": Reader(actor: .visitor, request: .none, exchange: .none),
        "requester": Reader(actor: actor([.member], country: "NE"), request: .init(isRequester: true),
                            exchange: .init(isRequester: true, sides: [.beneficiary])),
        "fpHome": Reader(actor: actor([.member, .focalPoint], country: "NE"), request: .init(isCountryFocalPoint: true),
                         exchange: .init(isCountryFocalPoint: true, focalPointSides: [.beneficiary])),
        // A focal point of a country the request does not concern and the exchange does not hold.
        "fpOther": Reader(actor: actor([.member, .focalPoint], country: "SN"), request: .none, exchange: .none),
        // A focal point of the exchange's provider country: nothing to the request, a side of the exchange.
        "fpProvider": Reader(actor: actor([.member, .focalPoint], country: "BR"), request: .none,
                             exchange: .init(focalPointSides: [.provider])),
        // An expert invited to the request, named on the exchange's provider side.
        "invited": Reader(actor: actor([.member, .expert], country: "BR"), request: .init(isInvited: true),
                          exchange: .init(isInvited: true, sides: [.provider])),
        "member": Reader(actor: actor([.member]), request: .none, exchange: .none),
        "translator": Reader(actor: actor([.member, .translator]), request: .none, exchange: .none),
        "editor": Reader(actor: actor([.member, .editor]), request: .none, exchange: .none),
        "admin": Reader(actor: actor([.member, .admin]), request: .none, exchange: .none),
        // Every role and every standing, but disabled: none of it counts.
        "disabled": Reader(actor: actor([.member, .expert, .focalPoint, .translator, .editor, .admin], country: "NE", status: .disabled),
                           request: .init(isRequester: true, isCountryFocalPoint: true, isInvited: true),
                           exchange: .init(isRequester: true, isCountryFocalPoint: true, isInvited: true,
                                           sides: Set(ExchangeSide.allCases), focalPointSides: Set(ExchangeSide.allCases))),
    ]

    static let everyone = Set(readers.keys)
    static let members: Set<String> = ["requester", "fpHome", "fpOther", "fpProvider", "invited", "member", "translator", "editor", "admin"]
    static let staff: Set<String> = ["editor", "admin"]

    /// Checks `permission` (built from each reader's standing) against the readers `allowed`.
    static func check(_ allowed: Set<String>, _ label: String, sourceLocation: SourceLocation = #_sourceLocation,
                      _ permission: (Reader) -> CooperationPermission) {
        for (name, reader) in readers.sorted(by: { $0.key < $1.key }) {
            #expect(AccessPolicy.allows(reader.actor, .cooperation(permission(reader))) == allowed.contains(name),
                    "\(label) as \(name)", sourceLocation: sourceLocation)
        }
    }

    /// Every permission's name; a new case fails to compile here until a table below covers it.
    static func name(_ permission: CooperationPermission) -> String {
        switch permission {
        case .fileRequest: "fileRequest"
        case .readRequest: "readRequest"
        case .editRequest: "editRequest"
        case .stepRequest: "stepRequest"
        case .commentOnRequest: "commentOnRequest"
        case .manageMatches: "manageMatches"
        case .seeInvitations: "seeInvitations"
        case .answerInvitation: "answerInvitation"
        case .recordExchange: "recordExchange"
        case .startExchange: "startExchange"
        case .readExchange: "readExchange"
        case .readExchangeDetails: "readExchangeDetails"
        case .manageExchange: "manageExchange"
        case .addContribution: "addContribution"
        case .fileOutcomeReport: "fileOutcomeReport"
        case .agreeToPublicSummary: "agreeToPublicSummary"
        case .seeExchangeCalendar: "seeExchangeCalendar"
        }
    }

    @Test("Reading a request: visibility × status × reader")
    func readingRequests() {
        let involved: Set<String> = ["requester", "fpHome", "editor", "admin"]
        // visibility → status → who reads.
        let table: [RequestVisibility: [RequestStatus: Set<String>]] = [
            .staff: [.draft: ["requester"], .submitted: involved, .endorsed: involved, .open: involved,
                     .matched: involved, .inExchange: involved, .closed: involved],
            .matched: [.draft: ["requester"], .submitted: involved.union(["invited"]), .endorsed: involved.union(["invited"]),
                       .open: involved.union(["invited"]), .matched: involved.union(["invited"]),
                       .inExchange: involved.union(["invited"]), .closed: involved.union(["invited"])],
            .members: [.draft: ["requester"], .submitted: involved.union(["invited"]), .endorsed: involved.union(["invited"]),
                       .open: Self.members, .matched: Self.members, .inExchange: Self.members, .closed: Self.members],
        ]
        #expect(Set(table.keys) == Set(RequestVisibility.allCases))
        for (visibility, byStatus) in table {
            #expect(Set(byStatus.keys) == Set(RequestStatus.allCases), "\(visibility) has every status")
            for (status, allowed) in byStatus {
                Self.check(allowed, "read \(visibility) \(status)") { .readRequest(visibility, status, $0.request) }
            }
        }
    }

    @Test("Changing, commenting on and managing a request, by status")
    func workingOnRequests() {
        let staffAndHome: Set<String> = ["fpHome", "editor", "admin"]
        // status → (edit, comment, manage matches and start an exchange, see invitations).
        let table: [RequestStatus: (edit: Set<String>, comment: Set<String>, manage: Set<String>, invitations: Set<String>)] = [
            .draft: (["requester"], ["requester"], [], []),
            .submitted: (["requester", "editor", "admin"], ["requester", "fpHome", "editor", "admin"], [], []),
            .endorsed: (Self.staff, ["requester", "fpHome", "editor", "admin"], [], []),
            .open: (Self.staff, ["requester", "fpHome", "editor", "admin"], staffAndHome, ["requester", "fpHome", "editor", "admin"]),
            .matched: (Self.staff, ["requester", "fpHome", "editor", "admin"], staffAndHome, ["requester", "fpHome", "editor", "admin"]),
            .inExchange: (Self.staff, ["requester", "fpHome", "editor", "admin"], staffAndHome, ["requester", "fpHome", "editor", "admin"]),
            .closed: ([], ["requester", "fpHome", "editor", "admin"], [], ["requester", "fpHome", "editor", "admin"]),
        ]
        #expect(Set(table.keys) == Set(RequestStatus.allCases))
        for (status, allowed) in table {
            Self.check(allowed.edit, "edit \(status)") { .editRequest(status, $0.request) }
            Self.check(allowed.comment, "comment \(status)") { .commentOnRequest(status, $0.request) }
            Self.check(allowed.manage, "manage matches \(status)") { .manageMatches(status, $0.request) }
            Self.check(allowed.manage, "start an exchange \(status)") { .startExchange(status, $0.request) }
            Self.check(allowed.invitations, "see invitations \(status)") { .seeInvitations(status, $0.request) }
        }
    }

    @Test("Each step of the life cycle from each status: who may take it (nobody where it does not apply)")
    func steps() {
        let staffAndHome: Set<String> = ["fpHome", "editor", "admin"]
        let closers: Set<String> = ["requester", "fpHome", "editor", "admin"]
        // (step, status) → who; every pair not listed is refused to everyone.
        let table: [RequestStep: [RequestStatus: Set<String>]] = [
            .submit: [.draft: ["requester"]],
            .endorse: [.submitted: staffAndHome],
            .returnToDraft: [.submitted: Self.staff, .endorsed: Self.staff],
            .open: [.endorsed: Self.staff],
            .match: [.open: staffAndHome],
            .startExchange: [.open: staffAndHome, .matched: staffAndHome],
            // A draft is its requester's alone (staff do not read it), so only they withdraw it.
            .close: [.draft: ["requester"], .submitted: closers, .endorsed: closers, .open: closers,
                     .matched: closers, .inExchange: closers],
        ]
        #expect(Set(table.keys) == Set(RequestStep.allCases))
        for step in RequestStep.allCases {
            for status in RequestStatus.allCases {
                Self.check(table[step]?[status] ?? [], "\(step) from \(status)") { .stepRequest(step, status, $0.request) }
            }
        }
    }

    @Test("Exchanges: summary, details, management, contributions, calendar")
    func exchanges() {
        let involved: Set<String> = ["requester", "fpHome", "fpProvider", "invited", "editor", "admin"]
        Self.check(Self.members, "read an exchange without a public summary") { _ in .readExchange(publicSummary: false) }
        Self.check(Self.everyone, "read an exchange's public summary") { _ in .readExchange(publicSummary: true) }
        Self.check(involved, "read an exchange's details") { .readExchangeDetails($0.exchange) }
        Self.check(["fpHome", "fpProvider", "editor", "admin"], "manage an exchange") { .manageExchange($0.exchange) }
        Self.check(involved, "add a contribution") { .addContribution($0.exchange) }
        Self.check(Self.staff, "record an exchange directly") { _ in .recordExchange }
        Self.check(Self.members, "see the exchange calendar") { _ in .seeExchangeCalendar }
        Self.check(Self.members, "file a request") { _ in .fileRequest }
        Self.check(["invited"], "answer an invitation") { .answerInvitation(isInvitee: $0.request.isInvited) }
        Self.check([], "answer another's invitation") { _ in .answerInvitation(isInvitee: false) }
    }

    @Test("Outcome reports and agreement to a public summary: each side by its own people, focal points and staff")
    func sides() {
        let table: [ExchangeSide: Set<String>] = [
            .provider: ["invited", "fpProvider", "editor", "admin"],
            .beneficiary: ["requester", "fpHome", "editor", "admin"],
            .partner: Self.staff,
        ]
        #expect(Set(table.keys) == Set(ExchangeSide.allCases))
        for (side, allowed) in table {
            Self.check(allowed, "file the \(side) report") { .fileOutcomeReport(side, $0.exchange) }
            Self.check(allowed, "agree for the \(side)") { .agreeToPublicSummary(side, $0.exchange) }
        }
    }

    @Test("Every permission has a table above")
    func everyPermissionIsCovered() {
        let s = CooperationStanding.none
        let tabled: [CooperationPermission] = [
            .fileRequest, .readRequest(.staff, .draft, s), .editRequest(.draft, s), .stepRequest(.submit, .draft, s),
            .commentOnRequest(.draft, s), .manageMatches(.open, s), .seeInvitations(.open, s), .answerInvitation(isInvitee: true),
            .recordExchange, .startExchange(.open, s), .readExchange(publicSummary: true), .readExchangeDetails(s),
            .manageExchange(s), .addContribution(s), .fileOutcomeReport(.provider, s), .agreeToPublicSummary(.provider, s),
            .seeExchangeCalendar,
        ]
        // 17 cases: `name(_:)` stops compiling when one is added, and this list must then grow.
        #expect(Set(tabled.map(Self.name)).count == 17)
    }
}
