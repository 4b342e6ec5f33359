import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// An SMTP client on SwiftNIO (RFC 5321): EHLO, STARTTLS when offered (or TLS from the start for
/// `smtps://`), AUTH PLAIN or LOGIN when the configuration has credentials, then MAIL FROM,
/// RCPT TO and DATA for each message, and QUIT. Every reply is awaited with a timeout; a refusal
/// is `SMTPError.rejected` with the server's code and text.
///
///     let client = SMTPClient(configuration: try SMTPConfiguration(url: "smtp://user:pass@mail.example.org"))
///     try await client.send(MailMessage(from: sender, to: "a@example.org", subject: "…", body: "…"))
///
/// `withSession` sends several messages over one connection.
public struct SMTPClient: Sendable {
    public var configuration: SMTPConfiguration
    let group: any EventLoopGroup
    let logger: Logger

    public init(configuration: SMTPConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "sankofa.smtp")) {
        self.configuration = configuration
        self.group = eventLoopGroup
        self.logger = logger
    }

    /// Sends one message over a connection of its own.
    public func send(_ message: MailMessage) async throws {
        try await withSession { try await $0.send(message) }
    }

    /// Connects, greets, secures and authenticates, runs `body`, then says QUIT and closes.
    public func withSession<T: Sendable>(_ body: (SMTPSession) async throws -> T) async throws -> T {
        let configuration = self.configuration
        let tlsContext = try makeTLSContext()
        let implicitTLS = configuration.security == .implicitTLS
        let channel: NIOAsyncChannel<SMTPReply, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(configuration.connectTimeout)
                .channelOption(.socketOption(.so_keepalive), value: 1)
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if implicitTLS {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: tlsContext, serverHostname: configuration.serverNameIndication))
                        }
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch ChannelError.connectTimeout {
            throw SMTPError.timeout("the connection to \(configuration.host):\(configuration.port)")
        } catch {
            throw SMTPError.connectionFailed(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
        return try await channel.executeThenClose { inbound, outbound in
            let session = SMTPSession(channel: channel.channel, replies: inbound.makeAsyncIterator(), outbound: outbound,
                                      configuration: configuration, tlsContext: tlsContext, encrypted: implicitTLS, logger: logger)
            try await session.open()
            let result = try await body(session)
            await session.quit()
            return result
        }
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if configuration.trustAnyCertificate { tls.certificateVerification = .none }
        do { return try NIOSSLContext(configuration: tls) } catch { throw SMTPError.tls("\(error)") }
    }
}

/// One connection to the server, used inside `SMTPClient.withSession`.
public final class SMTPSession {
    let channel: any Channel
    var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let configuration: SMTPConfiguration
    let tlsContext: NIOSSLContext
    let logger: Logger
    /// EHLO keywords (upper case) and their parameters, e.g. `AUTH` → `PLAIN LOGIN`.
    public internal(set) var capabilities: [String: String] = [:]
    public internal(set) var isEncrypted: Bool
    /// False once the connection broke or timed out: nothing more can be sent on it.
    public internal(set) var isUsable = true

    init(channel: any Channel, replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
         configuration: SMTPConfiguration, tlsContext: NIOSSLContext, encrypted: Bool, logger: Logger) {
        self.channel = channel
        self.replies = replies
        self.outbound = outbound
        self.configuration = configuration
        self.tlsContext = tlsContext
        self.isEncrypted = encrypted
        self.logger = logger
    }

    /// Sends one message. A refusal (`SMTPError.rejected`) resets the transaction, so the session
    /// stays usable for the next message.
    public func send(_ message: MailMessage) async throws {
        guard isUsable else { throw SMTPError.connectionClosed("an earlier failure") }
        guard MailAddress.isValid(message.to) else { throw SMTPError.invalidAddress(message.to) }
        let utf8 = !message.from.isASCII || !message.to.utf8.allSatisfy { $0 < 0x80 }
        if utf8 && capabilities["SMTPUTF8"] == nil { throw SMTPError.smtpUTF8Unavailable }
        let (text, is8Bit) = message.rendered(allow8Bit: capabilities["8BITMIME"] != nil)
        let parameters = (is8Bit ? " BODY=8BITMIME" : "") + (utf8 ? " SMTPUTF8" : "")
        do {
            try await command("MAIL FROM:<\(message.from.address)>\(parameters)", expect: 250)
            try await command("RCPT TO:<\(message.to)>", expect: 250, 251)
            try await command("DATA", expect: 354)
            try await write(MailHeader.dotStuffed(text) + ".\r\n")
            try await expect(reply("the reply to the message"), "DATA", 250)
        } catch let error as SMTPError where isUsable {
            do { try await command("RSET", expect: 250) } catch { isUsable = false }
            throw error
        }
    }

    /// The greeting, EHLO, STARTTLS and AUTH.
    func open() async throws {
        try expect(await reply("the greeting"), "connection", 220)
        try await hello()
        if !isEncrypted {
            if capabilities["STARTTLS"] != nil {
                try await command("STARTTLS", expect: 220)
                let context = tlsContext, name = configuration.serverNameIndication, channel = channel
                try await channel.eventLoop.submit {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: name), position: .first)
                }.get()
                isEncrypted = true
                try await hello()
            } else if configuration.requireTLS {
                throw SMTPError.tlsUnavailable
            }
        }
        if let username = configuration.username {
            try await authenticate(username: username, password: configuration.password ?? "")
        }
    }

    func quit() async {
        guard isUsable else { return }
        _ = try? await command("QUIT", expect: 221)
    }
}
