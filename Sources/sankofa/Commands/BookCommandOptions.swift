import SankofaCore

/// What the commands that build books (`sankofa handbook build`, `sankofa report annual`) share:
/// the `--languages` option and the failure that ends a build with files not made.
enum BookCommandOptions {
    /// `--languages`: all (the default) or codes separated by commas, in the order given.
    static func languages(_ text: String?) throws -> [Language] {
        let text = text ?? "all"
        if text == "all" { return Language.displayOrder }
        let parsed = text.split(separator: ",").map { Language(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
        guard !parsed.isEmpty, !parsed.contains(nil) else {
            throw CommandFailure(code: 2, message: "--languages: all, or codes among ar,zh,en,fr,ru,es separated by commas")
        }
        return parsed.compactMap { $0 }
    }

    /// Status 1, the files not built ("ar pdf, en pdf") and each cause once, not once per language:
    /// "WeasyPrint is missing" once, with its install command.
    static func notBuilt(_ failures: [(language: Language, format: String, message: String)]) -> CommandFailure {
        var seen: [String] = []
        for failure in failures where !seen.contains(failure.message) { seen.append(failure.message) }
        let which = failures.map { "\($0.language.rawValue) \($0.format)" }.joined(separator: ", ")
        return CommandFailure(code: 1, message: "Not built: \(which).\n" + seen.joined(separator: "\n"))
    }
}
