import Foundation
import SankofaCore

extension CooperationDemoWriter {
    /// Files the request as a draft on its day, then takes the steps a person would (submit the
    /// next day, endorse two days later by the country's focal point or staff, open two days
    /// after that), writes its comments and picks its matches. A request that moves on through
    /// an exchange gets there when the exchange is recorded; a closed one is closed last.
    func request(_ request: CooperationDemoData.Request, people: DemoPeople, summary: inout CooperationDemoData.Summary) async throws -> Int {
        var record = request.record
        record.startsOn = try record.startsOn.map(resolve)
        record.endsOn = try record.endsOn.map(resolve)
        record.demo = true
        let requester = try people.id(request.requester)
        let filed = ago(request.ago)
        let store = Requests(database: database)
        let id = try await store.create(record, requesterID: requester, status: .draft, now: filed)
        summary.requests += 1

        let staff = try people.id("staff")
        let steps: [(RequestStep, UUID, Int)] = [(.submit, requester, 1), (.endorse, try request.endorsedBy.map(people.id) ?? staff, 3), (.open, staff, 5)]
        var status = RequestStatus.draft
        for (step, actor, days) in steps {
            guard let to = RequestLifecycle.next(after: step, from: status), to <= stands(request) else { break }
            guard let moved = try await store.takeStep(step, requestID: id, actorID: actor, now: filed + days * Self.day) else {
                throw DemoFailure(message: "cooperation.json: \(request.key): \(step.rawValue) refused")
            }
            status = moved
        }
        for comment in request.comments {
            try await store.comment(id, authorID: try people.id(comment.by), body: comment.body, language: record.language, now: ago(comment.ago))
        }
        try await matches(request, requestID: id, people: people, summary: &summary)
        return id
    }

    /// Where the request stands before any exchange or closing: a withdrawn request was withdrawn
    /// while submitted; one that ended otherwise was opened first; one in exchange was open (its
    /// accepted match and its exchange move it on).
    func stands(_ request: CooperationDemoData.Request) -> RequestStatus {
        switch request.status {
        case .closed: request.closure == .withdrawn ? .submitted : .open
        case .matched, .inExchange: .open
        default: request.status
        }
    }

    /// Closes a closed request on its day: withdrawn by its requester, otherwise by staff with the outcome.
    func close(_ request: CooperationDemoData.Request, id: Int, people: DemoPeople) async throws {
        let actor = try people.id(request.closure == .withdrawn ? request.requester : "staff")
        let moved = try await Requests(database: database).takeStep(
            .close, requestID: id, actorID: actor, note: request.closingNote ?? "", closure: request.closure,
            now: ago(request.closedAgo ?? 1))
        guard moved == .closed else { throw DemoFailure(message: "cooperation.json: \(request.key) could not be closed") }
    }
}
