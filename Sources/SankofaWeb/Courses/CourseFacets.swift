import Foundation
import SankofaCore
import Vapor

/// When a course is, as a facet.
enum CourseTiming: String, CaseIterable, Sendable {
    case upcoming, ongoing, past
    var labelKey: String { "courses.\(rawValue)" }

    static func of(_ course: CourseRecord, today: String) -> CourseTiming {
        if course.isPast(today: today) { return .past }
        return course.startDate <= today ? .ongoing : .upcoming
    }
}

enum CourseFacets {
    static func all(today: String) -> [DirectoryFacet<CourseRecord>] {
        [
            CommonFacets.enumeration("when", CourseTiming.allCases, { [CourseTiming.of($0, today: today).rawValue] }, label: \.labelKey),
            month,
            CommonFacets.country { [$0.country] },
            CommonFacets.region { [RegionTable.standard.region(of: $0.country).rawValue] },
            CommonFacets.theme { $0.themes },
            CommonFacets.language { $0.languages },
            CommonFacets.enumeration("modality", Modality.allCases, { [$0.modality.rawValue] }, label: \.labelKey),
            CommonFacets.enumeration("cost", CostCoverage.allCases, { [$0.costCoverage.rawValue] }, label: \.labelKey),
        ]
    }

    /// The month a course starts in (`2027-02`), named in the reader's language, in date order.
    static let month = DirectoryFacet<CourseRecord>(
        name: "month", values: { [String($0.startDate.prefix(7))] },
        isValid: { $0.count == 7 && ISODay.parse($0 + "-01") != nil }
    ) { present, language, _ in
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
