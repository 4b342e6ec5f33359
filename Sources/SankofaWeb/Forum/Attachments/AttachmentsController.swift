import SankofaCore
import SankofaStore
import Vapor

/// Downloads of forum attachments, under the same rules as their post: whoever may read the post
/// (and, when a moderator hid it, whoever may read hidden posts), else a 404 that tells nothing.
/// Always a download (`Content-Disposition: attachment`), with the type the bytes showed, never
/// sniffed by the browser and sandboxed should it be opened anyway: a file cannot run as a page of
/// this site. Never kept by shared caches, which could hand a group's file to someone else.
struct AttachmentsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.forumAttachment, use: download)
    }

    func download(_ request: Request) async throws -> Response {
        _ = try request.language()
        guard let id = request.parameters.get("attachment").flatMap(Int.init),
              let file = try await ForumAttachments(database: request.db).file(id),
              let post = try await ForumLookup(database: request.db).post(file.summary.postID)
        else { throw Abort(.notFound) }
        let reader = try await request.forumReader()
        let thread = post.thread, inGroup = reader.inGroup(thread.groupID)
        guard AccessPolicy.allows(request.actor, .forum(.read(thread.visibility, inGroup: inGroup))),
              !post.hidden || AccessPolicy.allows(request.actor, .forum(.readHiddenPost(thread.visibility, inGroup: inGroup,
                                                                                         authorID: post.authorID?.uuidString)))
        else { throw Abort(.notFound) }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: file.summary.contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: Self.disposition(file.summary.filename))
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "sandbox; default-src 'none'")
        headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=0, must-revalidate")
        headers.replaceOrAdd(name: .eTag, value: "\"\(file.sha256)\"")
        return Response(status: .ok, headers: headers, body: .init(data: file.data))
    }

    /// The file's name as the last segment of its link, percent-encoded (the name is only for the
    /// reader's eyes and their browser's "save as"; the id finds the file).
    static func pathSegment(_ name: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "file"
    }

    /// `attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded` (RFC 6266, 8187):
    /// the name as written, in any script, for browsers, and a plain one for the rest.
    static func disposition(_ name: String) -> String {
        let encoded = pathSegment(name)
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 32 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
