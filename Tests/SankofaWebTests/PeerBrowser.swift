import Foundation
import NIOCore
import SankofaTestSupport
import Vapor

/// A browser whose requests have a TCP peer, as a real connection's do (VaporTesting's in-memory
/// requests have none): either a chosen address, handed to the responder as NIO would, or real
/// HTTP to the application's server on loopback. Keeps the session cookie and the CSRF token as
/// `Browser` does, and may send `X-Forwarded-For`.
final class PeerBrowser: @unchecked Sendable {
    enum Transport {
        case peer(String)
        /// The application's server, started by `startServer`, on this port.
        case http(port: Int)
    }

    struct Page {
        var status: HTTPStatus
        var headers: HTTPHeaders
        var text: String
    }

    let app: Application
    var transport: Transport
    var forwardedFor: String?
    var cookie: String?
    var csrf: String?

    init(_ app: Application, _ transport: Transport, forwardedFor: String? = nil) {
        self.app = app
        self.transport = transport
        self.forwardedFor = forwardedFor
    }

    /// Starts the application's HTTP server on a free loopback port; stop it with `app.server.shutdown()`.
    static func startServer(_ app: Application) async throws -> Int {
        app.http.client.configuration.redirectConfiguration = .disallow
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        return app.http.server.shared.localAddress!.port!
    }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        try await send(.GET, path, body: nil)
    }

    @discardableResult
    func post(_ path: String, _ form: [String: String]) async throws -> Page {
        try await send(.POST, path, body: QueryParametersEncoding.encode(form.merging(["csrf": csrf ?? ""]) { $1 }))
    }

    /// Signs in through the login form (accounts without a second factor).
    @discardableResult
    func signIn(_ email: String, _ password: String = TestUsers.password) async throws -> Page {
        try await get("/en/account/login")
        return try await post("/en/account/login", ["email": email, "password": password])
    }

    private func send(_ method: HTTPMethod, _ path: String, body: String?) async throws -> Page {
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: cookie) }
        if let forwardedFor { headers.add(name: .xForwardedFor, value: forwardedFor) }
        if let body {
            headers.add(name: .origin, value: "http://127.0.0.1:8080")
            headers.contentType = .urlEncodedForm
            headers.replaceOrAdd(name: .contentLength, value: String(body.utf8.count))
        }
        let page: Page
        switch transport {
        case .peer(let address):
            try await app.asyncBoot()
            let request = Request(application: app, method: method, url: URI(string: path), headers: headers,
                                  collectedBody: body.map { ByteBuffer(string: $0) },
                                  remoteAddress: try SocketAddress(ipAddress: address, port: 50_000), logger: app.logger,
                                  on: app.eventLoopGroup.next())
            let response = try await app.responder.respond(to: request).get()
            let bytes = try await response.body.collect(on: request.eventLoop).get()
            page = Page(status: response.status, headers: response.headers, text: bytes.map { String(buffer: $0) } ?? "")
        case .http(let port):
            let response = try await app.client.send(method, headers: headers, to: URI(string: "http://127.0.0.1:\(port)\(path)")) { request in
                if let body { request.body = ByteBuffer(string: body) }
            }
            page = Page(status: response.status, headers: response.headers, text: response.body.map { String(buffer: $0) } ?? "")
        }
        remember(page)
        return page
    }

    private func remember(_ page: Page) {
        for header in page.headers[.setCookie] {
            let pair = header.split(separator: ";")[0]
            cookie = pair.hasSuffix("=") ? nil : String(pair)
        }
        if let range = page.text.range(of: "name=\"csrf\" value=\"") {
            let rest = page.text[range.upperBound...]
            csrf = rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
    }
}
