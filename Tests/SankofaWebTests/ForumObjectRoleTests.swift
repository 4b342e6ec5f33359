import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// The forum's object × role matrix (issue 18), both engines: every category type (open to
/// visitors, to members, a working group the reader belongs to, one they do not) × every kind of
/// reader, on every surface that shows a category's records — its page, a thread's page, a
/// post's permanent link, the reply and new-thread forms, edit history and edit form, the flag
/// and moderation forms, the site search's hits and counts, the forum home, and the JSON API.
/// Expected answers are written out (`readers`, `writers`, ...), not computed from the policy,
/// so a change to the policy shows here; the policy is asked the same question too. A refusal of
/// something the reader may not read is the very 404 of a record that does not exist.
@Suite("Forum object × role matrix")
struct ForumObjectRoleTests {
    enum Who: String, CaseIterable, Sendable {
        case visitor, pending, member, expert, focalPoint, translator, editor, moderator, admin
        /// Every role, then disabled with its session open: neither roles nor group standing count.
        case disabled

        var roles: [Role] {
            switch self {
            case .visitor, .pending: []
            case .member: [.member]
            case .expert: [.member, .expert]
            case .focalPoint: [.member, .focalPoint]
            case .translator: [.member, .translator]
            case .editor: [.member, .editor]
            case .moderator: [.member, .moderator]
            case .admin: [.member, .admin]
            case .disabled: [.member, .expert, .focalPoint, .translator, .editor, .moderator, .admin]
            }
        }
    }

    /// The four category types. Every signed-in reader is an active member of `groupIn`'s group;
    /// nobody tried is a member of `groupOut`'s.
    enum Place: String, CaseIterable, Sendable {
        case visitors, members, groupIn, groupOut
        var word: String { "kestrel\(rawValue.lowercased())" }
    }

    static let members: Set<Who> = [.member, .expert, .focalPoint, .translator, .editor, .moderator, .admin]
    /// Who reads each category type (and so its threads, posts, hits and counts).
    static let readers: [Place: Set<Who>] = [
        .visitors: Set(Who.allCases), .members: members, .groupIn: members, .groupOut: [],
    ]
    /// Who may reply and start threads (none is locked, none silenced): members who read.
    static let writers: [Place: Set<Who>] = [.visitors: members, .members: members, .groupIn: members, .groupOut: []]
    /// Who sees edit history and may edit others' posts: moderators and admins who read.
    static let moderators: [Place: Set<Who>] = [.visitors: [.moderator, .admin], .members: [.moderator, .admin],
                                                .groupIn: [.moderator, .admin], .groupOut: []]
    /// The JSON API serves categories open to visitors only, to everyone, session or not.
    static let apiReaders: [Place: Set<Who>] = [.visitors: Set(Who.allCases), .members: [], .groupIn: [], .groupOut: []]

    struct Record: Sendable {
        var slug: String
        var visibility: ForumVisibility
        var group: Int?
        var thread: Int
        var post: Int
    }

