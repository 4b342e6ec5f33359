import Vapor

/// Recovery codes: ten codes of ten letters and digits (31 symbols that can't be mistaken for one
/// another: about 50 bits each), easy to copy by hand. Stored as bcrypt hashes of their normalised
/// form (ASVS 6.5.2: under 112 bits of entropy, so a salted slow hash), so case and dashes don't
/// matter when typed back.
enum RecoveryCode {
    static let count = 10
    static let length = 10
    /// Checking a typed code means checking it against each unused code's hash: at cost 10, ten
    /// checks take about half a second on one core.
    static let cost = 10
    static let letters = Array("abcdefghjkmnpqrstuvwxyz23456789")

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = String((0..<length).map { _ in letters.randomElement(using: &generator)! })
        return raw.prefix(length / 2) + "-" + raw.suffix(length / 2)
    }

    static func normalised(_ code: String) -> String {
        code.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    /// Whether `code` can be a recovery code at all: a six-digit TOTP code or a typo costs no hashing.
    static func isShaped(_ code: String) -> Bool {
        let code = normalised(code)
        return code.count == length && code.allSatisfy(letters.contains)
    }

    static func hash(_ code: String) throws -> String {
        try Bcrypt.hash(normalised(code), cost: cost)
    }

    /// Ten new codes and their hashes, hashed off the event loop.
    static func makeSet(_ request: Request) async throws -> (codes: [String], hashes: [String]) {
        let codes = (0..<count).map { _ in make() }
        let hashes = try await request.application.threadPool.runIfActive { try codes.map(hash) }
        return (codes, hashes)
    }

    /// The stored hash `code` matches among `hashes`, checked off the event loop.
    static func match(_ code: String, among hashes: [String], _ request: Request) async throws -> String? {
        guard isShaped(code) else { return nil }
        let typed = normalised(code)
        return try await request.application.threadPool.runIfActive {
            hashes.first { (try? Bcrypt.verify(typed, created: $0)) ?? false }
        }
    }
}
