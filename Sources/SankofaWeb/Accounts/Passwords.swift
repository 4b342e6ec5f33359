import Crypto
import Foundation
import SankofaStore
import Vapor

/// Password hashing. Bcrypt reads at most 72 bytes, so the password is first reduced to the
/// base64 of its SHA-256 (44 bytes): every character of a 128-character password counts.
public enum Passwords {
    public static func hash(_ password: String, cost: Int) throws -> String {
        try Bcrypt.hash(prehash(password), cost: cost)
    }

    public static func verify(_ password: String, against hash: String) -> Bool {
        (try? Bcrypt.verify(prehash(password), created: hash)) ?? false
    }

    static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    /// A hash to verify against when the account does not exist, so that the answer takes as long
    /// whether or not the address is known.
    static let decoy = (try? Bcrypt.hash("decoy", cost: 12)) ?? ""
}

extension Request {
    /// Whether `password` is the signed-in `user`'s, asked again before a sensitive change (ASVS
    /// 7.5.1). Counted against the account's re-authentication limit first (a 429 past it), so a
    /// held session cannot guess without end; checked off the event loop.
    func reauthenticates(_ user: UserModel, password: String) async throws -> Bool {
        try await Limits.checkReauthentication(self, user)
        let hash = user.passwordHash
        return try await application.threadPool.runIfActive { Passwords.verify(password, against: hash) }
    }
}

/// Random tokens for cookies, CSRF and e-mail links, and their stored digests.
enum Tokens {
    static func random(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Constant-time comparison, so a wrong CSRF token reveals nothing by its timing.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
