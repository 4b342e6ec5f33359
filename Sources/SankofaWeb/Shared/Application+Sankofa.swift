import Crypto
import Foundation
import SankofaCore
import Vapor

extension Application {
    private struct CatalogsKey: StorageKey { typealias Value = Catalogs }
    private struct SettingsKey: StorageKey { typealias Value = AppSettings }
    private struct StylesheetKey: StorageKey { typealias Value = Stylesheet }

    var catalogs: Catalogs {
        get { storage[CatalogsKey.self] ?? .bundled }
        set { storage[CatalogsKey.self] = newValue }
    }

    public internal(set) var settings: AppSettings {
        get { storage[SettingsKey.self]! }
        set { storage[SettingsKey.self] = newValue }
    }

    var stylesheet: Stylesheet {
        get { storage[StylesheetKey.self]! }
        set { storage[StylesheetKey.self] = newValue }
    }
}

/// The one stylesheet, read once and served under a name that changes with its content,
/// so browsers may cache it for a year.
struct Stylesheet: Sendable {
    let body: ByteBuffer
    let fingerprint: String

    init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        body = ByteBuffer(data: data)
        fingerprint = SHA256.hash(data: data).prefix(6).map { String(format: "%02x", $0) }.joined()
    }
}
