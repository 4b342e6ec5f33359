import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Requests for expertise: filing and changing one, the steps of its life cycle and the comments
/// between its requester, staff and its country's focal point. Each step and comment is a row of
/// `request_events` (who and when), written in the same transaction as the change it records.
/// Who may do what is ``AccessPolicy``'s question, asked by the caller; this type keeps the rules
/// that hold whoever asks: a stored request is valid (``RequestValidation``) and a step only
/// follows the life cycle (``RequestLifecycle``).
public struct Requests: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    /// A record that breaks ``RequestValidation``: nothing was written.
    public struct Invalid: Error, Sendable {
        public var issues: [ValidationIssue]
    }

    public static let maxComment = 5_000

    /// Files a request in `status` (a draft from the form; demo data and imports may file one
    /// further on: the steps leading there are recorded at `now`, by the requester for `submit`
    /// and by the platform for the others). Returns its id.
    @discardableResult
    public func create(_ record: RequestRecord, requesterID: UUID?, status: RequestStatus = .draft, now: Int) async throws -> Int {
        let issues = RequestValidation.issues(in: record)
        guard issues.isEmpty else { throw Invalid(issues: issues) }
        let json = try Self.encode(record)
        return try await database.atomically { tx in
            let sql = tx as! any SQLDatabase
            let reached = { (s: RequestStatus) -> Int? in status >= s ? now : nil }
            let id = try await sql.raw("""
                INSERT INTO requests (requester_id, beneficiary_country, language, title, themes, pillars, support_kinds,
                  working_languages, modality, starts_on, ends_on, visibility, status, closure, record, demo, created_at, updated_at,
                  submitted_at, opened_at, first_matched_at, closed_at)
                VALUES (\(bind: requesterID), \(bind: record.beneficiaryCountry), \(bind: record.language.rawValue), \(bind: record.title),
                  \(bind: Self.list(record.themes.map(\.rawValue))), \(bind: Self.list(record.pillars.map { String($0.rawValue) })),
                  \(bind: Self.list(record.supportKinds.map(\.rawValue))), \(bind: Self.list(record.workingLanguages)),
                  \(bind: record.modality.rawValue), \(bind: Self.day(record.startsOn)), \(bind: Self.day(record.endsOn)),
                  \(bind: record.visibility.rawValue), \(bind: status.rawValue), \(bind: status == .closed ? RequestClosure.met.rawValue : nil),
                  \(bind: json), \(bind: record.demo), \(bind: now), \(bind: now), \(bind: reached(.submitted)), \(bind: reached(.open)),
                  \(bind: reached(.matched)), \(bind: reached(.closed)))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
            var from = RequestStatus.draft
            for step in Self.path(to: status) {
                guard let to = RequestLifecycle.next(after: step, from: from) else { continue }
                try await Requests(database: tx).event(id, kind: "step", step: step, from: from, to: to,
                                                       actorID: step == .submit ? requesterID : nil, body: "", language: record.language, at: now)
                from = to
            }
            return id
        }
    }

    /// Changes a request's text (its status and history stay).
    public func update(_ id: Int, _ record: RequestRecord, now: Int) async throws {
        let issues = RequestValidation.issues(in: record)
        guard issues.isEmpty else { throw Invalid(issues: issues) }
        try await sql.raw("""
            UPDATE requests SET beneficiary_country = \(bind: record.beneficiaryCountry), language = \(bind: record.language.rawValue),
              title = \(bind: record.title), themes = \(bind: Self.list(record.themes.map(\.rawValue))),
              pillars = \(bind: Self.list(record.pillars.map { String($0.rawValue) })),
              support_kinds = \(bind: Self.list(record.supportKinds.map(\.rawValue))),
              working_languages = \(bind: Self.list(record.workingLanguages)), modality = \(bind: record.modality.rawValue),
              starts_on = \(bind: Self.day(record.startsOn)), ends_on = \(bind: Self.day(record.endsOn)),
              visibility = \(bind: record.visibility.rawValue), record = \(bind: try Self.encode(record)), demo = \(bind: record.demo),
              updated_at = \(bind: now)
            WHERE id = \(bind: id)
            """).run()
    }

    /// Takes `step` if the request's status allows it now, recording who and when (and the
    /// outcome of a `close`; `withdrawn` when none is given). Returns the new status, or nil when
    /// the step does not follow from the current status (another person moved it first; nothing
    /// written). The status moves with a conditional UPDATE, so two people taking a step at once
    /// cannot both succeed. Callers inside their own transaction pass it as `database`.
    @discardableResult
    public func takeStep(_ step: RequestStep, requestID: Int, actorID: UUID?, note: String = "", closure: RequestClosure? = nil,
                         now: Int, on database: (any Database)? = nil) async throws -> RequestStatus? {
        try await (database ?? self.database).atomically { tx in
            let sql = tx as! any SQLDatabase
            guard let facts = try await RequestLookup(database: tx).request(requestID),
                  let to = RequestLifecycle.next(after: step, from: facts.status) else { return nil }
            let stamp: String = switch to {
            case .submitted: ", submitted_at = COALESCE(submitted_at, \(now))"
            case .open: ", opened_at = COALESCE(opened_at, \(now))"
            case .matched: ", first_matched_at = COALESCE(first_matched_at, \(now))"
            case .closed: ", closed_at = \(now)"
            default: ""
            }
            let outcome = step == .close ? (closure ?? .withdrawn).rawValue : nil
            let moved = try await sql.raw("""
                UPDATE requests SET status = \(bind: to.rawValue), closure = \(bind: outcome), updated_at = \(bind: now)\(unsafeRaw: stamp)
                WHERE id = \(bind: requestID) AND status = \(bind: facts.status.rawValue) RETURNING id
                """).first() != nil
            guard moved else { return nil }
            try await Requests(database: tx).event(requestID, kind: "step", step: step, from: facts.status, to: to, actorID: actorID,
                                                   body: String(note.prefix(Self.maxComment)), language: facts.language, at: now)
            return to
        }
    }

    /// A comment in the request's conversation, in the writer's language.
    public func comment(_ requestID: Int, authorID: UUID, body: String, language: Language, now: Int) async throws {
        try await event(requestID, kind: "comment", step: nil, from: nil, to: nil, actorID: authorID,
                        body: String(body.prefix(Self.maxComment)), language: language, at: now)
    }

    func event(_ requestID: Int, kind: String, step: RequestStep?, from: RequestStatus?, to: RequestStatus?, actorID: UUID?,
               body: String, language: Language, at: Int) async throws {
        try await sql.raw("""
            INSERT INTO request_events (request_id, kind, step, from_status, to_status, actor_id, body, language, at)
            VALUES (\(bind: requestID), \(bind: kind), \(bind: step?.rawValue), \(bind: from?.rawValue), \(bind: to?.rawValue),
                    \(bind: actorID), \(bind: body), \(bind: language.rawValue), \(bind: at))
            """).run()
    }

    /// The steps from a draft to `status` along the life cycle (the path demo data records).
    static func path(to status: RequestStatus) -> [RequestStep] {
        let all: [(RequestStatus, RequestStep)] = [(.submitted, .submit), (.endorsed, .endorse), (.open, .open),
                                                   (.matched, .match), (.inExchange, .startExchange), (.closed, .close)]
        return all.filter { status >= $0.0 }.map(\.1)
    }

    /// Lists are stored ",a,b," so that `LIKE '%,a,%'` finds one member on both engines.
    static func list(_ values: [String]) -> String { values.isEmpty ? "," : "," + values.joined(separator: ",") + "," }

    static func day(_ value: String?) -> String? { value?.isEmpty == false ? value : nil }

    static func encode(_ record: RequestRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(record), as: UTF8.self)
    }
}
