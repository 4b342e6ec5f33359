import Foundation
import Vapor

/// The query string as ordered (name, value) pairs, decoded strictly: repeated names are kept
/// (`region=africa&region=asiaPacific`) and invalid percent-encoding is a 400, not a guess.
public struct QueryParameters: Sendable {
    public let pairs: [(name: String, value: String)]

    public init(pairs: [(name: String, value: String)]) {
        self.pairs = pairs
    }

    public init(_ request: Request) throws {
        try self.init(rawQuery: request.url.query)
    }

    public init(rawQuery: String?) throws {
        var pairs: [(String, String)] = []
        for item in (rawQuery ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw ParameterError(name: "query", reason: .encoding)
            }
            pairs.append((name, value))
        }
        self.pairs = pairs
    }

    static func decode(_ text: Substring) -> String? {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        guard let decoded = spaced.removingPercentEncoding, !decoded.contains("\u{0}") else { return nil }
        return decoded
    }

    public func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value).filter { !$0.isEmpty }
    }

    public func first(_ name: String) -> String? { values(name).first }

    /// The query string again, with `name` set to `values` (or removed); order of the rest kept.
    public func replacing(_ name: String, with values: [String]) -> String {
        var result = pairs.filter { $0.name != name }
        result += values.map { (name, $0) }
        return Self.encode(result)
    }

    public static func encode(_ pairs: [(name: String, value: String)]) -> String {
        pairs.map { "\(escape($0.name))=\(escape($0.value))" }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

/// A bad query parameter: the page says which one and why, in the reader's language.
public struct ParameterError: Error, Sendable {
    public enum Reason: String, Sendable {
        /// The value is not one the parameter accepts.
        case value
        /// The query string is not valid percent-encoded UTF-8.
        case encoding
        /// A number out of range.
        case range
    }

    public var name: String
    public var reason: Reason
    public var value: String = ""
}
