/// `editorial/translate.leaf`: a record's fields in its original language, each beside its field
/// in the language it is being translated into (practices, centres and courses alike).
struct TranslationEditor: Encodable, Sendable {
    struct Row: Encodable, Sendable { var field: FormField; var original: String }
    /// A language of the record: the one being translated into is the current page; one
    /// with a text already says so in words, not by colour alone.
    struct LanguageChip: Encodable, Sendable { var href: String; var name: String; var lang: String; var isTarget: Bool; var status: String? }
    var heading: String
    /// The record being translated, by its name in the original language.
    var recordTitle: String
    /// The name of the list of the record's languages, for screen readers.
    var languagesLabel: String
    var originalLang: String
    var originalDir: String
    var targetLang: String
    var rows: [Row]
    var languages: [LanguageChip]
    var action: String
    var message: String?
    /// The record's page, to see the translation in place.
    var viewHref: String?
    var viewLabel: String?
}
