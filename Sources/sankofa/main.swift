import Foundation
import Logging
import SankofaWeb
import Vapor

// Logs go to standard error so that `sankofa export practices > file.json` writes only JSON.
// LOG_LEVEL is read here, not in AppSettings: the logging system is set up once, before the
// application and its first logger exist, and before AppSettings could fail to read a bad
// DATABASE_URL and need a logger to say so.
var environment = try Environment.detect()
// `serve --auto-migrate` would run Fluent's migrator without the migration lock (MigrationLock):
// the flag is taken out here and the migrations run by `configure`, under the lock.
let autoMigrateFlag = environment.arguments.contains("--auto-migrate")
environment.arguments.removeAll { $0 == "--auto-migrate" }
let level = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info") ?? .info
// LOG_FORMAT=json: one JSON object a line, for log collectors; otherwise readable text.
let jsonLogs = ProcessInfo.processInfo.environment["LOG_FORMAT"] == "json"
LoggingSystem.bootstrap { label in
    var handler: any LogHandler = jsonLogs ? JSONLogHandler.standardError(label: label) : StreamLogHandler.standardError(label: label)
    handler.logLevel = level
    return handler
}

// SQLite: fluent-sqlite-driver keeps one connection per event loop, so with one loop per core a
// long search blocks every request of its loop. More loops give more connections, and light
// queries pass a long one (WAL lets readers run together; the thread pool still runs one
// statement per core at a time). PostgreSQL pools several connections per loop already.
// (Bad settings are reported below, by `configure`.)
let sqlite = (try? AppSettings.fromEnvironment())?.database.engineName == "sqlite"
let loops: Application.EventLoopGroupProvider = sqlite
    ? .shared(MultiThreadedEventLoopGroup(numberOfThreads: 4 * System.coreCount)) : .singleton
let app = try await Application.make(environment, loops)
do {
    var settings = try AppSettings.fromEnvironment()
    settings.autoMigrate = settings.autoMigrate || autoMigrateFlag
    try await configure(app, settings)
    app.asyncCommands.use(LockedMigrateCommand(), as: "migrate")  // replaces Fluent's, which takes no lock
    bootstrapMetricsSystem(app)
    app.asyncCommands.use(SeedCommand(), as: "seed")
    app.asyncCommands.use(ExportCommand(), as: "export")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(SearchCommand(), as: "search")
    app.asyncCommands.use(CreateAdminCommand(), as: "create-admin")
    app.asyncCommands.use(HandbookCommand(), as: "handbook")
    app.asyncCommands.use(ReportCommand(), as: "report")
    app.asyncCommands.use(ForumCommand(), as: "forum")
    app.asyncCommands.use(ForumGenerateCommand(), as: "forum-generate")
    app.asyncCommands.use(CooperationCommand(), as: "cooperation")
    app.asyncCommands.use(MatchTimeCommand(), as: "match-time")
    app.asyncCommands.use(IndicatorsCommand(), as: "indicators")
    app.asyncCommands.use(OpenDataCommand(), as: "open-data")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    try await app.execute()
    // Vapor's own shutdown closes the databases (a lifecycle handler) before the HTTP server (in
    // storage), so a request still running would find no database and crash. Drain the server
    // first: it stops accepting, lets running requests finish, then closes their connections.
    // (The cast picks the async overload; the blocking one is unavailable here.)
    let server: any Server = app.http.server.shared
    await (server.shutdown as () async -> Void)()
} catch let failure as CommandFailure {
    FileHandle.standardError.write(Data((failure.message + "\n").utf8))
    try? await app.asyncShutdown()
    exit(failure.code)
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()

