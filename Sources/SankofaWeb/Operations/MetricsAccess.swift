import Foundation

/// Who may read `/metrics`: clients at the addresses of `SANKOFA_METRICS_ALLOW` (addresses or
/// CIDR ranges, comma-separated; loopback by default), or anyone sending
/// `Authorization: Bearer` with `SANKOFA_METRICS_TOKEN`. The client is `Request.clientAddress`,
/// so behind a trusted proxy (`SANKOFA_TRUSTED_PROXIES`) it is the address the proxy forwarded
/// for, not the proxy's own loopback address. Anyone else gets the 404 of a path that does not
/// exist: the route does not say it is there.
struct MetricsAccess: Sendable {
    /// The same address list as the trusted proxies': one parser for addresses and ranges.
    private(set) var allowed: TrustedProxies
    private var token: [UInt8]?

    static let loopback = "127.0.0.0/8,::1"

    init(allow: String? = nil, token: String? = nil) {
        allowed = TrustedProxies(allow ?? Self.loopback)
        // An empty token would let anyone in with `Bearer ` and nothing after it.
        self.token = token.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
    }

    /// Entries of `SANKOFA_METRICS_ALLOW` that are not an address or a range (left out).
    var ignored: [String] { allowed.ignored }

    func allows(client: IPAddress?, authorization: String?) -> Bool {
        if let client, allowed.contains(client) { return true }
        guard let token, let authorization, authorization.count > 7,
              authorization.prefix(7).lowercased() == "bearer " else { return false }
        return Self.constantTimeEqual(Array(authorization.utf8.dropFirst(7)), token)
    }

    /// Compares every byte of the secret whatever the guess, so the time taken does not tell
    /// how much of a guess was right.
    static func constantTimeEqual(_ guess: [UInt8], _ secret: [UInt8]) -> Bool {
        var difference = UInt8(guess.count == secret.count ? 0 : 1)
        for index in secret.indices {
            difference |= secret[index] ^ (index < guess.count ? guess[index] : 0)
        }
        return difference == 0
    }
}
