import SankofaCore
import SankofaStore

/// Every path of the site, in one place: views and controllers never spell a path by hand.
public enum SiteURL: Sendable {
    case home(Language)
    case practices(Language)
    case practice(Language, slug: String)
    case about(Language)
    case search(Language)
    case register(Language)
    case login(Language)
    case logout(Language)
    case account(Language)
    case endSession(Language)
    case endAllSessions(Language)
    case verifyEmail(Language, token: String)
    case vetting(Language)
    case vet(Language, user: String)
    case audit(Language)
    case outbox(Language)
    case experts(Language)
    case expertsExport(Language)
    case expert(Language, slug: String)
    case expertContact(Language, slug: String)
    case expertEndorse(Language, slug: String)
    case expertWithdraw(Language, slug: String)
    case expertEdit(Language, slug: String)
    case expertNew(Language)
    case profileEdit(Language)
    case profileClaim(Language)
    case centres(Language)
    case centre(Language, slug: String)
    case centreNew(Language)
    case centreEdit(Language, slug: String)
    case courses(Language)
    case course(Language, slug: String)
    case coursesCalendar(Language)
    case courseNew(Language)
    case courseEdit(Language, slug: String)
    case coursesFeed(Language)
    case handbook(Language)
    case handbookEdition(Language, edition: String)
    case handbookChapter(Language, edition: String, chapter: String)
    case handbookFile(edition: String, file: String)
    case editions(Language)
    case newEdition(Language)
    case edition(Language, edition: String)
    case compileEdition(Language, edition: String)
    case publishEdition(Language, edition: String)
    case submit(Language)
    case myPractices(Language)
    case myPractice(Language, slug: String)
    case review(Language)
    case reviewPractice(Language, slug: String)
    case translate(Language, slug: String, target: Language)
    case translateCentre(Language, slug: String, target: Language)
    case translateCourse(Language, slug: String, target: Language)
    case translationQueue(Language)
    case adminUsers(Language)
    case adminUser(Language, id: String)
    case twoFactor(Language)
    case twoFactorEnable(Language)
    case twoFactorDisable(Language)
    case twoFactorVerify(Language)
    case password(Language)
    case passwordReset(Language)
    case passwordResetToken(Language, token: String)
    case personalData(Language)
    case deleteAccount(Language)
    case stylesheet(fingerprint: String)
    case apiPractices
    case apiPractice(slug: String)
    case apiExperts
    case apiExpert(slug: String)
    case apiCentres
    case apiCentre(slug: String)
    case apiCourses
    case apiCourse(slug: String)
    case openAPI
    case health

