import SankofaCore
import SankofaStore
import Vapor

/// The editors' side: the review queue (with practices not reviewed for 24 months), and for each
/// practice its history side by side, the conversation, and the decisions.
struct ReviewController: RouteCollection {
    static let staleAfterMonths = 24

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.review, use: queue)
        routes.get(.reviewPractice, use: show)
        routes.post(.reviewPractice, use: decide)
    }

    func queue(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.reviewPractices)
        let store = PracticeStore(database: request.db)
        let cutoff = Calendar(identifier: .gregorian).date(byAdding: .month, value: -Self.staleAfterMonths, to: Date())!
        let page = ReviewQueue(waiting: try await store.awaitingReview(), changes: try await store.withPendingRevision(),
                               stale: try await store.reviewedBefore(cutoff), request, language)
        return try await request.render("editorial/queue", page, language: language, title: page.heading, section: .review)
    }

    func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.reviewPractices)
        return try await renderDetail(request, language, try await Self.practice(request), message: nil)
    }

    /// The practice named in the address, whatever its status (staff review every one), or a 404.
    static func practice(_ request: Request) async throws -> PracticeModel {
        try await request.practice { _, _ in .reviewPractices }
    }

    /// The author's change waiting for review, for a published practice that has one.
    static func pending(_ request: Request, _ practice: PracticeModel) async throws -> PendingRevisions.Revision? {
        guard practice.practiceStatus == .published else { return nil }
        return try await PendingRevisions(database: request.db).find(try practice.requireID())
    }

    func renderDetail(_ request: Request, _ language: Language, _ practice: PracticeModel, message: String?,
                      status: HTTPStatus = .ok) async throws -> Response {
        let id = try practice.requireID()
        let page = ReviewDetail(practice, revisions: try await Revisions(database: request.db).history(of: id),
                                pending: try await Self.pending(request, practice),
                                comments: try await Comments(database: request.db).list(id),
                                message: message, request, language)
        return try await request.render("editorial/review", page, language: language, title: page.heading, section: .review, status: status)
    }

    struct DecisionForm: FormInput {
        var decision: String
        var comment: String

        init(_ body: FormBody) {
            decision = body.text("decision")
            comment = FormText.clean(body.text("comment"), limit: 5000)
        }
    }

    /// comment · changes (back to the author as a draft, with the comment) · publish · archive.
    /// On a published practice whose author's change waits, changes sends that change back to
    /// its author (the practice stays published) and publish publishes it.
    func decide(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.reviewPractices)
        let practice = try await Self.practice(request)
        let id = try practice.requireID(), slug = practice.slug
        let form = try request.form(DecisionForm.self)
        let pending = try await Self.pending(request, practice).flatMap { $0.state == .pending ? $0 : nil }
        // Each decision changes the practice as it is when the write begins (PracticeWrites.change):
        // a translation saved since the editor opened the page stays.
        let writes = PracticeWrites(database: request.db), writer = request.practiceWriter
        func decide(_ action: PracticeWrites.Action, _ change: @escaping @Sendable (inout PracticeRecord) -> Void) async throws {
            guard try await writes.change(slug, action: action, by: writer, change) else { throw Abort(.notFound) }
        }
        switch form.decision {
        case "comment", "changes":
            guard !form.comment.isEmpty else { throw ParameterError(name: "comment", reason: .value) }
            try await Comments(database: request.db).add(form.comment, practiceID: id, authorID: request.user?.id, now: request.now)
            if form.decision == "changes" {
                if pending != nil { try await writes.returnPending(id, slug: slug, by: writer) }
                else { try await decide(.changesRequested) { $0.status = .draft } }
            }
        case "publish":
            try await request.require(.publishPractice)
            // Publishing needs the safeguards written and at least one source (the editorial rules).
            let record = pending?.applied(to: practice.record) ?? practice.record
            guard !(record.original?.safeguards.isEmpty ?? true), !record.sources.isEmpty else {
                return try await renderDetail(request, language, practice, message: request.t("review.publishNeeds", language),
                                              status: .unprocessableEntity)
            }
            let today = ISODay.format(Date())
            if pending == nil {
                try await decide(.published) {
                    $0.status = .published
                    $0.lastReviewed = today
                }
            } else if try await !writes.publishPending(slug, by: writer, today: today) {
                throw Abort(.notFound)
            }
        case "archive":
            try await request.require(.publishPractice)
            try await decide(.archived) { $0.status = .archived }
        default:
            throw ParameterError(name: "decision", reason: .value, value: form.decision)
        }
        return request.redirect(to: SiteURL.reviewPractice(language, slug: slug).path, redirectType: .normal)
    }
}
