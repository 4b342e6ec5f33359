import Crypto
import SankofaCore
import SankofaStore
import Vapor

/// The files of a new thread's or a reply's form, checked before the post is written: at most
/// ``ForumAttachments/perPost``, each within the size setting (`SANKOFA_ATTACHMENT_MAX_BYTES`) and
/// of a kind its bytes show (``FileSignature``). Any refused file refuses the post, with a page that
/// names the file and why, so nothing is half-posted.
enum ForumUploads {
    /// The name of the forms' file input.
    static let field = "attachments"

    struct Refused: ExplainedRefusal {
        var status: HTTPStatus
        var messageKey: String
        var titleKey: String { "attachment.error.title" }
        var arguments: [String: String]
        var retryAfterSeconds: Int? { nil }
    }

    static func check(_ body: FormBody, maxBytes: Int) throws -> [ForumAttachments.Upload] {
        let files = body.files.filter { $0.field == field }
        guard files.count <= ForumAttachments.perPost else {
            throw Refused(status: .badRequest, messageKey: "attachment.error.tooMany", arguments: ["count": String(ForumAttachments.perPost)])
        }
        return try files.map { file in
            let name = String(file.filename.prefix(200))
            guard file.bytes.count <= maxBytes else {
                throw Refused(status: .payloadTooLarge, messageKey: "attachment.error.tooLarge",
                              arguments: ["name": name, "size": ByteSize.text(maxBytes)])
            }
            guard !file.bytes.isEmpty else { throw Refused(status: .badRequest, messageKey: "attachment.error.empty", arguments: ["name": name]) }
            guard let kind = FileSignature.kind(of: file.bytes) else {
                throw Refused(status: .unsupportedMediaType, messageKey: "attachment.error.type", arguments: ["name": name])
            }
            let digest = SHA256.hash(data: file.bytes).map { String(format: "%02x", $0) }.joined()
            return .init(filename: FileSignature.safeFilename(file.filename, kind: kind), kind: kind, bytes: file.bytes, sha256: digest)
        }
    }

    /// The body limit of a form with files: every file at its largest, and the text around them
    /// (a post's 12 MB at most: a long post in Arabic or Chinese, percent-encoded).
    static func bodyLimit(_ settings: AppSettings) -> Int { settings.attachmentMaxBytes * ForumAttachments.perPost + (12 << 20) }
}

/// Sizes as people read them: 820 KB, 4.2 MB (decimal units, as file managers show them).
enum ByteSize {
    static func text(_ bytes: Int) -> String {
        if bytes < 1_000 { return "\(bytes) B" }
        if bytes < 1_000_000 { return "\(max(1, bytes / 1_000)) KB" }
        let tenths = (bytes + 50_000) / 100_000
        return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
    }
}

extension RoutesBuilder {
    /// A form route that takes files: its body may be as large as ``ForumUploads/bodyLimit(_:)``,
    /// up to which the CSRF middleware collects it (once it knows the session); every other route
    /// keeps the default 1 MB.
    @discardableResult
    func postWithFiles<Content: AsyncResponseEncodable>(
        _ route: SiteURL.Route, use handler: @Sendable @escaping (Request) async throws -> Content
    ) -> Vapor.Route {
        on(.POST, route.pathComponents, use: handler).bodyLimit(.files)
    }
}
