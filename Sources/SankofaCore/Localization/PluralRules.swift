/// CLDR plural categories (https://cldr.unicode.org/index/cldr-spec/plural-rules).
public enum PluralCategory: String, CaseIterable, Codable, Sendable {
    case zero, one, two, few, many, other
}

/// CLDR cardinal plural rules for whole numbers in the six languages.
public enum PluralRules {
    /// The categories a catalog entry must provide in `language`.
    public static func categories(for language: Language) -> Set<PluralCategory> {
        switch language {
        case .ar: [.zero, .one, .two, .few, .many, .other]
        case .ru: [.one, .few, .many, .other]
        case .fr, .es: [.one, .many, .other]
        case .en: [.one, .other]
        case .zh: [.other]
        }
    }

    public static func category(for count: Int, in language: Language) -> PluralCategory {
        let n = abs(count)
        switch language {
        case .zh:
            return .other
        case .en:
            return n == 1 ? .one : .other
        case .fr:
            if n == 0 || n == 1 { return .one }
            return n % 1_000_000 == 0 ? .many : .other
        case .es:
            if n == 1 { return .one }
            return n != 0 && n % 1_000_000 == 0 ? .many : .other
        case .ru:
            let mod10 = n % 10, mod100 = n % 100
            if mod10 == 1 && mod100 != 11 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .many
        case .ar:
            let mod100 = n % 100
            switch n {
            case 0: return .zero
            case 1: return .one
            case 2: return .two
            default:
                if (3...10).contains(mod100) { return .few }
                if (11...99).contains(mod100) { return .many }
                return .other
            }
        }
    }
}
