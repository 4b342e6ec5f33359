import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

extension CooperationIsolationTests {
    /// An expert may be invited to a request whose visibility does not reach invited experts
    /// (`staff`): they are told of the invitation, but the policy does not let them read the request,
    /// so its title must reach them nowhere: not on its page, the invitation, notifications or mail.
    @Test("An expert invited to a staff-only request is told, never shown the request", arguments: TestEngine.all)
    func invitedToAStaffOnlyRequest(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let world = try await Self.world(app)
            let request = try await Self.request(app, world, Self.staffWord, .staff)
            try await Self.invite(app, world, to: request, "")
            let invited = world.browsers["invited"]!
            try await Self.expectRefused(invited, "/en/requests/\(request)", id: request, "invited")
            #expect(!(try await invited.get("/en/invitations")).text.contains(Self.staffWord), "the invitations list")
            #expect(try await Notifications(database: app.db).unreadCount(for: try world.users["invited"]!.requireID()) == 1, "told once")
            // The invitation's notice and mail name the request only to those who may read it.
            do {
                #expect(!(try await invited.get("/en/notifications")).text.contains(Self.staffWord), "the notifications page")
                let mail = try await TestMail.deliver(app, now: Self.now + 60)
                for message in mail where message.recipient == world.users["invited"]!.email {
                    #expect(!message.deliveredBody.contains(Self.staffWord) && !message.subject.contains(Self.staffWord), "the invitation's mail")
                }
                #expect(mail.contains { $0.recipient == world.users["invited"]!.email }, "the invitation was mailed")
            }
        }
    }
}
