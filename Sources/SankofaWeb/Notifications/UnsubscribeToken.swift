import Crypto
import Foundation
import SankofaStore
import Vapor

/// The signed name of one member and one mailing list, carried by every forum mail's unsubscribe
/// link: `{member}.{list}.{signature}`, the signature an HMAC-SHA256 of the first two parts under
/// the site's `unsubscribe` secret (``SiteSecrets``). It needs no row to look up and works from any
/// node; a changed letter anywhere makes it worthless.
enum UnsubscribeToken {
    /// The forum's mail (immediate and digests): the one list there is.
    static let forumList = "forum"

    static func make(userID: UUID, list: String = forumList, secret: String) -> String {
        let subject = userID.uuidString.lowercased().replacingOccurrences(of: "-", with: "") + "." + list
        return subject + "." + signature(of: subject, secret: secret)
    }

    /// The member a token names, when its signature is right and its list is `list`.
    static func verify(_ token: String, list: String = forumList, secret: String) -> UUID? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard token.count <= 200, parts.count == 3, parts[1] == list, parts[0].count == 32,
              Tokens.equal(parts[2], signature(of: parts[0] + "." + parts[1], secret: secret)) else { return nil }
        let hex = Array(parts[0])
        let dashed = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }.joined(separator: "-")
        return UUID(uuidString: dashed)
    }

    static func signature(of subject: String, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(subject.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