    @Test("ASVS 8.2.2 for the forum: every category type for every kind of reader, on every surface", arguments: TestEngine.all)
    func everyCategoryTypeForEveryReader(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let author = try await ForumFixtures.member(app, "author@example.org")
            let inside = try await ForumFixtures.group(app, "inside", members: [(try author.requireID(), .owner)])
            let outside = try await ForumFixtures.group(app, "outside", members: [(try author.requireID(), .owner)])
            var records: [Place: Record] = [:]
            for place in Place.allCases {
                let visibility: ForumVisibility = switch place { case .visitors: .visitors; case .members: .members; default: .group }
                let group = place == .groupIn ? inside : place == .groupOut ? outside : nil
                let slug = "room-\(place.rawValue.lowercased())"
                let category = try await ForumFixtures.category(app, slug, visibility: visibility, group: group)
                let made = try await ForumFixtures.thread(app, category: category, author: try author.requireID(),
                                                          title: "Kestrel \(place.word) thread", posts: ["About \(place.word) kestrel."])
                records[place] = Record(slug: slug, visibility: visibility, group: group, thread: made.thread, post: made.posts[0])
            }

            var browsers: [Who: Browser] = [:], actors: [Who: Actor] = [:]
            for who in Who.allCases {
                let browser = Browser(app)
                if who == .visitor {
                    try await browser.get("/en/account/login")
                    actors[who] = .visitor
                } else {
                    let user = try await ForumFixtures.member(app, "\(who.rawValue)@example.org", roles: who.roles,
                                                              status: who == .pending ? .pending : .active)
                    try await ForumFixtures.join(app, group: inside, user: try user.requireID())
                    try await browser.signIn("\(who.rawValue)@example.org")
                    if who == .disabled {
                        user.status = AccountStatus.disabled.rawValue
                        try await user.save(on: app.db)
                    }
                    actors[who] = try await UserModel.find(user.id, on: app.db)!.actor
                }
                browsers[who] = browser
            }

            for who in Who.allCases {
                let browser = browsers[who]!, actor = actors[who]!
                // What a thread that does not exist looks like to this reader (the header differs by reader).
                let unknownThread = try await browser.get("/en/forum/threads/999999")
                #expect(unknownThread.status == .notFound)
                let home = try await browser.get("/en/forum")
                let everything = try await browser.get("/en/search?q=kestrel")
                let readable = Place.allCases.filter { Self.readers[$0]!.contains(who) }
                let forumCount = Catalogs.bundled.plural("forum.search.count", count: readable.count, .en)
                #expect(everything.text.contains(forumCount), "search count as \(who): \(forumCount)")
                for place in Place.allCases {
                    let record = records[place]!, cell = "\(place) as \(who)"
                    let reads = Self.readers[place]!.contains(who), writes = Self.writers[place]!.contains(who)
                    let moderates = Self.moderators[place]!.contains(who)
                    let inGroup = place == .groupIn
                    #expect(AccessPolicy.allows(actor, .forum(.read(record.visibility, inGroup: inGroup))) == reads, "policy read: \(cell)")
                    #expect(AccessPolicy.allows(actor, .forum(.reply(record.visibility, inGroup: inGroup, silenced: false, threadOpen: true))) == writes,
                            "policy reply: \(cell)")
                    #expect(AccessPolicy.allows(actor, .forum(.seeEditHistory(record.visibility, inGroup: inGroup))) == moderates,
                            "policy history: \(cell)")

                    // Reading: the category page, the thread page, the post's permanent link.
                    let category = try await browser.get("/en/forum/c/\(record.slug)")
                    #expect(category.status == (reads ? .ok : .notFound), "category page: \(cell)")
                    let thread = try await browser.get("/en/forum/threads/\(record.thread)")
                    #expect(thread.status == (reads ? .ok : .notFound), "thread page: \(cell)")
                    if !reads {
                        let same = thread.text.replacingOccurrences(of: "/forum/threads/\(record.thread)", with: "/forum/threads/999999")
                        #expect(same == unknownThread.text, "thread refusal looks like no thread: \(cell)")
                    }
                    let permalink = try await browser.get("/en/forum/posts/\(record.post)")
                    #expect(reads ? (300..<400).contains(Int(permalink.status.code)) : permalink.status == .notFound, "permalink: \(cell)")
                    #expect(home.text.contains(place.word) == reads, "forum home: \(cell)")

                    // Writing forms: allowed, refused (sign in, 403), or, for a record the reader may
                    // not read, answered exactly as for a record that does not exist (`unknown`):
                    // a 404, or the refusal every record gets from a reader who may never do this.
                    let thread404 = "/forum/threads/999999", post404 = "/forum/posts/999999"
                    for (name, path, unknown, allowed) in [
                        ("reply", "/forum/threads/\(record.thread)/reply", thread404 + "/reply", writes),
                        ("new thread", "/forum/c/\(record.slug)/new", "/forum/c/no-such-room/new", writes),
                        ("flag", "/forum/posts/\(record.post)/flag", post404 + "/flag", writes),
                        ("edit", "/forum/posts/\(record.post)/edit", post404 + "/edit", moderates),
                        ("history", "/forum/posts/\(record.post)/history", post404 + "/history", moderates),
                        ("moderate", "/forum/threads/\(record.thread)/moderate", thread404 + "/moderate", moderates),
                    ] {
                        let response = try await browser.get("/en" + path)
                        if allowed {
                            #expect(response.status == .ok, "\(name): \(cell)")
                        } else if reads {
                            #expect(response.status != .ok && response.status != .notFound, "\(name) refused: \(cell) gave \(response.status.code)")
                        } else {
                            let missing = try await browser.get("/en" + unknown)
                            #expect(response.status != .ok && response.status == missing.status,
                                    "\(name) of an unreadable record as of none: \(cell) gave \(response.status.code), none \(missing.status.code)")
                        }
                    }

                    // Search: the hit and its count, for the category's own word.
                    let search = try await browser.get("/en/search?q=\(place.word)")
                    #expect(search.text.contains("Kestrel \(place.word) thread") == reads, "search hit: \(cell)")
                    #expect(search.text.contains(Catalogs.bundled.plural("forum.search.count", count: 1, .en)) == reads, "search count: \(cell)")

                    // The JSON API answers as to a visitor, whoever asks.
                    let api = try await browser.get("/api/v1/forum/threads/\(record.thread)")
                    #expect(api.status == (Self.apiReaders[place]!.contains(who) ? .ok : .notFound), "API thread: \(cell)")
                    let apiList = try await browser.get("/api/v1/forum/categories/\(record.slug)/threads")
                    #expect(apiList.status == (Self.apiReaders[place]!.contains(who) ? .ok : .notFound), "API threads: \(cell)")
                }
            }
        }
    }
}
