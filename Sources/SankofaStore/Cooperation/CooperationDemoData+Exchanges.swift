import Foundation
import SankofaCore

extension CooperationDemoWriter {
    /// Records the exchange forty days before it starts (two days ago for one further off), from
    /// its request's accepted match when it has one, as proposed; then moves it as it happened:
    /// agreed five days later, under way on its first day, held the day after its last, each only
    /// once its day has come. Contributions are recorded on the day given (or the recording's),
    /// both sides agree to the public summary once it was held where the file says so, and the
    /// reports and follow-ups are filed on their days: the exchange becomes `reported` when its
    /// provider and beneficiary both reported, as on the site.
    func exchange(_ exchange: CooperationDemoData.Exchange, requestID: Int?, people: DemoPeople,
                  summary: inout CooperationDemoData.Summary) async throws {
        var record = exchange.record
        let target = record.status
        let start = try time(record.startsOn), end = try time(record.endsOn)
        record.startsOn = try resolve(record.startsOn)
        record.endsOn = try resolve(record.endsOn)
        record.status = .proposed
        record.demo = true
        var matchID: Int?
        if let requestID {
            guard let accepted = try await acceptedMatch(of: requestID) else {
                throw DemoFailure(message: "cooperation.json: \(exchange.key): its request has no accepted match")
            }
            matchID = accepted
        }
        let creator = try people.id(exchange.createdBy)
        let recorded = min(start - 40 * Self.day, now - 2 * Self.day)
        let store = Exchanges(database: database)
        let id = try await store.create(record, createdBy: creator, matchID: matchID, now: recorded)
        summary.exchanges += 1

        let path: [(ExchangeStatus, Int)] = target == .cancelled
            ? [(.agreed, recorded + 5 * Self.day), (.cancelled, min(start - 2 * Self.day, now - 3_600))]
            : [(.agreed, min(recorded + 5 * Self.day, now - 3_600)), (.underWay, start), (.held, end + Self.day)]
        let reach: ExchangeStatus = target == .reported ? .held : target
        let steps = path.firstIndex { $0.0 == reach }.map { path.prefix(through: $0) } ?? []
        for (status, at) in steps {
            guard at <= now else { throw DemoFailure(message: "cooperation.json: \(exchange.key) would be \(status.rawValue) in the future") }
            try await store.changeStatus(id, to: status, actorID: creator, note: "", now: at)
        }
        for contribution in exchange.contributions {
            var contribution = contribution
            let given = try time(contribution.givenOn)
            contribution.givenOn = try resolve(contribution.givenOn)
            try await Contributions(database: database).add(contribution, exchangeID: id, actorID: creator,
                                                            now: min(max(given, recorded), now), notify: false)
            summary.contributions += 1
        }
        if exchange.publicSummary == true {
            for side in [ExchangeSide.provider, .beneficiary] {
                try await store.agree(id, side: side, agreed: true, actorID: creator, now: min(end + 2 * Self.day, now))
            }
        }
        for report in exchange.reports {
            try await file(report, exchangeID: id, people: people, summary: &summary)
        }
        guard let facts = try await ExchangeLookup(database: database).exchange(id), facts.status == target else {
            throw DemoFailure(message: "cooperation.json: \(exchange.key) did not end \(target.rawValue)")
        }
    }

    private func file(_ report: CooperationDemoData.Report, exchangeID: Int, people: DemoPeople,
                      summary: inout CooperationDemoData.Summary) async throws {
        var text = report.report
        text.demo = true
        text.adaptations = try text.adaptations.map { var a = $0; a.byWhen = try resolve(a.byWhen); return a }
        let author = try people.id(report.by), at = ago(report.ago)
        let reports = OutcomeReports(database: database)
        _ = try await reports.file(text, exchangeID: exchangeID, side: report.side, by: writer(author, at), now: at)
        summary.reports += 1
        guard let followUp = report.followUp else { return }
        guard let filed = try await reports.report(exchangeID: exchangeID, side: report.side) else {
            throw DemoFailure(message: "demo report of exchange \(exchangeID) vanished")
        }
        let when = ago(followUp.ago), adoptedOn = ISODay.format(Date(timeIntervalSince1970: TimeInterval(when - 20 * Self.day)))
        let outcomes = text.adaptations.indices.map { index in
            index < followUp.adopted ? FollowUp.Outcome(result: .yes, on: adoptedOn) : FollowUp.Outcome(result: .no)
        }
        try await FollowUps(database: database).file(FollowUp(language: followUp.language, outcomes: outcomes, notes: followUp.note, demo: true),
                                                     of: filed, by: writer(author, when), now: when)
        summary.followUps += 1
    }

    /// The demo author as the audit log names them.
    private func writer(_ userID: UUID, _ at: Int) -> PracticeWrites.Writer {
        PracticeWrites.Writer(userID: userID, audit: AuditLog.Entry(at: at, actorID: userID.uuidString, actorEmail: nil,
                                                                  action: "", target: "", detail: "demo data", ip: ""))
    }

    /// The seed time of a relative day ("D-30").
    func time(_ relative: String) throws -> Int {
        guard relative.hasPrefix("D"), let offset = Int(relative.dropFirst().replacingOccurrences(of: "+", with: "")) else {
            throw DemoFailure(message: "cooperation.json: \(relative) is not a day like D-30 or D+30")
        }
        return now + offset * Self.day
    }
}
