import Foundation

/// NIST SP 800-63B / ASVS 2.1: 8 to 128 characters, any characters, no composition rules, and not
/// one of the common passwords (the zxcvbn list in Resources/security).
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 8
    public static let maximumLength = 128

    let common: Set<String>

    public init(common: Set<String>) {
        self.common = common
    }

    public static let standard: PasswordPolicy = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "security")
                ?? Bundle.module.url(forResource: "common-passwords", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("Resources/security/common-passwords.txt is missing") }
        let words = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.lowercased() }
        return PasswordPolicy(common: Set(words))
    }()

    public var commonCount: Int { common.count }

    /// The catalog key of the first rule `password` breaks, or nil when it is acceptable.
    /// Length counts characters as a person sees them; the check ignores case.
    public func problem(with password: String) -> String? {
        if password.count < Self.minimumLength { return "error.password.short" }
        if password.count > Self.maximumLength { return "error.password.long" }
        if common.contains(password.lowercased()) { return "error.password.common" }
        return nil
    }
}
