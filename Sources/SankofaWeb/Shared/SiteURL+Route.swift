import SankofaCore
import Vapor

extension SiteURL {
    /// The route table: one pattern per route. Controllers register their routes from it
    /// (`routes.get(.practice, use: show)`) and ``SiteURL/path`` fills the same pattern in, so a
    /// link and the route it leads to cannot drift apart.
    public enum Route: String, CaseIterable, Sendable {
        case root = "/"
        case home = "/:lang/"
        case practices = "/:lang/practices"
        case practice = "/:lang/practices/:slug"
        case about = "/:lang/about"
        case search = "/:lang/search"
        case register = "/:lang/account/register"
        case login = "/:lang/account/login"
        case logout = "/:lang/account/logout"
        case account = "/:lang/account"
        case endSession = "/:lang/account/sessions/end"
        case endAllSessions = "/:lang/account/sessions/end-all"
        case verifyEmail = "/:lang/account/verify/:token"
        case vetting = "/:lang/admin/vetting"
        case vet = "/:lang/admin/vetting/:user"
        case claims = "/:lang/admin/claims"
        case decideClaim = "/:lang/admin/claims/:slug"
        case audit = "/:lang/admin/audit"
        case outbox = "/:lang/admin/outbox"
        case deniedRequests = "/:lang/admin/denied"
        case experts = "/:lang/experts"
        case expertsExport = "/:lang/experts/export.csv"
        case expert = "/:lang/experts/:slug"
        case expertContact = "/:lang/experts/:slug/contact"
        case expertEndorse = "/:lang/experts/:slug/endorse"
        case expertWithdraw = "/:lang/experts/:slug/endorse/withdraw"
        case expertEdit = "/:lang/experts/:slug/edit"
        case expertNew = "/:lang/experts/new"
        case profileEdit = "/:lang/account/profile"
        case profileClaim = "/:lang/account/profile/claim"
        case centres = "/:lang/centres"
        case centre = "/:lang/centres/:slug"
        case centreNew = "/:lang/centres/new"
        case centreEdit = "/:lang/centres/:slug/edit"
        case courses = "/:lang/courses"
        case course = "/:lang/courses/:slug"
        case coursesCalendar = "/:lang/courses/calendar"
        case courseNew = "/:lang/courses/new"
        case courseEdit = "/:lang/courses/:slug/edit"
        case coursesFeed = "/:lang/courses.ics"
        case coursesAtom = "/:lang/courses.atom"
        case practicesAtom = "/:lang/practices.atom"
        case apiTokens = "/:lang/account/tokens"
        case apiTokenRevoke = "/:lang/account/tokens/:token/revoke"
        case adminAPITokens = "/:lang/admin/tokens"
        case handbook = "/:lang/handbook"
        case handbookEdition = "/:lang/handbook/:edition"
        case handbookChapter = "/:lang/handbook/:edition/:chapter"
        case handbookFile = "/handbook/:edition/:file"
        case editions = "/:lang/editions"
        case newEdition = "/:lang/editions/new"
        case edition = "/:lang/editions/:edition"
        case compileEdition = "/:lang/editions/:edition/compile"
        case publishEdition = "/:lang/editions/:edition/publish"
        case annualReports = "/:lang/annual-reports"
        case annualReportBuild = "/:lang/annual-reports/build"
        case annualReportYear = "/:lang/annual-reports/:year"
        case annualReportPublish = "/:lang/annual-reports/:year/publish"
        case annualReportPreview = "/:lang/annual-reports/:year/preview/:file"
        case annualReportFile = "/annual-reports/:year/:file"
        case submit = "/:lang/submit"
        case myPractices = "/:lang/my/practices"
        case myPractice = "/:lang/my/practices/:slug"
        case review = "/:lang/review"
        case reviewPractice = "/:lang/review/:slug"
        case translate = "/:lang/translate/:slug/:target"
        case translateCentre = "/:lang/translate/centres/:slug/:target"
        case translateCourse = "/:lang/translate/courses/:slug/:target"
        case translationQueue = "/:lang/translate"
        case adminUsers = "/:lang/admin/users"
        case adminUser = "/:lang/admin/users/:user"
        case twoFactor = "/:lang/account/two-factor"
        case twoFactorEnable = "/:lang/account/two-factor/enable"
        case twoFactorDisable = "/:lang/account/two-factor/disable"
        case twoFactorRecoveryCodes = "/:lang/account/two-factor/recovery-codes"
        case twoFactorVerify = "/:lang/account/two-factor/verify"
        case password = "/:lang/account/password"
        case passwordReset = "/:lang/account/reset"
        case passwordResetToken = "/:lang/account/reset/:token"
        case personalData = "/:lang/account/export"
        case deleteAccount = "/:lang/account/delete"
        case emailChange = "/:lang/account/email"
        case emailChangeToken = "/:lang/account/email/:token"
        case forum = "/:lang/forum"
        case forumCategory = "/:lang/forum/c/:category"
        case forumNewThread = "/:lang/forum/c/:category/new"
        case forumThread = "/:lang/forum/threads/:thread"
        case forumReply = "/:lang/forum/threads/:thread/reply"
        case forumPost = "/:lang/forum/posts/:post"
        case forumPostEdit = "/:lang/forum/posts/:post/edit"
        case forumPostHistory = "/:lang/forum/posts/:post/history"
        case notifications = "/:lang/notifications"
        case notificationRead = "/:lang/notifications/:notification/read"
        case notificationsReadAll = "/:lang/notifications/read-all"
        case notificationSettings = "/:lang/account/notifications"
        case unsubscribe = "/unsubscribe/:token"
        case forumWatchThread = "/:lang/forum/threads/:thread/watch"
        case forumWatchCategory = "/:lang/forum/c/:category/watch"
        case forumFeed = "/:lang/forum/feed.atom"
        case forumCategoryFeed = "/:lang/forum/c/:category/feed.atom"
        case groups = "/:lang/groups"
        case moderation = "/:lang/moderation"
        case moderationPost = "/:lang/moderation/posts/:post"
        case moderationMember = "/:lang/moderation/members/:user"
        case forumPostFlag = "/:lang/forum/posts/:post/flag"
        case forumThreadModerate = "/:lang/forum/threads/:thread/moderate"
        case forumAttachment = "/:lang/forum/attachments/:attachment/:filename"
        case groupNew = "/:lang/groups/new"
        case group = "/:lang/groups/:group"
        case groupJoin = "/:lang/groups/:group/join"
        case groupAnswer = "/:lang/groups/:group/answer"
        case groupLeave = "/:lang/groups/:group/leave"
        case groupMembers = "/:lang/groups/:group/members"
        case groupMember = "/:lang/groups/:group/members/:user"
        case groupCategoryNew = "/:lang/groups/:group/categories/new"
        case groupCategories = "/:lang/groups/:group/categories"
        case groupCategoryEdit = "/:lang/groups/:group/categories/:category/edit"
        case groupCategoryMove = "/:lang/groups/:group/categories/:category/move"
        case groupCategoryDelete = "/:lang/groups/:group/categories/:category/delete"
        case groupWithdraw = "/:lang/groups/:group/withdraw"
        case groupEdit = "/:lang/groups/:group/edit"
        case forumCategories = "/:lang/forum/categories"
        case forumCategoryNew = "/:lang/forum/categories/new"
        case forumCategoryEdit = "/:lang/forum/categories/:category/edit"
        case forumCategoryMove = "/:lang/forum/categories/:category/move"
        case forumCategoryDelete = "/:lang/forum/categories/:category/delete"
        case requests = "/:lang/requests"
        case requestNew = "/:lang/requests/new"
        case request = "/:lang/requests/:request"
        case requestEdit = "/:lang/requests/:request/edit"
        case requestStep = "/:lang/requests/:request/step"
        case requestComments = "/:lang/requests/:request/comments"
        case exchanges = "/:lang/exchanges"
        case exchangeNew = "/:lang/exchanges/new"
        case exchangesCalendar = "/:lang/exchanges/calendar"
        case exchangesFeed = "/:lang/exchanges/calendar.ics"
        case exchange = "/:lang/exchanges/:exchange"
        case exchangeEdit = "/:lang/exchanges/:exchange/edit"
        case exchangeStatus = "/:lang/exchanges/:exchange/status"
        case exchangeAgree = "/:lang/exchanges/:exchange/agree"
        case requestMatches = "/:lang/requests/:request/matches"
        case requestMatchInvite = "/:lang/requests/:request/matches/:match/invite"
        case invitations = "/:lang/invitations"
        case invitation = "/:lang/invitations/:match"
        case contributionNew = "/:lang/exchanges/:exchange/contributions/new"
        case contributionEdit = "/:lang/exchanges/:exchange/contributions/:contribution/edit"
        case contributionDelete = "/:lang/exchanges/:exchange/contributions/:contribution/delete"
        case outcomeReport = "/:lang/exchanges/:exchange/reports/:side"
        case outcomeFollowUp = "/:lang/exchanges/:exchange/reports/:side/follow-up"
        case contributions = "/:lang/contributions"
        case indicators = "/:lang/indicators"
        /// An indicator's page, and its figures as files: the slug ends in `.csv` or `.json`.
        case indicator = "/:lang/indicators/:slug"
        case openData = "/:lang/open-data"
        case openDataFile = "/open-data/sankofa-open-data.zip"
        case openDataCatalog = "/open-data/catalog.jsonld"
        case asset = "/assets/:file"
        case apiPractices = "/api/v1/practices"
        case apiPractice = "/api/v1/practices/:slug"
        case apiExperts = "/api/v1/experts"
        case apiExpert = "/api/v1/experts/:slug"
        case apiCentres = "/api/v1/centres"
        case apiCentre = "/api/v1/centres/:slug"
        case apiCourses = "/api/v1/courses"
        case apiCourse = "/api/v1/courses/:slug"
        case apiSearch = "/api/v1/search"
        case apiForumCategories = "/api/v1/forum/categories"
        case apiForumThreads = "/api/v1/forum/categories/:category/threads"
        case apiForumThread = "/api/v1/forum/threads/:thread"
        case apiExchanges = "/api/v1/exchanges"
        case apiExchange = "/api/v1/exchanges/:exchange"
        case apiIndicators = "/api/v1/indicators"
        case apiIndicator = "/api/v1/indicators/:slug"
        case openAPI = "/api/v1/openapi.json"
        case health = "/healthz"
        /// Prometheus metrics, for the addresses and token of `MetricsAccess` (a 404 to anyone else).
        case metrics = "/metrics"

