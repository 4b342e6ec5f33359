import Vapor

/// A request whose address is not a valid URL (for instance a broken percent-escape such as `%E0%A4%A`)
/// reaches Vapor with its path and query dropped; routing it would answer a page for `/`.
/// Such a request gets a 400 instead: a page, or JSON when the client asked for JSON.
struct MalformedURLMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard !request.url.string.isEmpty else {
            throw ParameterError(name: "query", reason: .encoding)
        }
        return try await next.respond(to: request)
    }
}