    public var path: String {
        switch self {
        case .home(let l): "/\(l.rawValue)/"
        case .practices(let l): "/\(l.rawValue)/practices"
        case .practice(let l, let slug): "/\(l.rawValue)/practices/\(slug)"
        case .about(let l): "/\(l.rawValue)/about"
        case .search(let l): "/\(l.rawValue)/search"
        case .register(let l): "/\(l.rawValue)/account/register"
        case .login(let l): "/\(l.rawValue)/account/login"
        case .logout(let l): "/\(l.rawValue)/account/logout"
        case .account(let l): "/\(l.rawValue)/account"
        case .endSession(let l): "/\(l.rawValue)/account/sessions/end"
        case .endAllSessions(let l): "/\(l.rawValue)/account/sessions/end-all"
        case .verifyEmail(let l, let token): "/\(l.rawValue)/account/verify/\(token)"
        case .vetting(let l): "/\(l.rawValue)/admin/vetting"
        case .vet(let l, let user): "/\(l.rawValue)/admin/vetting/\(user)"
        case .audit(let l): "/\(l.rawValue)/admin/audit"
        case .outbox(let l): "/\(l.rawValue)/admin/outbox"
        case .experts(let l): "/\(l.rawValue)/experts"
        case .expertsExport(let l): "/\(l.rawValue)/experts/export.csv"
        case .expert(let l, let slug): "/\(l.rawValue)/experts/\(slug)"
        case .expertContact(let l, let slug): "/\(l.rawValue)/experts/\(slug)/contact"
        case .expertEndorse(let l, let slug): "/\(l.rawValue)/experts/\(slug)/endorse"
        case .expertWithdraw(let l, let slug): "/\(l.rawValue)/experts/\(slug)/endorse/withdraw"
        case .expertEdit(let l, let slug): "/\(l.rawValue)/experts/\(slug)/edit"
        case .expertNew(let l): "/\(l.rawValue)/experts/new"
        case .profileEdit(let l): "/\(l.rawValue)/account/profile"
        case .profileClaim(let l): "/\(l.rawValue)/account/profile/claim"
        case .centres(let l): "/\(l.rawValue)/centres"
        case .centre(let l, let slug): "/\(l.rawValue)/centres/\(slug)"
        case .centreNew(let l): "/\(l.rawValue)/centres/new"
        case .centreEdit(let l, let slug): "/\(l.rawValue)/centres/\(slug)/edit"
        case .courses(let l): "/\(l.rawValue)/courses"
        case .course(let l, let slug): "/\(l.rawValue)/courses/\(slug)"
        case .coursesCalendar(let l): "/\(l.rawValue)/courses/calendar"
        case .courseNew(let l): "/\(l.rawValue)/courses/new"
        case .courseEdit(let l, let slug): "/\(l.rawValue)/courses/\(slug)/edit"
        case .coursesFeed(let l): "/\(l.rawValue)/courses.ics"
        case .handbook(let l): "/\(l.rawValue)/handbook"
        case .handbookEdition(let l, let edition): "/\(l.rawValue)/handbook/\(edition)"
        case .handbookChapter(let l, let edition, let chapter): "/\(l.rawValue)/handbook/\(edition)/\(chapter)"
        case .handbookFile(let edition, let file): "/handbook/\(edition)/\(file)"
        case .editions(let l): "/\(l.rawValue)/editions"
        case .newEdition(let l): "/\(l.rawValue)/editions/new"
        case .edition(let l, let edition): "/\(l.rawValue)/editions/\(edition)"
        case .compileEdition(let l, let edition): "/\(l.rawValue)/editions/\(edition)/compile"
        case .publishEdition(let l, let edition): "/\(l.rawValue)/editions/\(edition)/publish"
        case .submit(let l): "/\(l.rawValue)/submit"
        case .myPractices(let l): "/\(l.rawValue)/my/practices"
        case .myPractice(let l, let slug): "/\(l.rawValue)/my/practices/\(slug)"
        case .review(let l): "/\(l.rawValue)/review"
        case .reviewPractice(let l, let slug): "/\(l.rawValue)/review/\(slug)"
        case .translate(let l, let slug, let target): "/\(l.rawValue)/translate/\(slug)/\(target.rawValue)"
        case .translateCentre(let l, let slug, let target): "/\(l.rawValue)/translate/centres/\(slug)/\(target.rawValue)"
        case .translateCourse(let l, let slug, let target): "/\(l.rawValue)/translate/courses/\(slug)/\(target.rawValue)"
        case .translationQueue(let l): "/\(l.rawValue)/translate"
        case .adminUsers(let l): "/\(l.rawValue)/admin/users"
        case .adminUser(let l, let id): "/\(l.rawValue)/admin/users/\(id)"
        case .twoFactor(let l): "/\(l.rawValue)/account/two-factor"
        case .twoFactorEnable(let l): "/\(l.rawValue)/account/two-factor/enable"
        case .twoFactorDisable(let l): "/\(l.rawValue)/account/two-factor/disable"
        case .twoFactorVerify(let l): "/\(l.rawValue)/account/two-factor/verify"
        case .password(let l): "/\(l.rawValue)/account/password"
        case .passwordReset(let l): "/\(l.rawValue)/account/reset"
        case .passwordResetToken(let l, let token): "/\(l.rawValue)/account/reset/\(token)"
        case .personalData(let l): "/\(l.rawValue)/account/export"
        case .deleteAccount(let l): "/\(l.rawValue)/account/delete"
        case .stylesheet(let fingerprint): "/assets/sankofa.\(fingerprint).css"
        case .apiPractices: "/api/v1/practices"
        case .apiPractice(let slug): "/api/v1/practices/\(slug)"
        case .apiExperts: "/api/v1/experts"
        case .apiExpert(let slug): "/api/v1/experts/\(slug)"
        case .apiCentres: "/api/v1/centres"
        case .apiCentre(let slug): "/api/v1/centres/\(slug)"
        case .apiCourses: "/api/v1/courses"
        case .apiCourse(let slug): "/api/v1/courses/\(slug)"
        case .openAPI: "/api/v1/openapi.json"
        case .health: "/healthz"
        }
    }
}

extension SiteURL {
    /// The page of a search hit, by its kind.
    static func hit(_ kind: SearchKind, _ language: Language, slug: String) -> SiteURL {
        switch kind {
        case .practice: .practice(language, slug: slug)
        case .expert: .expert(language, slug: slug)
        case .centre: .centre(language, slug: slug)
        case .course: .course(language, slug: slug)
        }
    }
}
