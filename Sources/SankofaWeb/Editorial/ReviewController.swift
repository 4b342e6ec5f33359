import Fluent
import SankofaCore
import SankofaStore
import Vapor

/// The editors' side: the review queue (with practices not reviewed for 24 months), and for each
/// practice its history side by side, the conversation, and the decisions.
struct ReviewController: RouteCollection {
    static let staleAfterMonths = 24

    func boot(routes: any RoutesBuilder) throws {
        routes.get(":lang", "review", use: queue)
        routes.get(":lang", "review", ":slug", use: show)
        routes.post(":lang", "review", ":slug", use: decide)
    }

    struct QueuePage: Encodable, Sendable {
        struct Item: Encodable, Sendable { var title: String; var status: String; var href: String; var note: String? }
        var heading: String
        var waiting: [Item]
        var stale: [Item]
        var hasWaiting: Bool
        var hasStale: Bool
    }

    func queue(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.reviewPractices)
        let waiting = try await PracticeModel.query(on: request.db)
            .filter(\.$status ~~ [PracticeStatus.submitted.rawValue, PracticeStatus.inReview.rawValue])
            .with(\.$translations).sort(\.$updatedAt).all()
        let cutoff = Calendar(identifier: .gregorian).date(byAdding: .month, value: -Self.staleAfterMonths, to: Date())!
        let stale = try await PracticeModel.query(on: request.db).filter(\.$status == PracticeStatus.published.rawValue)
            .with(\.$translations).sort(\.$slug).all()
            .filter { ($0.lastReviewed.flatMap(ISODay.parse) ?? .distantPast) < cutoff }
        func item(_ practice: PracticeModel, note: String? = nil) -> QueuePage.Item {
            .init(title: practice.text(in: language).text.title,
                  status: request.t(PracticeStatus(rawValue: practice.status)?.labelKey ?? "", language),
                  href: SiteURL.reviewPractice(language, slug: practice.slug).path, note: note)
        }
        let page = QueuePage(
            heading: request.t("review.heading", language),
            waiting: waiting.map { item($0) },
            stale: stale.map { item($0, note: $0.lastReviewed.flatMap(ISODay.parse).map { DateFormatting.longDate($0, language) } ?? request.t("review.neverReviewed", language)) },
            hasWaiting: !waiting.isEmpty, hasStale: !stale.isEmpty)
        return try await request.render("editorial/queue", page, language: language, title: page.heading, section: "review")
    }

    struct DetailPage: Encodable, Sendable {
        struct Change: Encodable, Sendable { var field: String; var before: String; var after: String }
        struct Entry: Encodable, Sendable { var when: String; var who: String; var action: String; var changes: [Change] }
        var heading: String
        var status: String
        var viewHref: String
        var editable: Bool
        var comments: [SubmitController.Note]
        var history: [Entry]
        var action: String
        var csrf: String
        var message: String?
        var canPublish: Bool
        var canArchive: Bool
    }

    func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.reviewPractices)
        return try await renderDetail(request, language, message: nil)
    }

    func renderDetail(_ request: Request, _ language: Language, message: String?, status: HTTPStatus = .ok) async throws -> Response {
        guard let slug = request.parameters.get("slug"),
              let practice = try await PracticeStore(database: request.db).find(slug: slug, publishedOnly: false),
              let id = practice.id else { throw Abort(.notFound) }
        func t(_ key: String) -> String { request.t(key, language) }
        let revisions = try await Revisions(database: request.db).history(of: id)
        var previous: PracticeRecord?
        var history: [DetailPage.Entry] = []
        for revision in revisions {
            history.append(.init(
                when: DateFormatting.dateTime(Date(timeIntervalSince1970: TimeInterval(revision.at)), language),
                who: revision.actorName ?? t("editorial.formerMember"), action: t("review.action.\(revision.action)"),
                changes: RecordFields.changes(from: previous, to: revision.record).map { .init(field: $0.field, before: $0.before, after: $0.after) }))
            previous = revision.record
        }
        let state = PracticeStatus(rawValue: practice.status) ?? .draft
        let page = DetailPage(
            heading: practice.text(in: language).text.title, status: t(state.labelKey),
            viewHref: SiteURL.practice(language, slug: slug).path, editable: state != .archived,
            comments: try await Comments(database: request.db).list(id).map { SubmitController.Note(author: $0.authorName ?? t("editorial.formerMember"), body: $0.body) },
            history: history.reversed(), action: SiteURL.reviewPractice(language, slug: slug).path, csrf: try await request.csrfToken(),
            message: message, canPublish: [.submitted, .inReview, .draft].contains(state), canArchive: state == .published)
        return try await request.render("editorial/review", page, language: language, title: page.heading, section: "review", status: status)
    }

    struct DecisionForm: Content {
        var decision: String?
        var comment: String?
    }

    /// comment · changes (back to the author as a draft, with the comment) · publish · archive.
    func decide(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.reviewPractices)
        guard let slug = request.parameters.get("slug"),
              let practice = try await PracticeStore(database: request.db).find(slug: slug, publishedOnly: false),
              let id = practice.id else { throw Abort(.notFound) }
        let form = (try? request.content.decode(DecisionForm.self)) ?? DecisionForm()
        let comment = FormText.clean(form.comment, limit: 5000)
        // Each decision changes the practice as it is when the write begins (SubmitController.store's
        // `change`): a translation saved since the editor opened the page stays.
        let record = practice.record
        switch form.decision {
        case "comment", "changes":
            guard !comment.isEmpty else { throw ParameterError(name: "comment", reason: .value) }
            try await Comments(database: request.db).add(comment, practiceID: id, authorID: request.user?.id, now: request.now)
            if form.decision == "changes" {
                try await SubmitController.store(record, author: nil, action: "changesRequested", request: request) { $0.status = .draft }
            }
        case "publish":
            try await request.require(.publishPractice)
            // Publishing needs the safeguards written and at least one source (the editorial rules).
            guard !(record.original?.safeguards.isEmpty ?? true), !record.sources.isEmpty else {
                return try await renderDetail(request, language, message: request.t("review.publishNeeds", language), status: .unprocessableEntity)
            }
            let today = ISODay.format(Date())
            try await SubmitController.store(record, author: nil, action: "published", request: request) {
                $0.status = .published
                $0.lastReviewed = today
            }
        case "archive":
            try await request.require(.publishPractice)
            try await SubmitController.store(record, author: nil, action: "archived", request: request) { $0.status = .archived }
        default:
            throw ParameterError(name: "decision", reason: .value, value: form.decision ?? "")
        }
        return request.redirect(to: SiteURL.reviewPractice(language, slug: slug).path, redirectType: .normal)
    }
}
