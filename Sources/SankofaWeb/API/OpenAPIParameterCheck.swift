import Vapor

/// Holds every API request's query parameters to what the OpenAPI document declares for its
/// operation (``OpenAPIDocument``): an empty, mistyped, out-of-range or unlisted value is a 400
/// naming the parameter, before any controller reads it, so that the server accepts exactly what
/// the document promises. Parameters the operation does not declare are left to the controller.
struct OpenAPIParameterCheck: AsyncMiddleware {
    let operations: [OpenAPIDocument.Operation]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path.split(separator: "/", omittingEmptySubsequences: true)
        let method = request.method == .HEAD ? "GET" : request.method.rawValue
        guard path.starts(with: ["api", "v1"]),
              let operation = operations.first(where: { $0.method == method && $0.matches(path) })
        else { return try await next.respond(to: request) }
        let query = try QueryParameters(request)
        for parameter in operation.parameters {
            for pair in query.pairs where pair.name == parameter.name {
                switch parameter.schema.problem(pair.value) {
                case .value: throw ParameterError(name: parameter.name, reason: .value, value: pair.value)
                case .range: throw ParameterError(name: parameter.name, reason: .range, value: pair.value)
                case nil: continue
                }
            }
        }
        return try await next.respond(to: request)
    }
}
