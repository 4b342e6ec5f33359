import Foundation
import SankofaCore
import SankofaPublish
import SankofaStore
import Vapor

/// `/{lang}/editions`: every edition, whatever its status.
struct EditionListPage: Encodable, Sendable {
    struct Item: Encodable, Sendable { var title: String; var label: String; var status: String; var href: String }
    var heading: String
    var newHref: String
    var editions: [Item]
}

/// An edition for its editors: status and build progress, compile and publish, and the form.
struct EditionPage: Encodable, Sendable {
    struct TextGroup: Encodable, Sendable { var legend: String; var lang: String; var dir: String; var fields: [FormField] }

    var heading: String
    var status: String?
    var edition: String?
    var errorMessage: String?
    var progress: String?
    var failures: [String]
    var building: Bool
    var readHref: String?
    var downloads: [DownloadGroup]
    var hasDownloads: Bool
    var canCompile: Bool
    var canPublish: Bool
    var editable: Bool
    var compileAction: String
    var publishAction: String
    var action: String
    var submitLabel: String
    var fields: [FormField]
    var texts: [TextGroup]
    var backHref: String

    init(_ request: Request, _ language: Language, _ form: EditionForm, edition: EditionModel?, errors: [String: String]) async throws {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, language, arguments) }
        let (fields, texts) = form.fields(language, request, errors: errors, includeSlug: edition == nil)
        self.fields = fields
        self.texts = texts
        backHref = SiteURL.editions(language).path
        // Errors about the edition as a whole (compile, publish) are shown at the top.
        errorMessage = errors["edition"].map { t($0) } ?? errors["texts"].map { t($0) }
        failures = []
        downloads = []
        guard let edition else {
            heading = t("handbook.new")
            action = SiteURL.newEdition(language).path
            submitLabel = t("handbook.create")
            (status, self.edition, progress, building, readHref, canCompile, canPublish, editable) = (nil, nil, nil, false, nil, false, false, true)
            (compileAction, publishAction, hasDownloads) = ("", "", false)
            return
        }
        let state = edition.editionStatus
        heading = HandbookController.title(edition, language, request) + " · " + HandbookController.label(edition, language, request)
        status = t(state.labelKey)
        self.edition = edition.slug
        action = SiteURL.edition(language, edition: edition.slug).path
        compileAction = SiteURL.compileEdition(language, edition: edition.slug).path
        publishAction = SiteURL.publishEdition(language, edition: edition.slug).path
        submitLabel = t("handbook.save")
        editable = state != .published
        canCompile = state != .published
        building = BuildState(rawValue: edition.buildState) == .building
        canPublish = state == .compiled && !building
        readHref = state == .draft ? nil : SiteURL.handbookEdition(language, edition: edition.slug).path
        switch BuildState(rawValue: edition.buildState) ?? .none {
        case .building:
            progress = t("handbook.build.building", ["done": NumberFormatting.integer(edition.buildDone, language),
                                                     "total": NumberFormatting.integer(edition.buildTotal, language)])
        case .built: progress = t("handbook.build.built")
        case .failed:
            // The log line is precise; the editor reads which files are missing and, for the
            // common case, why.
            let lines = (edition.buildMessage ?? "").split(separator: "\n").map(String.init)
            let files = lines.map { $0.split(separator: ":")[0].description }
            progress = t("handbook.build.failed", ["files": files.joined(separator: ", ")])
            if lines.contains(where: { $0.contains("WeasyPrint is missing") }) { failures.append(t("handbook.error.weasyprint")) }
        case .none: progress = state == .draft ? nil : t("handbook.build.none")
        }
        downloads = DownloadGroup.groups(edition, try await EditionStore(database: request.db).files(of: edition), language, request)
        hasDownloads = !downloads.isEmpty
    }
}
