import MultipartKit
import Vapor

/// A `multipart/form-data` body (the forms that carry files) read into the same ``FormBody`` as
/// any other form: its text parts become fields in order, its file parts ``UploadedFile``s.
/// Parsed by MultipartKit, Vapor's own parser.
enum MultipartForm {
    /// The request's form once parsed.
    struct Key: StorageKey { typealias Value = FormBody }

    static func parse(_ body: ByteBuffer, boundary: String) throws -> (fields: QueryParameters, files: [UploadedFile]) {
        var parts: [MultipartPart] = []
        var current = MultipartPart(body: ByteBuffer())
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in current.headers.add(name: name, value: value) }
        parser.onBody = { chunk in current.body.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append(current)
            current = MultipartPart(body: ByteBuffer())
        }
        do {
            try parser.execute(body)
        } catch {
            throw Abort(.badRequest, reason: "multipart")
        }
        var fields: [(name: String, value: String)] = []
        var files: [UploadedFile] = []
        for part in parts {
            guard let name = part.name else { continue }
            if let filename = part.headers.contentDisposition?.filename {
                // A file input left empty still sends a part, with no name and no bytes.
                guard !filename.isEmpty || part.body.readableBytes > 0 else { continue }
                files.append(UploadedFile(field: name, filename: filename, bytes: Array(part.body.readableBytesView)))
            } else {
                fields.append((name, String(buffer: part.body)))
            }
        }
        return (QueryParameters(pairs: fields), files)
    }
}

/// A file sent with a form: its field, the name the sender's computer gave it, its bytes. Neither
/// the name nor any content type the browser claimed says what it is (``FileSignature`` does).
struct UploadedFile: Sendable {
    var field: String
    var filename: String
    var bytes: [UInt8]
}
