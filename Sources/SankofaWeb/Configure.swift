import Fluent
import Foundation
import Leaf
import LeafKit
import SankofaCore
import SankofaStore
import Vapor

/// Sets up the application. Tests call this with their own settings; `sankofa` with the environment's.
public func configure(_ app: Application, _ settings: AppSettings) async throws {
    app.settings = settings
    app.catalogs = .bundled
    for entry in settings.trustedProxies.ignored {
        app.logger.warning("SANKOFA_TRUSTED_PROXIES: \"\(entry)\" is not an address or a range; ignored")
    }
    for entry in settings.metricsAccess.ignored {
        app.logger.warning("SANKOFA_METRICS_ALLOW: \"\(entry)\" is not an address or a range; ignored")
    }
    try startMailSender(app)
    startForumMail(app)
    startCooperationReminders(app)
    app.startOpenData()
    // Notices of the cooperation cycle written by any store link to this site's pages.
    CooperationLinks.site = .site(settings.baseURL)

    try settings.database.register(on: app.databases, searchPath: settings.searchPath)
    app.migrations.add(SankofaMigrations.all)
    try await settings.database.prepare(app.db)
    if settings.autoMigrate {
        // Under the migration lock: nodes started together migrate one after the other.
        try await LockedMigrations.prepare(app.migrator, settings: settings.database, on: app.db)
    }

    let resources = app.directory.resourcesDirectory
    app.stylesheet = try Stylesheet(path: resources + "Public/sankofa.css")
    let openAPI = try OpenAPIDocument(contentsOf: URL(fileURLWithPath: resources + "OpenAPI/openapi.json"))

    app.leaf.tags["t"] = TranslateTag(catalogs: app.catalogs)
    app.leaf.cache.isEnabled = true
    // Not `.leaf`: its renderer turns the template cache off whenever it is made in the
    // development environment, which is the one `sankofa serve` runs in unless told otherwise,
    // so every page read and parsed its templates from disk again (a quarter of the search
    // page's CPU in the benchmark). The templates ship with the binary: the cache stays on, and
    // a template edited on disk shows after a restart.
    app.views.use { app in
        var userInfo = app.leaf.userInfo
        userInfo["application"] = app
        return LeafRenderer(configuration: app.leaf.configuration, tags: app.leaf.tags, cache: app.leaf.cache,
                            sources: app.leaf.sources, eventLoop: app.eventLoopGroup.next(), userInfo: userInfo)
    }

    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    ContentConfiguration.global.use(encoder: encoder, for: .json)

    // Forms carry long texts in six scripts (percent-encoded, up to 9 bytes a character).
    app.routes.defaultMaxBodySize = "1mb"
    app.http.server.configuration.responseCompression = .enabledForCompressibleTypes
    app.http.server.configuration.requestDecompression = .enabled(limit: .ratio(10))

    // Order matters: error pages wrap everything, headers go on error pages too.
    app.middleware = Middlewares()
    // Outermost: the request id and log line cover every answer, error pages and cached pages too.
    // It counts requests itself, so Vapor's own swift-metrics per request (a counter and a timer
    // made from strings each time) is off.
    let metrics = app.siteMetrics
    app.http.server.configuration.reportMetrics = false
    app.middleware.use(RequestLogMiddleware(metrics: metrics))
    app.middleware.use(SecurityHeadersMiddleware(https: settings.baseURL.hasPrefix("https://")))
    app.middleware.use(ErrorPagesMiddleware())
    app.middleware.use(APIMethodMiddleware(operations: openAPI.operations))
    app.middleware.use(APIAuthenticationMiddleware(limiter: useAPIRateLimiter(app)))
    // Before the page cache: a search answered from it is counted too.
    app.middleware.use(UsageCountingMiddleware(counter: useUsageCounter(app)))
    if settings.pageCache {
        // 64 MB of pages (about 5,000 catalogue pages), 32 MB of search results (about 2,000 to 5,000).
        app.middleware.use(PageCacheMiddleware(pages: PageCache(budget: 64 << 20),
                                               searches: settings.searchCache ? PageCache(budget: 32 << 20) : nil, metrics: metrics))
    }
    app.middleware.use(SessionMiddleware(settings: settings))
    app.middleware.use(CSRFMiddleware(baseURL: settings.baseURL))

    try app.register(collection: HealthController())
    try app.register(collection: MetricsController(metrics: metrics))
    try app.register(collection: AssetsController())
    try app.register(collection: PracticesAPIController(openAPIDocument: ByteBuffer(data: openAPI.data)))
    try app.register(collection: HomeController())
    try app.register(collection: PracticesController())
    try app.register(collection: AboutController())
    try app.register(collection: OpenDataController())
    try app.register(collection: SearchController())
    try app.register(collection: AccountsController())
    try app.register(collection: TwoFactorController())
    try app.register(collection: PasswordController())
    try app.register(collection: PersonalDataController())
    try app.register(collection: EmailChangeController())
    try app.register(collection: VettingController())
    try app.register(collection: AdminController())
    try app.register(collection: SubmitController())
    try app.register(collection: ReviewController())
    try app.register(collection: TranslateController())
    try app.register(collection: DirectoryTranslateController())
    try app.register(collection: ExpertsController())
    try app.register(collection: ContactController())
    try app.register(collection: ProfileController())
    try app.register(collection: ClaimsController())
    try app.register(collection: CentresController())
    try app.register(collection: CoursesController())
    try app.register(collection: CourseFormController())
    try app.register(collection: CentreFormController())
    try app.register(collection: TranslationQueueController())
    try app.register(collection: DirectoryAPIController())
    try app.register(collection: ForumAPIController())
    try app.register(collection: ExchangesAPIController())
    try app.register(collection: IndicatorsController())
    try app.register(collection: HandbookController())
    try app.register(collection: EditionsController())
    try app.register(collection: AnnualReportsController())
    try app.register(collection: GroupsController())
    try app.register(collection: GroupMembershipController())
    try app.register(collection: GroupMembersController())
    try app.register(collection: GroupCategoryController())
    try app.register(collection: GroupEditController())
    try app.register(collection: ContributionsController())
    try app.register(collection: OutcomeReportController())
    try app.register(collection: FollowUpController())
    try app.register(collection: ExchangesController())
    try app.register(collection: ExchangeFormController())
    try app.register(collection: ExchangeCalendarController())
    try app.register(collection: CategoryAdminController())
    try app.register(collection: RequestsController())
    try app.register(collection: MatchesController())
    try app.register(collection: InvitationsController())
    try app.register(collection: RequestFormController())
    try app.register(collection: RequestStepController())
    try app.register(collection: NotificationsController())
    try app.register(collection: NotificationSettingsController())
    try app.register(collection: UnsubscribeController())
    try app.register(collection: ForumWatchController())
    try app.register(collection: ForumFeedController())
    try app.register(collection: CatalogueFeedController())
    try app.register(collection: TokensController())
    try app.register(collection: ModerationController())
    try app.register(collection: FlagController())
    try app.register(collection: ThreadModerationController())
    try app.register(collection: MemberModerationController())
    try app.register(collection: AttachmentsController())
    try app.register(collection: ForumController())
    try app.register(collection: ForumThreadController())
    try app.register(collection: ForumPostingController())
    app.lifecycle.use(HandbookBuildsLifecycle())
    app.lifecycle.use(AnnualReportBuildsLifecycle(builds: app.annualReportBuilds))
}

/// The fingerprinted stylesheet; any other asset name is a 404.
struct AssetsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.asset, use: asset)
    }

    func asset(_ request: Request) throws -> Response {
        let stylesheet = request.application.stylesheet
        guard request.parameters.get("file") == "sankofa.\(stylesheet.fingerprint).css" else { throw Abort(.notFound) }
        var headers = HTTPHeaders()
        headers.contentType = .css
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        return Response(status: .ok, headers: headers, body: .init(buffer: stylesheet.body))
    }
}
