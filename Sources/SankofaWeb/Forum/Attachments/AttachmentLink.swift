import SankofaCore
import SankofaStore
import Vapor

/// A file of a post as its thread page lists it (`forum/attachment-list`): its name, linked to the
/// download, with its type and size.
struct AttachmentLink: Encodable, Sendable {
    var href: String
    var name: String
    var details: String

    init(_ file: ForumAttachments.Summary, _ request: Request, _ language: Language) {
        href = SiteURL.forumAttachment(language, id: file.id, filename: file.filename).path
        name = file.filename
        let type = FileKind.allCases.first { $0.contentType == file.contentType }?.fileExtension.uppercased() ?? file.contentType
        details = request.t("attachment.list.item", language, ["type": type, "size": ByteSize.text(file.size)])
    }
}
