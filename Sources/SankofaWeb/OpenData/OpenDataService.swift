import Crypto
import Fluent
import Foundation
import SankofaCore
import SankofaPublish
import SankofaStore
import Vapor

/// The open data ZIP this node serves, kept on disk (`SANKOFA_OPEN_DATA_DIR`, default
/// `data/open-data`) with a manifest, so a restart serves the last build at once.
///
/// When it is rebuilt: the ZIP is keyed on the public data version, which every write a visitor
/// could see moves (practices, profiles, centres, courses, and exchanges' public summaries: an
/// agreement or an edit to a public exchange bumps it), and on a fingerprint of the public
/// indicators. Those move without the public version (an exchange held, an outcome report, a
/// Handbook download or a search), so a change of the indicators alone rebuilds at most once an
/// hour: downloads and searches would otherwise rebuild it at every pass of a busy site. The
/// background pass runs every five minutes (``BackgroundLoop``); a build at 100,000 practices
/// takes seconds, and a visitor never waits for one: until the first build, the ZIP answers 503.
actor OpenDataService {
    let folder: URL
    /// An indicators-only change waits this long after the last build.
    let indicatorsInterval: TimeInterval
    private(set) var current: Manifest?
    private var building = false
    /// When an unchanged build's indicators were last found the same (``refresh``).
    private var indicatorsChecked: Date?
    /// When a request last asked for a first build (``claimFirstBuild(now:)``).
    private var firstBuildAsked: Date?

    /// What the folder's `manifest.json` records of the build being served.
    struct Manifest: Codable, Sendable {
        var zip: String
        var catalog: String
        var etag: String
        var catalogETag: String
        var size: Int
        var builtAt: Date
        var publicVersion: Int
        var indicators: String
        var counts: [String: Int]
    }

    init(folder: URL, indicatorsInterval: TimeInterval = 3600) {
        self.folder = folder
        self.indicatorsInterval = indicatorsInterval
        current = (try? Data(contentsOf: folder.appendingPathComponent("manifest.json")))
            .flatMap { try? JSONDecoder().decode(Manifest.self, from: $0) }
            .flatMap { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0.zip).path) ? $0 : nil }
    }

    func zipPath(_ manifest: Manifest) -> String { folder.appendingPathComponent(manifest.zip).path }
    func catalogPath(_ manifest: Manifest) -> String { folder.appendingPathComponent(manifest.catalog).path }

    /// Builds again when the data changed (see the type's comment), else does nothing. Returns
    /// whether it built. One build at a time: a pass that finds one running returns false.
    @discardableResult
    func refresh(database: any Database, catalogs: Catalogs, baseURL: String, now: Date = Date(), force: Bool = false) async throws -> Bool {
        guard !building else { return false }
        building = true
        defer { building = false }
        let reader = OpenDataReader(database: database)
        let version = try await reader.publicVersion()
        // Same public version: only the indicators could call for a build, and they are looked at
        // (every one computed: seconds on a large site) at most once an interval, not at every pass.
        let unchanged = !force && current?.publicVersion == version
        if unchanged, let current, now.timeIntervalSince(max(current.builtAt, indicatorsChecked ?? .distantPast)) < indicatorsInterval {
            return false
        }
        let indicators = try await reader.indicators(now: now)
        let fingerprint = try Self.fingerprint(indicators)
        if unchanged, current?.indicators == fingerprint {
            indicatorsChecked = now
            return false
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = "sankofa-open-data-\(Int(now.timeIntervalSince1970))-\(UUID().uuidString.prefix(8))"
        let zip = folder.appendingPathComponent(name + ".zip")
        let outcome = try await OpenDataBuild(database: database, catalogs: catalogs, baseURL: baseURL)
            .build(into: zip, indicators: indicators, now: now)
        let catalogFile = name + ".jsonld"
        try outcome.catalog.write(to: folder.appendingPathComponent(catalogFile), options: .atomic)
        let (etag, size) = try Self.digest(of: zip)
        let manifest = Manifest(zip: zip.lastPathComponent, catalog: catalogFile, etag: etag,
                                catalogETag: Self.etag(SHA256.hash(data: outcome.catalog)), size: size, builtAt: now,
                                publicVersion: version, indicators: fingerprint, counts: outcome.counts)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try encoder.encode(manifest).write(to: folder.appendingPathComponent("manifest.json"), options: .atomic)
        current = manifest
        // Older builds go; a download still reading one keeps its open file until it ends.
        for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where file.hasPrefix("sankofa-open-data-") && file != manifest.zip && file != manifest.catalog {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(file))
        }
        return true
    }

    /// Whether a request may start a build now: none is served yet, none is running, and none
    /// was asked for in the last minute (a failing build is not retried at every page view).
    func claimFirstBuild(now: Date = Date()) -> Bool {
        guard current == nil, !building, firstBuildAsked.map({ now.timeIntervalSince($0) >= 60 }) ?? true else { return false }
        firstBuildAsked = now
        return true
    }

    static func fingerprint(_ indicators: [IndicatorResult]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return SHA256.hash(data: try encoder.encode(indicators)).map { String(format: "%02x", $0) }.joined()
    }

    /// A strong validator: the SHA-256 of the bytes served, read a megabyte at a time.
    static func digest(of file: URL) throws -> (etag: String, size: Int) {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var hasher = SHA256(), size = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += chunk.count
        }
        return (etag(hasher.finalize()), size)
    }

    static func etag(_ digest: SHA256.Digest) -> String {
        "\"" + digest.map { String(format: "%02x", $0) }.joined() + "\""
    }
}

extension Application {
    private struct OpenDataKey: StorageKey { typealias Value = OpenDataService }

    /// The node's open data; tests get a folder of their own.
    var openData: OpenDataService {
        get {
            if let service = storage[OpenDataKey.self] { return service }
            let folder = environment == .testing
                ? FileManager.default.temporaryDirectory.appendingPathComponent("sankofa-open-data-\(UUID().uuidString)")
                : URL(fileURLWithPath: Environment.get("SANKOFA_OPEN_DATA_DIR") ?? "data/open-data")
            let service = OpenDataService(folder: folder)
            storage[OpenDataKey.self] = service
            return service
        }
        set { storage[OpenDataKey.self] = newValue }
    }

    /// Runs ``OpenDataService/refresh`` in the background while the application serves: at boot
    /// (the first pass), then every five minutes.
    func startOpenData() {
        let service = openData, catalogs = catalogs, baseURL = settings.baseURL
        BackgroundLoop.use(self, name: "open data", every: .seconds(300)) { database, now in
            try await service.refresh(database: database, catalogs: catalogs, baseURL: baseURL, now: Date(timeIntervalSince1970: TimeInterval(now)))
        }
    }
}
