import Foundation
import SankofaCore
import Logging
import NIOConcurrencyHelpers

/// `LOG_FORMAT=json`: every log line one JSON object, for log collectors:
/// `{"time":"2026-12-07T22:40:01.123Z","level":"info","label":"…","message":"request","request-id":"…","route":"…",…}`.
/// Metadata keys become fields beside the fixed ones (a metadata key named like one of them is
/// written as `meta.KEY`, so a line never holds a key twice); nested metadata becomes arrays and
/// objects. Written with one `write` call a line, under a lock, so lines never interleave.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let write: @Sendable (String) -> Void

    /// `write` receives each line, newline included.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    public static func standardError(label: String) -> JSONLogHandler {
        JSONLogHandler(label: label, metadataProvider: LoggingSystem.metadataProvider) { line in
            StandardError.lock.withLock { FileHandle.standardError.write(Data(line.utf8)) }
        }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    private static let fixed: Set<String> = ["time", "level", "label", "message", "source"]

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?,
                    source: String, file: String, function: String, line: UInt) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
        if let explicit { all.merge(explicit) { $1 } }
        var out = "{\"time\":\""
        out += Self.timestamp()
        out += "\",\"level\":\"\(level.rawValue)\",\"label\":"
        Self.append(string: label, to: &out)
        out += ",\"message\":"
        Self.append(string: message.description, to: &out)
        out += ",\"source\":"
        Self.append(string: source, to: &out)
        for (key, value) in all.sorted(by: { $0.key < $1.key }) {
            out += ","
            Self.append(string: Self.fixed.contains(key) ? "meta.\(key)" : key, to: &out)
            out += ":"
            Self.append(value: value, to: &out)
        }
        out += "}\n"
        write(out)
    }

    static func append(value: Logger.Metadata.Value, to out: inout String) {
        switch value {
        case .string(let text): append(string: text, to: &out)
        case .stringConvertible(let convertible): append(string: convertible.description, to: &out)
        case .array(let values):
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                append(value: value, to: &out)
            }
            out += "]"
        case .dictionary(let fields):
            out += "{"
            for (index, field) in fields.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { out += "," }
                append(string: field.key, to: &out)
                out += ":"
                append(value: field.value, to: &out)
            }
            out += "}"
        }
    }

    static func append(string: String, to out: inout String) { JSONString.append(string, to: &out) }

    /// ISO 8601 in UTC with milliseconds, from the C library (no formatter shared between threads).
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var time = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &time)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(time.tm_year) + 1900, Int(time.tm_mon) + 1, Int(time.tm_mday),
                      Int(time.tm_hour), Int(time.tm_min), Int(time.tm_sec), Int(now.tv_nsec / 1_000_000))
    }
}

private enum StandardError {
    static let lock = NIOLock()
}
