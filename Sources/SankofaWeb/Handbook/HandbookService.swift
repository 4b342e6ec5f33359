import Fluent
import Foundation
import SankofaCore
import SankofaPublish
import SankofaStore
import Vapor

/// Where the Handbook's files live and which formats the site builds. The folder holds one
/// sub-folder per edition; its files are a cache: HTML and EPUB of a deterministic function of the
/// frozen edition, which any node can run again; PDFs of the bytes kept in the database.
public struct HandbookSettings: Sendable {
    public var directory: String
    public var formats: [BookFormat]
    public var weasyPrint: WeasyPrint

    public func folder(for slug: String) -> URL {
        URL(fileURLWithPath: directory).appendingPathComponent(slug)
    }
}

extension Application {
    private struct HandbookSettingsKey: StorageKey { typealias Value = HandbookSettings }
    private struct BuildsKey: StorageKey { typealias Value = HandbookBuilds }

    /// ``AppSettings/handbook`` unless a test has set other settings.
    public var handbook: HandbookSettings {
        get { storage[HandbookSettingsKey.self] ?? settings.handbook }
        set { storage[HandbookSettingsKey.self] = newValue }
    }

    /// The builds running in this process, so tests and shutdown can wait for them.
    public var handbookBuilds: HandbookBuilds {
        if let builds = storage[BuildsKey.self] { return builds }
        let builds = HandbookBuilds()
        storage[BuildsKey.self] = builds
        return builds
    }
}

/// Builds running in the background of the web process (an editor's "compile" returns at once).
public actor HandbookBuilds {
    private var tasks: [String: Task<Void, Never>] = [:]

    public func start(_ slug: String, _ work: @escaping @Sendable () async -> Void) {
        let previous = tasks[slug]
        tasks[slug] = Task {
            await previous?.value
            await work()
        }
    }

    public func waitAll() async {
        while let (slug, task) = tasks.first {
            await task.value
            if tasks[slug] == task { tasks[slug] = nil }
        }
    }
}

/// Waits for running builds before the database goes away.
struct HandbookBuildsLifecycle: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        await application.handbookBuilds.waitAll()
    }
}

/// Builds an edition's files and keeps the database's account of them (progress, files, sizes).
public struct HandbookService: Sendable {
    public var database: any Database
    public var settings: HandbookSettings
    public var catalogs: Catalogs
    public var baseURL: String

    public init(database: any Database, settings: HandbookSettings, catalogs: Catalogs, baseURL: String) {
        self.database = database
        self.settings = settings
        self.catalogs = catalogs
        self.baseURL = baseURL
    }

    public init(_ app: Application) {
        self.init(database: app.db, settings: app.handbook, catalogs: app.catalogs, baseURL: app.settings.baseURL)
    }

    /// Builds into the edition's folder of the handbook directory and records each file, or into
    /// `folder` (the command line's `--out`) without touching the database's account.
    public func build(_ model: EditionModel, languages: [Language], formats: [BookFormat], folder: URL? = nil) async throws -> HandbookBuild.Report {
        let store = EditionStore(database: database)
        let frozen = try await store.frozen(model)
        let target = folder ?? settings.folder(for: model.slug)
        let recording = folder == nil
        let build = HandbookBuild(builder: BookBuilder(catalogs: catalogs, baseURL: baseURL), weasyPrint: settings.weasyPrint)
        let total = languages.count * formats.count
        var report = HandbookBuild.Report()
        if recording { try await store.recordProgress(model, state: .building, done: 0, total: total) }
        for language in languages {
            for format in formats {
                // Files are built off the event loops: a PDF takes seconds of a subprocess.
                let step = await withCheckedContinuation { continuation in
                    DispatchQueue.global().async {
                        continuation.resume(returning: build.build(frozen, languages: [language], formats: [format], into: target))
                    }
                }
                report.files += step.files
                report.failures += step.failures
                if recording {
                    for file in step.files {
                        // Every file is kept in the database too: the other nodes cannot make a PDF
                        // again, and an HTML or EPUB made again by another version of the code would
                        // not be the bytes published.
                        let content = try Data(contentsOf: target.appendingPathComponent(file.name))
                        try await store.recordFile(model, language: file.language, format: file.format.rawValue, fileName: file.name,
                                                   size: file.size, content: content)
                    }
                    try await store.recordProgress(model, state: .building, done: report.files.count + report.failures.count, total: total)
                }
            }
        }
        if recording {
            let message = report.failures.map { "\($0.language.rawValue) \($0.format.rawValue): \($0.message)" }.joined(separator: "\n")
            try await store.recordProgress(model, state: report.failures.isEmpty ? .built : .failed, done: total, total: total,
                                           message: message.isEmpty ? nil : String(message.prefix(4000)))
        }
        return report
    }
}
