import Foundation
import NIOCore
import NIOEmbedded
import NIOPosix
import Testing
@testable import SankofaWeb

/// The SMTP client: against the test server's TLS and AUTH ports (``SMTPTestServer``), and its
/// formats and protocol without a server.
@Suite("E-mail: the SMTP client")
struct SMTPClientTests {
    static func probe(_ client: SMTPClient, _ name: String) async throws -> SMTPTestServer.Delivered {
        let recipient = SMTPTestServer.recipient(name)
        try await client.send(MailMessage(from: SMTPTestServer.from, to: recipient, subject: "Probe", body: "Probe"))
        return try #require(try SMTPTestServer.delivered(to: recipient).first)
    }

    @Test(.enabled(if: SMTPTestServer.running, SMTPTestServer.skipReason), arguments: SMTPAuthMechanism.allCases)
    func startTLSThenAuthentication(mechanism: SMTPAuthMechanism) async throws {
        let client = try SMTPTestServer.client(SMTPTestServer.url("smtp", "SMTP_TEST_STARTTLS_PORT", credentials: SMTPTestServer.credentials)) {
            $0.trustAnyCertificate = true
            $0.authenticationMechanisms = [mechanism]
        }
        let message = try await Self.probe(client, "starttls")
        #expect(message.tls && message.authUser == SMTPTestServer.user && message.authMechanism == mechanism.rawValue)
    }

    @Test(.enabled(if: SMTPTestServer.running, SMTPTestServer.skipReason), arguments: SMTPAuthMechanism.allCases)
    func authenticationWithoutTLSOnLoopback(mechanism: SMTPAuthMechanism) async throws {
        let client = try SMTPTestServer.client(SMTPTestServer.url("smtp", "SMTP_TEST_AUTH_PORT", credentials: SMTPTestServer.credentials)) {
            $0.authenticationMechanisms = [mechanism]
        }
        let message = try await Self.probe(client, "auth")
        #expect(!message.tls && message.authUser == SMTPTestServer.user && message.authMechanism == mechanism.rawValue)
    }

    @Test(.enabled(if: SMTPTestServer.running, SMTPTestServer.skipReason))
    func implicitTLSWithSMTPS() async throws {
        let client = try SMTPTestServer.client(SMTPTestServer.url("smtps", "SMTP_TEST_SMTPS_PORT", credentials: SMTPTestServer.credentials)) { $0.trustAnyCertificate = true }
        let message = try await Self.probe(client, "smtps")
        #expect(message.tls && message.authUser == SMTPTestServer.user && message.authMechanism == "PLAIN")
    }

    @Test(.enabled(if: SMTPTestServer.running, SMTPTestServer.skipReason))
    func refusalsAreTypedErrorsWithTheServersReply() async throws {
        // A wrong password: 535 from the server.
        let wrong = try SMTPTestServer.client(SMTPTestServer.url("smtp", "SMTP_TEST_STARTTLS_PORT", credentials: "\(SMTPTestServer.user):wrong")) { $0.trustAnyCertificate = true }
        let error = try await #require(throws: SMTPError.self) { try await Self.probe(wrong, "wrong") }
        #expect(error.replyCode == 535 && error.isPermanent)
        guard case .rejected(let command, _, let text) = error else { Issue.record("\(error)"); return }
        #expect(command == "AUTH PLAIN" && text.contains("Authentication credentials invalid"))

        // The default verifies the certificate: the test server's is self-signed.
        let verifying = try SMTPTestServer.client(SMTPTestServer.url("smtp", "SMTP_TEST_STARTTLS_PORT", credentials: SMTPTestServer.credentials))
        let tlsError = try await #require(throws: SMTPError.self) { try await Self.probe(verifying, "verify") }
        guard case .tls = tlsError else { Issue.record("expected a TLS error, got \(tlsError)"); return }

        // No credentials in clear text unless allowed (the default allows it for loopback only).
        let cautious = try SMTPTestServer.client(SMTPTestServer.url("smtp", "SMTP_TEST_AUTH_PORT", credentials: SMTPTestServer.credentials)) {
            $0.allowsPlaintextAuthentication = false
        }
        await #expect(throws: SMTPError.insecureAuthentication) { try await Self.probe(cautious, "cautious") }

        // A server without STARTTLS when TLS is required; a server without AUTH when credentials are given.
        let strict = try SMTPTestServer.client(SMTPTestServer.url("smtp", "SMTP_TEST_PORT")) { $0.requireTLS = true }
        await #expect(throws: SMTPError.tlsUnavailable) { try await Self.probe(strict, "strict") }
        let noAuth = try SMTPTestServer.client(SMTPTestServer.url("smtp", "SMTP_TEST_PORT", credentials: SMTPTestServer.credentials))
        await #expect(throws: SMTPError.authenticationUnavailable(offered: [])) { try await Self.probe(noAuth, "noauth") }
    }
}

// MARK: Format and protocol, without a server

