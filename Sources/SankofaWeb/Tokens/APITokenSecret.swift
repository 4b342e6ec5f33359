import Crypto
import Foundation

/// A token's secret: `skf_` and 32 random bytes in base64url (43 characters), so that a leaked
/// secret is recognisable by secret scanners and by a person. Only its SHA-256 is stored, and its
/// first characters (`prefix`) to tell tokens apart in lists.
enum APITokenSecret {
    static let marker = "skf_"
    static let prefixLength = 12

    static func generate() -> String { marker + Tokens.random(bytes: 32) }

    static func hash(_ secret: String) -> String { Tokens.digest(secret) }

    static func prefix(of secret: String) -> String { String(secret.prefix(prefixLength)) }

    /// The shape `generate` makes; anything else is refused before the database is asked.
    static func isWellFormed(_ secret: String) -> Bool {
        guard secret.hasPrefix(marker) else { return false }
        let body = secret.dropFirst(marker.count)
        return body.count == 43 && body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
