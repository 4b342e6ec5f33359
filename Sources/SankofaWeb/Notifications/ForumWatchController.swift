import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// Watching and muting a thread or a category (`level`: watching, muted, or anything else for
/// the ordinary notifications). Only what the member may read: anything else is a 404.
struct ForumWatchController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(.forumWatchThread, use: thread)
        routes.post(.forumWatchCategory, use: category)
    }

    struct LevelForm: FormInput {
        var level: ForumWatches.Level?
        init(_ body: FormBody) { level = ForumWatches.Level(rawValue: body.text("level")) }
    }

    func thread(_ request: Request) async throws -> Response {
        let language = try request.language()
        let userID = try await NotificationsController.member(request)
        let thread = try await ForumThreadController.thread(request)
        try await ForumWatches(database: request.db).set(try request.form(LevelForm.self).level, for: userID, on: .thread(thread.threadID))
        return request.redirect(to: SiteURL.forumThread(language, thread: thread.threadID).path, redirectType: .normal)
    }

    func category(_ request: Request) async throws -> Response {
        let language = try request.language()
        let userID = try await NotificationsController.member(request)
        guard let slug = request.parameters.get("category"),
              let category = try await ForumCategories(database: request.db).find(slug: slug, for: try await request.forumReader(), language: language)
        else { throw Abort(.notFound) }
        try await ForumWatches(database: request.db).set(try request.form(LevelForm.self).level, for: userID, on: .category(category.id))
        return request.redirect(to: SiteURL.forumCategory(language, slug: slug).path, redirectType: .normal)
    }
}
