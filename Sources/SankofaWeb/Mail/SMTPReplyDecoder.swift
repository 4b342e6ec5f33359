import NIOCore

/// One reply of the server: a three-digit code and its lines of text (RFC 5321 §4.2), e.g.
/// `250-smtp.example.org` `250-8BITMIME` `250 STARTTLS` is code 250 with three lines.
public struct SMTPReply: Sendable, Equatable {
    public var code: Int
    public var lines: [String]

    public var text: String { lines.joined(separator: " / ") }
}

/// Bytes to replies: lines end in CRLF (a bare LF is tolerated); `CODE-text` continues a reply,
/// `CODE text` or a bare `CODE` ends it. Lines, and replies, are bounded so that a broken or
/// hostile server cannot make the client buffer without end.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    static let maximumLineLength = 4096
    static let maximumLines = 200

    private var code: Int?
    private var lines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if view.count > Self.maximumLineLength { throw SMTPError.malformedReply("a line longer than \(Self.maximumLineLength) bytes") }
            return .needMoreData
        }
        let length = newline - view.startIndex + 1
        guard length <= Self.maximumLineLength + 2 else { throw SMTPError.malformedReply("a line longer than \(Self.maximumLineLength) bytes") }
        var bytes = buffer.readBytes(length: length) ?? []
        while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") { bytes.removeLast() }
        let line = String(decoding: bytes, as: UTF8.self)
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let code = Int(String(decoding: bytes[0...2], as: UTF8.self)), (200...599).contains(code) || (100...199).contains(code),
              bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-")
        else { throw SMTPError.malformedReply(String(line.prefix(80)).debugDescription) }
        if let current = self.code, current != code {
            throw SMTPError.malformedReply("code \(code) inside a reply of code \(current)")
        }
        lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        if bytes.count > 3 && bytes[3] == UInt8(ascii: "-") {
            self.code = code
            guard lines.count <= Self.maximumLines else { throw SMTPError.malformedReply("more than \(Self.maximumLines) lines") }
            return .continue
        }
        let reply = SMTPReply(code: code, lines: lines)
        self.code = nil
        lines = []
        context.fireChannelRead(wrapInboundOut(reply))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        // An unfinished line at the end of the stream is dropped: the session sees the close.
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
