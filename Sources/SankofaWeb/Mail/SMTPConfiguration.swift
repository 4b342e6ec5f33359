import Foundation
import NIOCore

/// Where and how to deliver mail, usually read from `SMTP_URL`:
/// `smtp://USER:PASSWORD@HOST:PORT` (STARTTLS whenever the server offers it; port 587 by default)
/// or `smtps://USER:PASSWORD@HOST:PORT` (TLS from the first byte; port 465 by default).
/// User and password are percent-decoded, so `p%40ss` is `p@ss`.
public struct SMTPConfiguration: Sendable {
    public enum Security: Sendable, Equatable {
        /// Plain connection, upgraded by STARTTLS when the server offers it.
        case startTLSWhenOffered
        /// TLS from the start (`smtps://`).
        case implicitTLS
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// Refuse to send when the server does not offer STARTTLS (no downgrade to clear text).
    public var requireTLS = false
    /// Accept any server certificate. Tests only: the default verifies the chain and the host name.
    public var trustAnyCertificate = false
    /// Send credentials over an unencrypted connection. By default only to a loopback address,
    /// where they do not leave the machine (a local relay).
    public var allowsPlaintextAuthentication: Bool
    /// Mechanisms in order of preference; the first one the server offers is used.
    public var authenticationMechanisms: [SMTPAuthMechanism] = [.plain, .login]
    /// The name given in EHLO: this machine's public name (a bare IP address is bracketed).
    public var heloName = "localhost"
    public var connectTimeout: TimeAmount = .seconds(10)
    /// How long to wait for each reply of the server.
    public var replyTimeout: TimeAmount = .seconds(60)

    public init(host: String, port: Int, security: Security = .startTLSWhenOffered, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        allowsPlaintextAuthentication = Self.isLoopback(host)
    }

    /// Reads `smtp://…` or `smtps://…`; anything else is `SMTPError.invalidURL`.
    public init(url: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let rawHost = components.percentEncodedHost, !rawHost.isEmpty
        else { throw SMTPError.invalidURL("not a URL with a host") }
        let security: Security
        switch scheme {
        case "smtp": security = .startTLSWhenOffered
        case "smtps": security = .implicitTLS
        default: throw SMTPError.invalidURL("the scheme must be smtp or smtps, not \(scheme)")
        }
        guard components.percentEncodedPath.isEmpty || components.percentEncodedPath == "/", components.query == nil else {
            throw SMTPError.invalidURL("unexpected path or query")
        }
        if let port = components.port, !(1...65535).contains(port) { throw SMTPError.invalidURL("bad port") }
        var host = rawHost.removingPercentEncoding ?? rawHost
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        func decoded(_ part: String?) throws -> String? {
            guard let part, !part.isEmpty else { return nil }
            guard let value = part.removingPercentEncoding else { throw SMTPError.invalidURL("bad percent-encoding in the credentials") }
            return value
        }
        let username = try decoded(components.percentEncodedUser)
        let password = try decoded(components.percentEncodedPassword)
        if password != nil && username == nil { throw SMTPError.invalidURL("a password without a user") }
        self.init(host: host, port: components.port ?? (security == .implicitTLS ? 465 : 587), security: security,
                  username: username, password: username == nil ? nil : (password ?? ""))
    }

    /// The EHLO argument for a host name or address (RFC 5321 §4.1.3: address literals in brackets).
    public static func heloName(for host: String) -> String {
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        if bare.contains(":") { return "[IPv6:\(bare)]" }
        if !bare.isEmpty, bare.allSatisfy({ $0.isNumber || $0 == "." }) { return "[\(bare)]" }
        return bare.isEmpty ? "localhost" : bare
    }

    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        return host == "localhost" || host.hasPrefix("127.") || host == "::1"
    }

    /// Host names only: TLS server name indication takes no IP address.
    var serverNameIndication: String? {
        host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : host
    }
}

public enum SMTPAuthMechanism: String, Sendable, CaseIterable {
    case plain = "PLAIN"
    case login = "LOGIN"
}

/// Everything that can go wrong while sending; `rejected` carries the server's own reply.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidURL(String)
    case invalidAddress(String)
    case connectionFailed(host: String, port: Int, reason: String)
    /// No reply (or no connection) in time; the stage names what was waited for.
    case timeout(String)
    case connectionClosed(String)
    case tls(String)
    /// `requireTLS` is set and the server offers no STARTTLS.
    case tlsUnavailable
    /// Credentials would travel in clear text to a host that is not loopback.
    case insecureAuthentication
    case authenticationUnavailable(offered: [String])
    /// A non-ASCII address and a server without SMTPUTF8.
    case smtpUTF8Unavailable
    case malformedReply(String)
    /// The server answered `code` to `command`.
    case rejected(command: String, code: Int, text: String)

    public var replyCode: Int? {
        if case .rejected(_, let code, _) = self { return code }
        return nil
    }

    /// A 5xx reply: sending the same message again will fail again.
    public var isPermanent: Bool { (replyCode ?? 0) >= 500 }

    public var description: String {
        switch self {
        case .invalidURL(let reason): "invalid SMTP_URL: \(reason)"
        case .invalidAddress(let address): "invalid e-mail address: \(address.debugDescription)"
        case .connectionFailed(let host, let port, let reason): "cannot connect to \(host):\(port): \(reason)"
        case .timeout(let stage): "timed out waiting for \(stage)"
        case .connectionClosed(let stage): "connection closed by the server during \(stage)"
        case .tls(let reason): "TLS failed: \(reason)"
        case .tlsUnavailable: "the server offers no STARTTLS and TLS is required"
        case .insecureAuthentication: "refusing to send credentials over an unencrypted connection"
        case .authenticationUnavailable(let offered): "no usable AUTH mechanism (server offers: \(offered.joined(separator: " ")))"
        case .smtpUTF8Unavailable: "the address needs SMTPUTF8, which the server does not offer"
        case .malformedReply(let reason): "malformed SMTP reply: \(reason)"
        case .rejected(let command, let code, let text): "\(command) rejected: \(code) \(text)"
        }
    }
}
