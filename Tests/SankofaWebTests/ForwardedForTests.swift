import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Testing
import Vapor
import SankofaTestSupport
@testable import SankofaWeb

@Suite("Trusted proxies and the client's address")
struct ForwardedForTests {
    /// Accounts whose password takes a moment to check (bcrypt cost 4), so that tests can make
    /// many attempts; the password is `TestUsers.password`.
    static func quickAccounts(_ app: Application, _ emails: [String], language: Language = .en,
                              twoFactor: Bool = false) async throws -> [UserModel] {
        let hash = try Passwords.hash(TestUsers.password, cost: 4)
        var users: [UserModel] = []
        for email in emails {
            let user = try await TestUsers.make(app, email, twoFactor: twoFactor)
            user.passwordHash = hash
            user.language = language.rawValue
            try await user.save(on: app.db)
            users.append(user)
        }
        return users
    }

    /// The confirmed attack: wrong passwords on many accounts, each request claiming another
    /// address, over real HTTP from loopback, which is not a trusted proxy. The source's limit
    /// holds, and the audit log and the session record the real peer.
    @Test("ASVS 4.1.3: X-Forwarded-For from a peer that is not a trusted proxy changes nothing", arguments: TestEngine.all)
    func asvs_4_1_3_forwardedForFromAnUntrustedPeerIsIgnored(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let limit = Limits.signInPerSource.hits
            let emails = (0...limit).map { "member\($0)@example.org" }
            _ = try await Self.quickAccounts(app, emails)
            let port = try await PeerBrowser.startServer(app)
            do {
                let browser = PeerBrowser(app, .http(port: port))
                try await browser.get("/en/account/login")
                var statuses: [HTTPStatus] = []
                for (index, email) in emails.enumerated() {
                    browser.forwardedFor = "198.51.100.\(index + 1)"
                    statuses.append(try await browser.post("/en/account/login", ["email": email, "password": "wrong password!"]).status)
                }
                #expect(statuses.prefix(limit).allSatisfy { $0 == .unauthorized })
                #expect(statuses.last == .tooManyRequests)
                let failures = try await AuditLog(database: app.db).entries(action: "login.failure", limit: 500)
                #expect(failures.count == limit && failures.allSatisfy { $0.ip == "127.0.0.1" })
                let ips = try await (app.db as! any SQLDatabase).raw("SELECT ip FROM sessions").all().map { try $0.decode(column: "ip", as: String.self) }
                #expect(!ips.isEmpty && ips.allSatisfy { $0 == "127.0.0.1" })
            } catch {
                await app.server.shutdown()
                throw error
            }
            await app.server.shutdown()
        }
    }

    /// Behind a trusted proxy (loopback here, over real HTTP), the address it forwards for is the
    /// client: the right-most one it did not add itself, not what the client wrote to its left.
    @Test("ASVS 4.1.3: a trusted proxy's forwarded address is the client's", arguments: TestEngine.all)
    func asvs_4_1_3_aTrustedProxysForwardedAddressCounts(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            app.settings.trustedProxies = TrustedProxies("127.0.0.1, ::1")
            _ = try await Self.quickAccounts(app, ["member@example.org"])
            let port = try await PeerBrowser.startServer(app)
            do {
                // The client claimed 6.6.6.6; the proxy appended the address it saw.
                let guesser = PeerBrowser(app, .http(port: port), forwardedFor: "6.6.6.6, 203.0.113.7")
                try await guesser.get("/en/account/login")
                let wrong = ["email": "member@example.org", "password": "wrong password!"]
                for _ in 0..<Limits.signInPerAccountAndSource.hits {
                    #expect(try await guesser.post("/en/account/login", wrong).status == .unauthorized)
                }
                guesser.forwardedFor = "7.7.7.7, 203.0.113.7"
                #expect(try await guesser.post("/en/account/login", wrong).status == .tooManyRequests)
                let failures = try await AuditLog(database: app.db).entries(action: "login.failure")
                #expect(failures.count == Limits.signInPerAccountAndSource.hits && failures.allSatisfy { $0.ip == "203.0.113.7" })

                // Another client behind the same proxy is another source.
                let owner = PeerBrowser(app, .http(port: port), forwardedFor: "2001:db8::1")
                #expect(try await owner.signIn("member@example.org").status == .seeOther)
                let success = try #require(try await AuditLog(database: app.db).entries(action: "login.success").first)
                #expect(success.ip == "2001:db8::1")
            } catch {
                await app.server.shutdown()
                throw error
            }
            await app.server.shutdown()
        }
    }

    @Test("ASVS 4.1.3: SANKOFA_TRUSTED_PROXIES is read as addresses and CIDR ranges; anything else is ignored")
    func asvs_4_1_3_trustedProxiesAreParsedAndHostileEntriesIgnored() throws {
        let hostile = ["garbage", "10.0.0.0/33", "1.2.3.4/-1", "1.2.3.4/ 8", "::/129", "1.2.3.4/8/8", "300.1.1.1", "[::1]",
                       "2001:db8::1%eth0", "1.2.3.4\u{0}", "01.2.3.4/8", "1.2.3.4/٨", "1.2.3", String(repeating: "1", count: 5000)]
        let list = (["10.0.0.0/8", " 2001:db8::/32 ", "192.0.2.7", "::1", "", "172.16.5.4/12"] + hostile).joined(separator: ",")
        let proxies = TrustedProxies(list)
        #expect(proxies.ranges.count == 5)
        #expect(proxies.ignored.count == hostile.count)
        let database = ["DATABASE_URL": "sqlite::memory:"]
        #expect(try AppSettings.fromEnvironment(database.merging(["SANKOFA_TRUSTED_PROXIES": list]) { $1 }).trustedProxies.ranges == proxies.ranges)
        #expect(try AppSettings.fromEnvironment(database).trustedProxies.ranges.isEmpty)

        func address(_ text: String) throws -> IPAddress { try #require(IPAddress(text)) }
        for trusted in ["10.255.1.2", "2001:db8:ffff::1", "::ffff:10.1.2.3", "192.0.2.7", "::1", "172.31.0.1"] {
            #expect(proxies.contains(try address(trusted)), "\(trusted)")
        }
        for untrusted in ["11.0.0.1", "2001:db9::1", "192.0.2.8", "::2", "172.32.0.1", "::a00:1"] {
            #expect(!proxies.contains(try address(untrusted)), "\(untrusted)")
        }

        let proxy = try address("10.0.0.5")
        func client(_ lines: [String], peer: IPAddress? = nil) -> String {
            proxies.client(peer: peer ?? proxy, forwardedFor: lines).description
        }
        // An untrusted peer is the client, whatever it says.
        #expect(client(["203.0.113.9"], peer: try address("198.51.100.1")) == "198.51.100.1")
        #expect(client([]) == "10.0.0.5")
        #expect(client(["6.6.6.6, 203.0.113.9"]) == "203.0.113.9")
        #expect(client(["203.0.113.9, 10.0.0.2"]) == "203.0.113.9")
        #expect(client(["1.1.1.1", "2.2.2.2"]) == "2.2.2.2")
        #expect(client(["garbage, 10.0.0.2"]) == "10.0.0.2")
        #expect(client(["203.0.113.9, unknown"]) == "10.0.0.5")
        #expect(client(["[2001:DB9:0:0:0:0:0:5]:443"]) == "2001:db9::5")
        #expect(client(["198.51.100.4:5555"]) == "198.51.100.4")
        #expect(client(["10.0.0.3, 10.0.0.2"]) == "10.0.0.3")
        #expect(client([String(repeating: "10.0.0.1,", count: 20_000) + "x"]) == "10.0.0.5")

        #expect(try address("2001:db8:1:2:aaaa::1").network(prefix: 64).description == "2001:db8:1:2::")
        #expect(try address("::ffff:192.0.2.1").description == "192.0.2.1")
        #expect(try address("2001:db8:0:0:1:0:0:1").description == "2001:db8::1:0:0:1")
        #expect(try address("0:0:0:0:0:0:0:0").description == "::")
    }
}