extension SMTPClientTests {
    @Test func smtpURLIsParsedWithPercentDecodedCredentials() throws {
        let plain = try SMTPConfiguration(url: "smtp://\(SMTPTestServer.user):\(SMTPTestServer.encodedPassword)@mail.example.org:2525")
        #expect(plain.host == "mail.example.org" && plain.port == 2525 && plain.security == .startTLSWhenOffered)
        #expect(plain.username == SMTPTestServer.user && plain.password == SMTPTestServer.password)
        #expect(!plain.allowsPlaintextAuthentication && !plain.trustAnyCertificate)
        let secure = try SMTPConfiguration(url: "smtps://relay.example.org")
        #expect(secure.port == 465 && secure.security == .implicitTLS && secure.username == nil && secure.password == nil)
        #expect(try SMTPConfiguration(url: "smtp://127.0.0.1").port == 587)
        #expect(try SMTPConfiguration(url: "smtp://localhost:25").allowsPlaintextAuthentication)
        #expect(try SMTPConfiguration(url: "smtp://u%40x@[::1]:25").host == "::1")
        for bad in ["http://mail.example.org", "smtp://", "smtp:///x", "mail.example.org", "smtp://h:25/path", "smtp://h:25?x=1"] {
            #expect(throws: SMTPError.self, "\(bad)") { try SMTPConfiguration(url: bad) }
        }
        #expect(SMTPConfiguration.heloName(for: "127.0.0.1") == "[127.0.0.1]")
        #expect(SMTPConfiguration.heloName(for: "sankofa.example.org") == "sankofa.example.org")
    }

    @Test func headersAreEncodedAndCannotBeInjected() throws {
        let message = MailMessage(from: try MailAddress(parsing: "Centre des Nations unies <no-reply@example.org>"), to: "a@example.org",
                                  subject: "Объявление\r\nBcc: victim@example.org", body: "x",
                                  date: Date(timeIntervalSince1970: 0), messageID: "<id@example.org>")
        let text = message.rendered(allow8Bit: true).text
        let head = String(text[..<text.range(of: "\r\n\r\n")!.lowerBound])
        #expect(head.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        #expect(head.contains("From: Centre des Nations unies <no-reply@example.org>\r\n"))
        #expect(!head.contains("\nBcc:") && head.contains("Subject: =?utf-8?B?"))
        let words = head.components(separatedBy: "\r\n").filter { $0.contains("=?utf-8?B?") }
        let decoded = words.map { line -> String in
            let word = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "Subject: ", with: "")
            #expect(word.count <= 75)
            return String(decoding: Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!, as: UTF8.self)
        }.joined()
        #expect(decoded == "Объявление Bcc: victim@example.org")
        #expect(MailHeader.unstructured("Plain ASCII", nameLength: 9) == "Plain ASCII")
        #expect(try MailAddress(parsing: "Sankofa, UNOCT <x@example.org>").description == "\"Sankofa, UNOCT\" <x@example.org>")
        #expect(try MailAddress(parsing: "مركز <x@example.org>").description.hasPrefix("=?utf-8?B?"))
        for bad in ["a@example.org\r\nRCPT TO:<b@example.org>", "a b@example.org", "<a@example.org>", "nobody", "a@b@c"] {
            #expect(throws: SMTPError.invalidAddress(bad)) { try MailAddress(address: bad) }
        }
    }

    @Test func bodiesUseCRLFDotStuffingAndBase64WithoutEightBitMIME() throws {
        #expect(MailHeader.dotStuffed("a\n.b\r\n..c\r.\nd") == "a\r\n..b\r\n...c\r\n..\r\nd")
        let body = "سطر أول\n.سطر بنقطة\r\nآخر"
        let message = MailMessage(from: SMTPTestServer.from, to: "a@example.org", subject: "s", body: body)
        let eightBit = message.rendered(allow8Bit: true)
        #expect(eightBit.is8Bit && eightBit.text.hasSuffix("\r\n\r\nسطر أول\r\n.سطر بنقطة\r\nآخر\r\n"))
        #expect(eightBit.text.contains("Content-Transfer-Encoding: 8bit\r\n"))
        let sevenBit = message.rendered(allow8Bit: false)
        #expect(!sevenBit.is8Bit && sevenBit.text.contains("Content-Transfer-Encoding: base64\r\n"))
        let encoded = String(sevenBit.text[sevenBit.text.range(of: "\r\n\r\n")!.upperBound...])
        #expect(encoded.split(separator: "\r\n").allSatisfy { $0.count <= 76 })
        let data = try #require(Data(base64Encoded: encoded.replacingOccurrences(of: "\r\n", with: "")))
        #expect(String(decoding: data, as: UTF8.self) == "سطر أول\r\n.سطر بنقطة\r\nآخر")
    }

    @Test func replyDecoderReadsMultilineRepliesAndRejectsGarbage() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(SMTPReplyDecoder()))
        try channel.writeInbound(ByteBuffer(string: "220 ready\r\n250-mail.example.org\r\n250-8BITMIME\r\n"))
        try channel.writeInbound(ByteBuffer(string: "250 AUTH PLAIN LOGIN\n354\r\n"))
        #expect(try channel.readInbound(as: SMTPReply.self) == SMTPReply(code: 220, lines: ["ready"]))
        #expect(try channel.readInbound(as: SMTPReply.self) == SMTPReply(code: 250, lines: ["mail.example.org", "8BITMIME", "AUTH PLAIN LOGIN"]))
        #expect(try channel.readInbound(as: SMTPReply.self) == SMTPReply(code: 354, lines: [""]))
        #expect(throws: SMTPError.self) { try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 400 Bad Request\r\n")) }
        _ = try? channel.finish()
    }

    @Test func aSilentServerTimesOut() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        defer { server.close(promise: nil) }
        var configuration = SMTPConfiguration(host: "127.0.0.1", port: try #require(server.localAddress?.port))
        configuration.replyTimeout = .milliseconds(300)
        let started = Date()
        await #expect(throws: SMTPError.timeout("the greeting")) {
            try await SMTPClient(configuration: configuration).send(MailMessage(from: SMTPTestServer.from, to: "a@example.org", subject: "s", body: "b"))
        }
        // The configured 300 ms, not the default minute: the bound leaves room for a loaded
        // machine (7.6 s once in CI, forty suites at once on two slow cores) and none for 60 s.
        #expect(Date().timeIntervalSince(started) < 30)
    }
}
