import Foundation
import NIOCore

/// An IPv4 or IPv6 address as its bytes (4 or 16), so that one address has one spelling
/// whatever way it was written: a rate limit keyed on the text could be dodged by writing the
/// same address another way. An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, how a dual-stack
/// listener may report an IPv4 peer) is the IPv4 address.
struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    let bytes: [UInt8]

    init?(_ text: some StringProtocol) {
        // inet_pton (behind SocketAddress) reads a C string: a NUL or anything else that is not
        // part of an address must not reach it.
        guard !text.isEmpty, text.count <= 45, text.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }),
              let address = try? SocketAddress(ipAddress: String(text), port: 0)
        else { return nil }
        switch address {
        case .v4(let v4):
            bytes = withUnsafeBytes(of: v4.address.sin_addr) { Array($0) }
        case .v6(let v6):
            let all = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            bytes = all.prefix(12) == Self.mappedPrefix ? Array(all.suffix(4)) : all
        default:
            return nil
        }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private static let mappedPrefix: ArraySlice<UInt8> = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]

    var isIPv4: Bool { bytes.count == 4 }

    /// The first `prefix` bits, the rest zero.
    func network(prefix: Int) -> IPAddress {
        IPAddress(bytes: bytes.indices.map { index in
            let bits = min(8, max(0, prefix - index * 8))
            return bytes[index] & UInt8(truncatingIfNeeded: 0xff << (8 - bits))
        })
    }

    /// Dotted quad, or RFC 5952's form for IPv6 (lower case, the longest run of zero groups as `::`).
    var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        let groups = stride(from: 0, to: 16, by: 2).map { Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]) }
        var best = (start: -1, length: 1), run = (start: -1, length: 0)
        for (index, group) in groups.enumerated() {
            if group == 0 {
                run = run.start < 0 ? (index, 1) : (run.start, run.length + 1)
                if run.length > best.length { best = run }
            } else {
                run = (-1, 0)
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.start >= 0 else { return hex.joined(separator: ":") }
        return hex[..<best.start].joined(separator: ":") + "::" + hex[(best.start + best.length)...].joined(separator: ":")
    }
}

/// `SANKOFA_TRUSTED_PROXIES`: the proxies (addresses or CIDR ranges, IPv4 or IPv6, separated by
/// commas) whose `X-Forwarded-For` the site believes. Anyone can send the header; believed from
/// anyone, it let a client choose the address that the rate limits, the sessions and the audit
/// log see (ASVS 4.1.3). By default none is trusted and the TCP peer is the client.
///
/// Only `X-Forwarded-For` is read, not `Forwarded`: a proxy writes one of them, and a server that
/// believed both would take the client's word from the one its proxy does not write.
struct TrustedProxies: Sendable {
    struct Range: Sendable, Equatable {
        var network: IPAddress
        var prefix: Int

        func contains(_ address: IPAddress) -> Bool {
            address.isIPv4 == network.isIPv4 && address.network(prefix: prefix) == network
        }
    }

    private(set) var ranges: [Range] = []
    /// Entries that are not an address or a range: left out (the site starts, trusting fewer
    /// proxies, never more) and reported in the log at start-up.
    private(set) var ignored: [String] = []

    init(_ list: String = "") {
        for entry in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            if let range = Self.range(entry) { ranges.append(range) } else { ignored.append(String(entry.prefix(60))) }
        }
    }

    private static func range(_ entry: String) -> Range? {
        let parts = entry.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPAddress(parts[0]) else { return nil }
        let bits = address.bytes.count * 8
        guard parts.count == 2 else { return Range(network: address, prefix: bits) }
        guard parts[1].count <= 3, parts[1].allSatisfy(\.isASCII), let prefix = Int(parts[1]), (0...bits).contains(prefix) else { return nil }
        return Range(network: address.network(prefix: prefix), prefix: prefix)
    }

    func contains(_ address: IPAddress) -> Bool { ranges.contains { $0.contains(address) } }

    /// The client of a request that came from `peer` with these `X-Forwarded-For` lines: the peer
    /// itself unless it is a trusted proxy; else, reading the header from the right (each proxy
    /// appends the address it was reached from), the first address that is not a trusted proxy.
    /// A hop that is not an address ends the walk at the last trusted one, since whatever lies to
    /// its left was not written by a proxy of ours.
    func client(peer: IPAddress, forwardedFor lines: [String]) -> IPAddress {
        guard contains(peer) else { return peer }
        var client = peer
        for hop in lines.flatMap({ $0.split(separator: ",") }).reversed() {
            guard let address = Self.hop(hop.trimmingCharacters(in: .whitespaces)) else { break }
            client = address
            if !contains(address) { break }
        }
        return client
    }

    /// An address as proxies write it in the header, some with a port: `192.0.2.1`,
    /// `192.0.2.1:4711`, `2001:db8::1`, `[2001:db8::1]:4711`.
    private static func hop(_ text: String) -> IPAddress? {
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") {
            return IPAddress(text[text.index(after: text.startIndex)..<end])
        }
        if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            return IPAddress(text[..<colon])
        }
        return IPAddress(text)
    }
}
