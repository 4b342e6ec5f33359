import FluentKit
import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import SQLKit
import Testing

/// What scripts/chaos found under its write load, kept from coming back.
@Suite("Chaos findings")
struct ChaosFindingsTests {
    /// One account's first forum posts sent at the same moment (two browser tabs): each makes the
    /// member's row if it is missing. On PostgreSQL the second insert collided on the handle's
    /// unique key, which `ON CONFLICT (user_id)` does not cover, and the post failed with a 500.
    @Test(arguments: TestEngine.all)
    func simultaneousFirstVisitsOfOneMemberMakeOneRow(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            for round in 0..<5 {
                let user = UserModel()
                user.email = "poster\(round)@example.org"
                user.name = "Chaos Poster"
                user.country = "SN"
                user.organisation = "Sankofa"
                user.organisationType = "government"
                user.position = "Officer"
                user.motivation = "Testing"
                user.language = "en"
                user.status = AccountStatus.active.rawValue
                user.roles = [Role.member.rawValue]
                user.passwordHash = "x"
                try await user.save(on: db)
                let id = try user.requireID()
                let members = try await withThrowingTaskGroup(of: ForumMembers.Member.self) { group in
                    for _ in 0..<8 { group.addTask { try await ForumMembers(database: db).ensure(id, name: "Chaos Poster", now: 1) } }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(members.count == 8)
                #expect(Set(members.map(\.handle)).count == 1, "one member, one handle")
            }
            // Five accounts of the same name: five handles, none taken twice.
            let handles = try await (db as! any SQLDatabase).raw("SELECT handle FROM forum_members").all()
                .map { try $0.decode(column: "handle", as: String.self) }
            #expect(handles.count == 5 && Set(handles).count == 5)
        }
    }
}
