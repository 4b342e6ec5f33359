import Leaf
import SankofaCore

/// `#t("key")`: an interface string in the page's language (the context's top-level `lang`).
/// Its output is escaped like any `#(...)`, so catalogs hold plain text only.
struct TranslateTag: LeafTag {
    let catalogs: Catalogs

    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else {
            throw TemplateError(message: "#t() needs a catalog key")
        }
        let language = ctx.data["lang"]?.string.flatMap(Language.init(rawValue:)) ?? .en
        return .string(catalogs.text(key, language))
    }
}

struct TemplateError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
