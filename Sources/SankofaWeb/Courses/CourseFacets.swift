import Foundation
import SankofaCore
import Vapor

/// The courses' facets; when a course is (``CourseTiming``) is counted against the day.
enum CourseFacets {
    static let all: [DirectoryFacet] = [
        CommonFacets.enumeration("when", CourseTiming.allCases, label: \.labelKey),
        month, CommonFacets.country, CommonFacets.region, CommonFacets.theme, CommonFacets.language,
        CommonFacets.enumeration("modality", Modality.allCases, label: \.labelKey),
        CommonFacets.enumeration("cost", CostCoverage.allCases, label: \.labelKey),
    ]

    /// The month a course starts in (`2027-02`), named in the reader's language, in date order.
    static let month = DirectoryFacet(name: "month", isValid: { $0.count == 7 && ISODay.parse($0 + "-01") != nil }) { present, language, _ in
        present.sorted().map { ($0, ISODay.parse($0 + "-01").map { DateFormatting.monthYear($0, language) } ?? $0) }
    }
}

extension DirectoryCard {
    init(course record: CourseRecord, _ language: Language, _ request: Request) {
        func t(_ key: String) -> String { request.t(key, language) }
        let separator = t("list.separator")
        let text = record.translations.resolve(language, original: record.originalLanguage)
        href = SiteURL.course(language, slug: record.slug).path
        title = text?.value.title ?? record.slug
        textLang = text?.language.rawValue
        textDir = text?.language.direction
        subtitle = request.dateSpan(from: record.startDate, to: record.endDate, language)
        var place = [t(record.modality.labelKey)]
        if let location = record.location, !location.isEmpty { place.append(location) }
        place.append(Countries.name(of: record.country, in: language))
        lines = [place.joined(separator: separator),
                 request.labelled("course.languages", record.languages.map { Language.name(of: $0, in: language) }.joined(separator: separator), language)]
        badges = [t(record.costCoverage.labelKey)] + (record.isPast(today: ISODay.format(Date())) ? [t("courses.past")] : [])
        note = text.flatMap { $0.language != language ? request.t("content.fallback", language, ["language": $0.language.name(in: language)]) : nil }
        demo = record.demo
    }
}
