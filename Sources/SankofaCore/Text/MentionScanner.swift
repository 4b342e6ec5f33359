/// `@handle` in one text node of a post's tree (cmark has already set code and links apart): the
/// "@" at the start or after a character that cannot be part of a handle (so `amina@example.org`
/// mentions nobody), then letters, digits, `-`, `_` and `.`, less the dots that end a sentence.
enum MentionScanner {
    struct Mention {
        let handle: String
        /// From the "@" to the handle's end, in the text scanned.
        let range: Range<String.Index>
    }

    static func mentions(in text: String) -> [Mention] {
        var found: [Mention] = []
        var index = text.startIndex
        var previous: Character?
        while index < text.endIndex {
            let character = text[index]
            let start = text.index(after: index)
            guard character == "@", previous.map({ !isHandle($0) && $0 != "@" }) ?? true else {
                previous = character
                index = start
                continue
            }
            var end = start
            while end < text.endIndex, isHandle(text[end]) { end = text.index(after: end) }
            while end > start, text[text.index(before: end)] == "." { end = text.index(before: end) }
            if end > start { found.append(Mention(handle: String(text[start..<end]), range: index..<end)) }
            previous = text[text.index(before: end)]
            index = end
        }
        return found
    }

    static func handles(in text: String) -> [String] { mentions(in: text).map(\.handle) }

    private static func isHandle(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "-" || character == "_" || character == "."
    }
}