        public var pattern: String { rawValue }

        /// What the router matches; empty segments (the home page's trailing slash) match nothing.
        public var pathComponents: [PathComponent] { pattern.pathComponents }

        /// The pattern with its parameters replaced by `values`, in the order they appear.
        func path(_ values: String...) -> String { fill(values) }

        func path(_ language: Language, _ values: String...) -> String { fill([language.rawValue] + values) }

        private func fill(_ values: [String]) -> String {
            var remaining = values[...]
            let path = pattern.split(separator: "/", omittingEmptySubsequences: false).map { segment in
                guard segment.first == ":" else { return String(segment) }
                guard let value = remaining.popFirst() else { preconditionFailure("\(pattern): too few values") }
                return value
            }.joined(separator: "/")
            precondition(remaining.isEmpty, "\(pattern): too many values")
            return path
        }
    }
}

extension RoutesBuilder {
    @discardableResult
    func get<Content: AsyncResponseEncodable>(
        _ route: SiteURL.Route, use handler: @Sendable @escaping (Request) async throws -> Content
    ) -> Vapor.Route {
        on(.GET, route.pathComponents, use: handler)
    }

    @discardableResult
    func post<Content: AsyncResponseEncodable>(
        _ route: SiteURL.Route, use handler: @Sendable @escaping (Request) async throws -> Content
    ) -> Vapor.Route {
        on(.POST, route.pathComponents, use: handler)
    }
}
