import Fluent
import Foundation
import SankofaCore

extension CooperationDemoWriter {
    /// Picks the request's matches a day after it opened, scored as the matches page scores them
    /// (so the reasons shown are the real ones), invites the expert or centre the next day and
    /// records the answer two days later; the first acceptance moves the request to `matched`
    /// (``RequestMatches/answer(_:_:reason:inviteeID:now:links:)``).
    func matches(_ request: CooperationDemoData.Request, requestID: Int, people: DemoPeople,
                 summary: inout CooperationDemoData.Summary) async throws {
        guard !request.matches.isEmpty else { return }
        let opened = ago(request.ago) + 5 * Self.day
        let need = MatchNeed(try await record(of: requestID), today: ISODay.format(Date(timeIntervalSince1970: TimeInterval(opened))))
        let candidates = try await MatchCandidates(database: database, cache: .init()).candidates(for: .staff, today: need.today).flatMap { $0 }
        let store = RequestMatches(database: database), staff = try people.id("staff")
        for (index, match) in request.matches.enumerated() {
            let target = try await self.target(match)
            guard let candidate = candidates.first(where: { $0.kind == match.kind && $0.target == target.uuidString }),
                  let scored = MatchScoring.score(need, candidate) else {
                throw DemoFailure(message: "cooperation.json: \(request.key): \(match.target) is not a match for the request")
            }
            let picked = opened + Self.day + index * 600
            let id = try await store.pick(scored, request: requestID, by: staff, now: picked)
            summary.matches += 1
            guard match.state != .picked else { continue }
            let invitee = try await self.invitee(match)
            guard try await store.invite(id, inviteeID: invitee, message: "", by: staff, now: picked + Self.day) else {
                throw DemoFailure(message: "cooperation.json: \(request.key): \(match.target) could not be invited")
            }
            guard match.state != .invited else { continue }
            let answer: RequestMatches.Answer = match.state == .accepted ? .accepted : .declined
            guard try await store.answer(id, answer, reason: match.reason ?? "", inviteeID: invitee, now: picked + 3 * Self.day) else {
                throw DemoFailure(message: "cooperation.json: \(request.key): \(match.target) could not answer")
            }
        }
    }

    /// The first accepted match of a request: the one its exchange is recorded from.
    func acceptedMatch(of requestID: Int) async throws -> Int? {
        try await RequestMatches(database: database).list(request: requestID).filter { $0.state == .accepted }.min { $0.id < $1.id }?.id
    }

    private func record(of requestID: Int) async throws -> RequestRecord {
        guard let detail = try await Requests(database: database).detail(requestID) else {
            throw DemoFailure(message: "demo request \(requestID) vanished")
        }
        return detail.record
    }

    /// The row id of the expert or centre.
    private func target(_ match: CooperationDemoData.Match) async throws -> UUID {
        let id = match.kind == .centre ? try await CentreStore(database: database).find(slug: match.target)?.id
            : try await ExpertStore(database: database).find(slug: match.target)?.id
        guard let id else { throw DemoFailure(message: "cooperation.json: no demo \(match.kind.rawValue) \(match.target)") }
        return id
    }

    /// The account that answers for an invited expert or centre: the expert's own, or the centre's
    /// focal point's. A demo expert without an account is given a demo one (which cannot sign
    /// in), as the real person would have claimed the profile to be invited online.
    private func invitee(_ match: CooperationDemoData.Match) async throws -> UUID {
        var slug = match.target
        if match.kind == .centre {
            guard let focalPoint = try await CentreStore(database: database).find(slug: match.target)?.record.focalPoint else {
                throw DemoFailure(message: "cooperation.json: the centre \(match.target) has no focal point to invite")
            }
            slug = focalPoint
        }
        let experts = ExpertStore(database: database)
        guard let expert = try await experts.find(slug: slug) else { throw DemoFailure(message: "cooperation.json: no demo expert \(slug)") }
        if let owner = expert.userID { return owner }
        let record = expert.record
        let (account, _) = try await makeAccount(.init(
            key: slug, name: record.name, email: "coop.\(slug)@demo.sankofa.example", country: record.country,
            language: record.originalLanguage, organisation: record.organisation, position: record.title, roles: [.member, .expert]))
        try await experts.save(record, owner: account)
        return account
    }
}
