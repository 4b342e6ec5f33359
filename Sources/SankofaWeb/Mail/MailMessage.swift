import Foundation

/// A mailbox: an address with an optional display name, as in `Sankofa <no-reply@example.org>`.
public struct MailAddress: Sendable, Equatable, CustomStringConvertible {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) throws {
        guard Self.isValid(address) else { throw SMTPError.invalidAddress(address) }
        self.name = name.map { $0.filter { !$0.isNewline && $0 != "\0" } }.flatMap { $0.isEmpty ? nil : $0 }
        self.address = address
    }

    /// `Name <address>` or a bare `address`.
    public init(parsing text: String) throws {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix(">"), let open = text.lastIndex(of: "<") {
            var name = text[..<open].trimmingCharacters(in: .whitespaces)
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
            try self.init(name: name, address: String(text[text.index(after: open)..<text.index(before: text.endIndex)]))
        } else {
            try self.init(address: text)
        }
    }

    /// Conservative: one `@` between non-empty parts, no white space, controls, brackets or
    /// separators that could end the SMTP command or the header it goes into. Non-ASCII is allowed
    /// (it needs SMTPUTF8 on the server).
    public static func isValid(_ address: String) -> Bool {
        let forbidden = Set("<>()[],;:\\\"")
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return address.utf8.count <= 320 && parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && !address.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }
            && !address.contains { forbidden.contains($0) || $0.isWhitespace }
    }

    var domain: String { String(address[address.index(after: address.lastIndex(of: "@")!)...]) }
    var isASCII: Bool { address.utf8.allSatisfy { $0 < 0x80 } }

    /// The header form: the name as an atom, a quoted string or RFC 2047 encoded words.
    public var description: String {
        guard let name else { return address }
        return "\(MailHeader.phrase(name)) <\(address)>"
    }
}

/// One plain-text message in UTF-8.
public struct MailMessage: Sendable {
    public var from: MailAddress
    public var to: String
    public var subject: String
    public var body: String
    public var date: Date
    public var messageID: String
    /// Extra headers, `Name: value` a line, as the outbox keeps them (`List-Unsubscribe`).
    public var extraHeaders: String

    public init(from: MailAddress, to: String, subject: String, body: String, date: Date = Date(), messageID: String? = nil,
                extraHeaders: String = "") {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID ?? "<\(UUID().uuidString.lowercased())@\(from.domain)>"
        self.extraHeaders = extraHeaders
    }

    /// The message as it goes after DATA, with CRLF line endings and before dot-stuffing. With
    /// `allow8Bit` (the server offers 8BITMIME) a UTF-8 body whose lines all fit in 998 bytes goes
    /// as it is; otherwise it goes in base64. `is8Bit` tells MAIL FROM to say BODY=8BITMIME.
    public func rendered(allow8Bit: Bool) -> (text: String, is8Bit: Bool) {
        let lines = MailHeader.lines(of: body.replacingOccurrences(of: "\0", with: ""))
        let ascii = lines.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
        let encoding: String
        var text: String
        if ascii && lines.allSatisfy({ $0.utf8.count <= 998 }) {
            encoding = "7bit"
            text = lines.joined(separator: "\r\n")
        } else if allow8Bit && lines.allSatisfy({ $0.utf8.count <= 998 }) {
            encoding = "8bit"
            text = lines.joined(separator: "\r\n")
        } else {
            encoding = "base64"
            text = Data(lines.joined(separator: "\r\n").utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        }
        if !text.hasSuffix("\r\n") { text += "\r\n" }
        let headers = [
            "Date: " + MailHeader.date(date),
            "From: " + from.description,
            "To: " + to,
            "Subject: " + MailHeader.unstructured(subject, nameLength: "Subject: ".count),
            "Message-ID: " + messageID,
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: " + encoding,
            "Auto-Submitted: auto-generated",
        ] + MailHeader.lines(of: extraHeaders).filter { $0.contains(": ") && $0.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
        return (headers.joined(separator: "\r\n") + "\r\n\r\n" + text, encoding == "8bit")
    }
}

/// Header and body text helpers (RFC 5322, RFC 2047, RFC 5321 §4.5.2).
enum MailHeader {
    /// Lines of a text whatever its line endings.
    static func lines(of text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Transparency: a line that starts with "." gets a second one (the server removes it).
    static func dotStuffed(_ text: String) -> String {
        lines(of: text).map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }

    /// An unstructured header value on one logical line: line breaks become spaces (no header
    /// injection); ASCII is folded at spaces, anything else becomes encoded words.
    static func unstructured(_ value: String, nameLength: Int) -> String {
        let flat = lines(of: value).joined(separator: " ").filter { $0 != "\0" }
        guard !flat.contains("=?"), flat.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F || $0 == "\t" }) else {
            return encodedWords(flat)
        }
        var folded = "", length = nameLength
        for (index, word) in flat.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if index > 0 {
                if length + 1 + word.count > 78 && length > 1 { folded += "\r\n"; length = 0 }
                folded += " "; length += 1
            }
            folded += word; length += word.count
        }
        return folded
    }

    /// A display name: an atom when it can be one, else a quoted string, else encoded words.
    static func phrase(_ name: String) -> String {
        if name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " ") }) { return name }
        if name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return encodedWords(name)
    }

    /// RFC 2047 B encoding in UTF-8: words of at most 75 characters (45 bytes of text each),
    /// cut between characters, on folded lines.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = [], chunk = ""
        for character in text {
            if chunk.utf8.count + character.utf8.count > 45 && !chunk.isEmpty { words.append(chunk); chunk = "" }
            chunk.append(character)
        }
        if !chunk.isEmpty || words.isEmpty { words.append(chunk) }
        return words.map { "=?utf-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    /// RFC 5322 date in UTC, e.g. `Tue, 02 Dec 2025 09:30:00 +0000`.
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
