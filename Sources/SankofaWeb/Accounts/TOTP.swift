import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps, six digits,
/// one step of clock drift either way. The caller remembers the last step used so a code works once.
public enum TOTP {
    public static let step = 30
    public static let digits = 6

    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base32.encode((0..<20).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    public static func code(secret: String, step counter: Int) -> String? {
        guard let key = Base32.decode(secret), !key.isEmpty else { return nil }
        var big = UInt64(counter).bigEndian
        let message = withUnsafeBytes(of: &big) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: key)))
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let value = (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        let code = String(value % 1_000_000)
        return String(repeating: "0", count: digits - code.count) + code
    }

    public static func currentStep(at time: Int) -> Int { time / step }

    /// The step `code` belongs to (now, or one step either side), if it is valid and newer than `lastUsed`.
    public static func verify(_ code: String, secret: String, at time: Int, lastUsed: Int?) -> Int? {
        let digitsOnly = code.filter(\.isNumber)
        guard digitsOnly.count == digits else { return nil }
        let now = currentStep(at: time)
        for candidate in [now, now - 1, now + 1] where candidate > (lastUsed ?? Int.min) {
            if let expected = self.code(secret: secret, step: candidate), Tokens.equal(expected, digitsOnly) { return candidate }
        }
        return nil
    }

    /// The address an authenticator app reads (typed in by hand, or from a QR code made elsewhere).
    public static func provisioningURI(secret: String, account: String, issuer: String = "Sankofa") -> String {
        let label = "\(issuer):\(account)".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? account
        return "otpauth://totp/\(label)?secret=\(secret)&issuer=\(issuer)&algorithm=SHA1&digits=6&period=30"
    }
}

/// RFC 4648 base32, as authenticator apps expect secrets.
enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    static func encode(_ bytes: [UInt8]) -> String {
        var result = "", buffer = 0, bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                result.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { result.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return result
    }

    static func decode(_ text: String) -> [UInt8]? {
        var result: [UInt8] = [], buffer = 0, bits = 0
        for character in text.uppercased() where character != "=" && character != " " {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                result.append(UInt8((buffer >> (bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return result
    }
}
