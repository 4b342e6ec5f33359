import SankofaCore
import SankofaStore
import Vapor

/// The file input of the new-thread and reply forms (`forum/attachment-field`): its presence makes
/// the form send `multipart/form-data`. `accept` only helps the browser's file picker; the bytes
/// decide (``ForumUploads``).
struct AttachmentField: Encodable, Sendable {
    var name = ForumUploads.field
    var label: String
    var hint: String
    var accept = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.gif,.webp"

    init(_ request: Request, _ language: Language) {
        label = request.t("attachment.field.label", language)
        hint = request.t("attachment.field.hint", language, ["count": String(ForumAttachments.perPost),
                                                              "size": ByteSize.text(request.application.settings.attachmentMaxBytes)])
    }
}
