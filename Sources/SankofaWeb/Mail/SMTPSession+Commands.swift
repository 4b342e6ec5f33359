import Foundation
import Logging
import NIOCore
import NIOSSL

extension SMTPSession {
    /// EHLO, or HELO for a server that does not know EHLO; records the extensions offered.
    func hello() async throws {
        let name = configuration.heloName
        let reply = try await exchange("EHLO \(name)")
        if reply.code == 250 {
            var capabilities: [String: String] = [:]
            for line in reply.lines.dropFirst() {
                let parts = line.split(separator: " ", maxSplits: 1)
                guard let keyword = parts.first else { continue }
                capabilities[keyword.uppercased()] = parts.count > 1 ? String(parts[1]) : ""
            }
            self.capabilities = capabilities
        } else if (500...504).contains(reply.code) {
            try await command("HELO \(name)", expect: 250)
            capabilities = [:]
        } else {
            throw SMTPError.rejected(command: "EHLO", code: reply.code, text: reply.text)
        }
    }

    /// AUTH with the first configured mechanism that the server offers; never in clear text to a
    /// host that is not loopback (unless explicitly allowed).
    func authenticate(username: String, password: String) async throws {
        guard isEncrypted || configuration.allowsPlaintextAuthentication else { throw SMTPError.insecureAuthentication }
        let offered = (capabilities["AUTH"] ?? "").uppercased().split(separator: " ").map(String.init)
        guard let mechanism = configuration.authenticationMechanisms.first(where: { offered.contains($0.rawValue) }) else {
            throw SMTPError.authenticationUnavailable(offered: offered)
        }
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        switch mechanism {
        case .plain:
            try await command("AUTH PLAIN " + base64("\0\(username)\0\(password)"), expect: 235, shownAs: "AUTH PLAIN")
        case .login:
            try await command("AUTH LOGIN", expect: 334)
            try await command(base64(username), expect: 334, shownAs: "AUTH LOGIN (user name)")
            try await command(base64(password), expect: 235, shownAs: "AUTH LOGIN (password)")
        }
    }

    /// Writes one command line and waits for its reply, which must have one of `codes`.
    @discardableResult
    func command(_ line: String, expect codes: Int..., shownAs name: String? = nil) async throws -> SMTPReply {
        let reply = try await exchange(line, shownAs: name)
        return try expect(reply, name ?? String(line.prefix { $0 != " " && $0 != ":" }).uppercased(), codes)
    }

    /// Writes one command line and returns its reply, whatever its code.
    func exchange(_ line: String, shownAs name: String? = nil) async throws -> SMTPReply {
        guard !line.contains("\r") && !line.contains("\n") else { throw SMTPError.invalidAddress(line) }
        // A command given a name is logged by that name only (credentials stay out of the logs).
        logger.trace("SMTP >>> \(name ?? line)")
        try await write(line + "\r\n")
        return try await reply("the reply to \(name ?? String(line.prefix { $0 != " " && $0 != ":" }).uppercased())")
    }

    @discardableResult
    func expect(_ reply: SMTPReply, _ name: String, _ codes: Int...) throws -> SMTPReply {
        try expect(reply, name, codes)
    }

    @discardableResult
    func expect(_ reply: SMTPReply, _ name: String, _ codes: [Int]) throws -> SMTPReply {
        guard codes.contains(reply.code) else { throw SMTPError.rejected(command: name, code: reply.code, text: reply.text) }
        return reply
    }

    func write(_ text: String) async throws {
        do {
            try await outbound.write(ByteBuffer(string: text))
        } catch {
            // The connection has gone; its reason (a failed TLS handshake, say) waits in the inbound stream.
            isUsable = false
            _ = try await reply("a write (\(error))")
            throw SMTPError.connectionClosed("a write (\(error))")
        }
    }

    /// The next reply, or a typed error: the timeout, the close, or the TLS failure behind them.
    func reply(_ stage: String) async throws -> SMTPReply {
        let channel = self.channel
        let timer = channel.eventLoop.scheduleTask(in: configuration.replyTimeout) {
            channel.pipeline.fireErrorCaught(SMTPError.timeout(stage))
        }
        defer { timer.cancel() }
        do {
            guard let reply = try await replies.next() else {
                isUsable = false
                throw SMTPError.connectionClosed(stage)
            }
            logger.trace("SMTP <<< \(reply.code) \(reply.text)")
            return reply
        } catch let error as SMTPError {
            isUsable = false
            throw error
        } catch let error as NIOSSLError {
            isUsable = false
            throw SMTPError.tls("\(error)")
        } catch let error as BoringSSLError {
            isUsable = false
            throw SMTPError.tls("\(error)")
        } catch {
            isUsable = false
            throw SMTPError.connectionClosed("\(stage) (\(error))")
        }
    }
}
