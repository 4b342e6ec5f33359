import Foundation
import SankofaCore
import SankofaPublish
import SankofaStore
import Vapor

/// `/{lang}/annual-reports`: the published reports by year, newest first, each with its files in
/// every language; for staff also the form that builds a year and the years built so far.
struct AnnualReportListPage: Encodable, Sendable {
    struct Year: Encodable, Sendable {
        var id: String
        var heading: String
        var published: String
        var downloads: [DownloadGroup]
    }
    struct Built: Encodable, Sendable { var href: String; var label: String; var status: String }
    struct Staff: Encodable, Sendable {
        var action: String
        var year: String
        var first: String
        var last: String
        var error: String?
        var built: [Built]
        var hasBuilt: Bool
    }
    var heading: String
    var lead: String
    var years: [Year]
    var hasYears: Bool
    var staff: Staff?
}

/// `/{lang}/annual-reports/{year}` for staff: the build's progress, its files to check, publish,
/// and the files published so far.
struct AnnualReportYearPage: Encodable, Sendable {
    var heading: String
    var backHref: String
    var progress: String?
    var building: Bool
    var failures: [String]
    var error: String?
    var draftStatus: String?
    var draft: [DownloadGroup]
    var hasDraft: Bool
    var canPublish: Bool
    var publishAction: String
    var buildAction: String
    var year: String
    var publishedStatus: String?
    var published: [DownloadGroup]
    var hasPublished: Bool
}

enum AnnualReportDownloads {
    /// Files as links grouped by their language, as the Handbook's are.
    static func groups(_ files: [AnnualReportFile], _ language: Language, _ request: Request,
                       href: (AnnualReportFile) -> String) -> [DownloadGroup] {
        DownloadGroup.groups(files, language, request, language: \.language.rawValue, format: \.format, size: \.size, href: href)
    }

    /// A year's download address for everyone: its published file.
    static func published(_ file: AnnualReportFile) -> String {
        SiteURL.annualReportFile(year: file.year, file: file.fileName).path
    }
}
