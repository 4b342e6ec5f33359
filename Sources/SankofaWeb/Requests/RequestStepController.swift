import SankofaCore
import SankofaStore
import Vapor

/// The steps of a request's life cycle taken by hand (submit, endorse, open, return to draft,
/// close with an outcome) and its conversation. Each is allowed by ``AccessPolicy`` for the reader's
/// standing, written with its `request_events` row, and told to the people concerned.
struct RequestStepController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(.requestStep, use: step)
        routes.post(.requestComments, use: comment)
    }

    struct StepForm: FormInput {
        var step: String
        var closure: String
        var note: String
        init(_ body: FormBody) {
            step = body.text("step")
            closure = body.text("closure")
            note = FormText.clean(body.text("note"), limit: Requests.maxComment)
        }
    }

    func step(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await request.readableRequest()
        let form = try request.form(StepForm.self)
        // Only the steps a person takes; `match` and `startExchange` are the platform's.
        guard let step = RequestStep(rawValue: form.step),
              ![.match, .startExchange].contains(step) else {
            throw ParameterError(name: "step", reason: .value, value: String(form.step.prefix(40)))
        }
        try await request.require(.cooperation(.stepRequest(step, access.facts.status, access.standing)))
        var closure: RequestClosure?
        if step == .close {
            guard let chosen = RequestClosure(rawValue: form.closure), RequestLifecycle.closures(from: access.facts.status).contains(chosen) else {
                return try await RequestsController.render(request, language, access, stepError: "request.error.closure", status: .unprocessableEntity)
            }
            closure = chosen
        }
        if step == .returnToDraft, form.note.isEmpty {
            return try await RequestsController.render(request, language, access, stepError: "request.error.noteRequired", status: .unprocessableEntity)
        }
        guard form.note.count <= Requests.maxComment else {
            return try await RequestsController.render(request, language, access, stepError: "error.tooLong", status: .unprocessableEntity)
        }
        let now = request.now, userID = access.userID, outcome = closure
        let moved = try await request.db.atomically { tx -> Bool in
            guard let to = try await Requests(database: tx).takeStep(step, requestID: access.facts.id, actorID: userID, note: form.note,
                                                                     closure: outcome, now: now) else { return false }
            try await request.cooperationNotices(tx).stepTaken(step, request: access.facts, to: to, closure: to == .closed ? outcome ?? .withdrawn : nil,
                                                               actorID: userID, now: now)
            return true
        }
        // Someone else moved the request first: the page shows where it stands now.
        guard moved else {
            let fresh = try await request.readableRequest()
            return try await RequestsController.render(request, language, fresh, stepError: "request.error.moved", status: .conflict)
        }
        return request.redirect(to: SiteURL.request(language, id: access.facts.id).path + "?done=step", redirectType: .normal)
    }

    func comment(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await request.readableRequest()
        try await request.require(.cooperation(.commentOnRequest(access.facts.status, access.standing)))
        let text = FormText.clean(try FormBody(request).text("body"), limit: Requests.maxComment)
        let problem: String? = text.isEmpty ? "error.required" : text.count > Requests.maxComment ? "error.tooLong" : nil
        if let problem {
            return try await RequestsController.render(request, language, access, comment: text, commentError: problem, status: .unprocessableEntity)
        }
        let now = request.now, userID = access.userID
        try await request.db.atomically { tx in
            try await Requests(database: tx).comment(access.facts.id, authorID: userID, body: text, language: language, now: now)
            try await request.cooperationNotices(tx).commented(on: access.facts, authorID: userID, now: now)
        }
        return request.redirect(to: SiteURL.request(language, id: access.facts.id).path + "?done=comment#comments", redirectType: .normal)
    }
}
