import Foundation
import Testing
import Vapor
@testable import SankofaWeb

/// The loopback SMTP servers of `scripts/lib/smtp-server.py` (aiosmtpd), which `scripts/test`
/// starts and announces with `SMTP_TEST_PORT` & co and `SMTP_TEST_DIR`, where it writes what
/// arrives: NAME.eml and NAME.json (the message as Python's `email` package reads it). Tests that
/// need them are skipped without them (`scripts/test --swift`).
enum SMTPTestServer {
    static let environment = ProcessInfo.processInfo.environment
    static let running = environment["SMTP_TEST_PORT"] != nil && environment["SMTP_TEST_DIR"] != nil
    static let skipReason: Comment = "SMTP_TEST_PORT is not set: scripts/test starts the SMTP test server"
    /// smtp-server.py's credentials: the password needs percent-encoding in a URL.
    static let user = "sankofa", password = "pässword:/@ 1", encodedPassword = "p%C3%A4ssword%3A%2F%40%201"
    static let credentials = "\(user):\(encodedPassword)"

    static let from = try! MailAddress(name: "Sankofa", address: "no-reply@sankofa.example.org")

    static func port(_ name: String) -> Int { Int(environment[name] ?? "") ?? 0 }
    static func url(_ scheme: String = "smtp", _ portVariable: String, credentials: String? = nil) -> String {
        "\(scheme)://\(credentials.map { $0 + "@" } ?? "")127.0.0.1:\(port(portVariable))"
    }
    static func client(_ url: String, _ adjust: (inout SMTPConfiguration) -> Void = { _ in }) throws -> SMTPClient {
        var configuration = try SMTPConfiguration(url: url)
        configuration.replyTimeout = .seconds(20)
        adjust(&configuration)
        return SMTPClient(configuration: configuration)
    }
    static func recipient(_ name: String) -> String { "\(name).\(UUID().uuidString.prefix(8).lowercased())@example.org" }

    /// What the test server received for `recipient` (it has written it before answering 250).
    struct Delivered: Decodable {
        var mailFrom: String
        var rcptTos: [String]
        var mailOptions: [String]
        var authUser: String?
        var authMechanism: String?
        var tls: Bool
        var headers: [String: String]
        var contentType: String
        var charset: String?
        var transferEncoding: String
        var body: String?
        var defects: [String]
        var text: String { (body ?? "").replacingOccurrences(of: "\r\n", with: "\n") }
    }

    static func delivered(to recipient: String) throws -> [Delivered] {
        let folder = URL(fileURLWithPath: environment["SMTP_TEST_DIR"] ?? "/nonexistent")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .map { try decoder.decode(Delivered.self, from: Data(contentsOf: $0)) }
            .filter { $0.rcptTos.contains(recipient) }
    }

    static func sender(_ app: Application, _ url: String, batchSize: Int = 50, sendWindow: TimeInterval = 300) throws -> MailSender {
        MailSender(client: try client(url), from: from, database: { app.db }, batchSize: batchSize, sendWindow: sendWindow, logger: app.logger)
    }
}
