import Foundation

/// The six official UN languages: the interface and the content exist in each.
public enum Language: String, CaseIterable, Codable, Sendable, Comparable {
    case ar, zh, en, fr, ru, es

    /// Display order used by the language switcher: UN order (alphabetical in English).
    public static let displayOrder: [Language] = [.ar, .zh, .en, .fr, .ru, .es]

    public var isRightToLeft: Bool { self == .ar }
    public var direction: String { isRightToLeft ? "rtl" : "ltr" }
    public var locale: Locale { Locale(identifier: rawValue) }

    /// The language's own name, so a reader finds it in the switcher whatever the page's language.
    public var nativeName: String {
        switch self {
        case .ar: "العربية"
        case .zh: "中文"
        case .en: "English"
        case .fr: "Français"
        case .ru: "Русский"
        case .es: "Español"
        }
    }

    /// The language's name in another language, from CLDR.
    public func name(in language: Language) -> String {
        Self.name(of: rawValue, in: language)
    }

    /// Any language's name (an ISO 639 code: one of the six or another working language such as
    /// Swahili) in one of the six, from CLDR; the code itself when CLDR has no name for it.
    public static func name(of code: String, in language: Language) -> String {
        language.locale.localizedString(forLanguageCode: code) ?? code
    }

    public static func < (lhs: Language, rhs: Language) -> Bool {
        displayOrder.firstIndex(of: lhs)! < displayOrder.firstIndex(of: rhs)!
    }
}
