import Vapor

/// The JSON body of every API error: `{"error": {"status", "message", "parameter"?}}`.
struct APIError: Content {
    struct Body: Content {
        var status: Int
        var message: String
        var parameter: String?
    }

    var error: Body

    static func response(status: HTTPStatus, parameter: String?, message: String, request: Request) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(APIError(error: .init(status: Int(status.code), message: message, parameter: parameter)))
        return response
    }
}
