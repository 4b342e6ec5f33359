import Vapor

/// A posted form (`application/x-www-form-urlencoded`), read one way for every form of the site:
/// names in order, repeated names kept (`themes=youth&themes=gender`), invalid percent-encoding a
/// 400. Forms build themselves from it (`FormInput`) instead of each decoding the body its own way.
/// A form that carries files (`multipart/form-data`: a forum post's attachments) gives the same
/// fields, and its files in `files`.
struct FormBody: Sendable {
    let fields: QueryParameters
    var files: [UploadedFile] = []

    init(_ request: Request) throws {
        if let type = request.headers.contentType, type.type == "multipart", type.subType == "form-data" {
            // Read once a request (the CSRF check, the form and its files all ask): files are large.
            if let parsed = request.storage[MultipartForm.Key.self] {
                self = parsed
                return
            }
            guard let boundary = type.parameters["boundary"] else { throw Abort(.badRequest, reason: "multipart") }
            (fields, files) = try MultipartForm.parse(request.body.data ?? ByteBuffer(), boundary: boundary)
            request.storage[MultipartForm.Key.self] = self
        } else {
            fields = try QueryParameters(rawQuery: request.body.string)
        }
    }

    init(fields: QueryParameters) { self.fields = fields }

    /// The first value of `name`, or "" when absent.
    func text(_ name: String) -> String { fields.first(name) ?? "" }

    /// Every non-empty value of `name`, in order.
    func values(_ name: String) -> [String] { fields.values(name) }

    /// Whether `name` was sent at all (a checked box, a pressed button), even empty.
    func has(_ name: String) -> Bool { fields.pairs.contains { $0.name == name } }
}

/// A form that reads itself from a posted body.
protocol FormInput: Sendable {
    init(_ body: FormBody)
}

extension Request {
    /// The posted form as `Input`; a body that is not a form gives the empty form.
    func form<Input: FormInput>(_ type: Input.Type = Input.self) throws -> Input {
        Input(try FormBody(self))
    }
}
