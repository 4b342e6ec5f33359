import Foundation
import SankofaCore
import SankofaPublish
import SankofaStore

/// The store's records as rows of the open data's tables (``OpenDataSchema``), cells in the
/// order of each table's columns. Codes stay codes (ISO countries, vocabulary values): the data
/// dictionary says what they mean.
struct OpenDataRows {
    let baseURL: String

    func practice(_ practice: OpenDataReader.Practice) -> [OpenDataCell] {
        let record = practice.record
        let shown = ShownPracticeText(record.translations, original: record.originalLanguage, in: record.originalLanguage, placeholderTitle: record.slug)
        return [.text(record.slug), .text(url(.practice(record.originalLanguage, slug: record.slug))), .text(record.originalLanguage.rawValue),
                .text(shown.text.title), .text(record.leadCountry), .list(record.countries),
                .list(PracticeDTO.regions(record.countries)), .text(record.scope?.rawValue), .boolean(Scope.isTriangular(countries: record.countries)),
                .text(record.maturity.rawValue), .text(record.evidenceLevel.rawValue), .list(record.pillars.map { String($0.rawValue) }),
                .list(record.themes.map(\.rawValue)), .integer(record.startYear), .integer(record.endYear), .text(record.lastReviewed),
                .text(practice.publishedAt.map(Self.dateTime)), .text(practice.updatedAt.map(Self.dateTime)),
                .list(Self.translated(record).map(\.rawValue))]
    }

    /// The languages a practice has a text in (a translation without a title is none, as on its page).
    static func translated(_ record: PracticeRecord) -> [Language] {
        Language.displayOrder.filter { record.translations[$0].map { !$0.title.isEmpty } ?? false }
    }

    func translations(_ record: PracticeRecord) -> [[OpenDataCell]] {
        Self.translated(record).compactMap { language in
            guard let text = record.translations[language] else { return nil }
            return [.text(record.slug), .text(language.rawValue), .boolean(language == record.originalLanguage)]
                + PracticeText.fieldNames.map { .text(text.value(of: $0)) }
        }
    }

    func organisations(_ record: PracticeRecord) -> [[OpenDataCell]] {
        [("implementing", record.implementingOrganisations), ("partner", record.partners), ("funder", record.funders)].flatMap { role, names in
            names.enumerated().map { [.text(record.slug), .text(role), .integer($0.offset + 1), .text($0.element)] }
        }
    }

    func sources(_ record: PracticeRecord) -> [[OpenDataCell]] {
        record.sources.enumerated().map { [.text(record.slug), .integer($0.offset + 1), .text($0.element.title), .text($0.element.url)] }
    }

    func expert(_ view: ExpertView) -> [OpenDataCell] {
        let biography = view.biography?.resolve(view.originalLanguage, original: view.originalLanguage)?.value
        let links = ((view.links ?? []) + (view.publications ?? [])).compactMap(\.url)
            .map { $0.replacingOccurrences(of: ";", with: "%3B") }
        return [.text(view.slug), .text(url(.expert(view.originalLanguage, slug: view.slug))), .text(view.name),
                .text(view.originalLanguage.rawValue), .text(view.title), .text(view.organisation), .text(view.country),
                .text(view.country.map { RegionTable.standard.region(of: $0).rawValue }),
                .list(view.languages.map(\.code)), .list(view.themes.map(\.rawValue)), .list(view.pillars.map { String($0.rawValue) }),
                .list((view.experienceKinds ?? []).map(\.rawValue)), .integer(view.yearsOfExperience),
                .list(view.experienceCountries ?? []), .list(view.offers.map(\.type.rawValue)), .list(view.practices),
                .text(biography), .list(links), .boolean(view.isFocalPoint), .boolean(view.demo)]
    }

    func centre(_ centre: CentreRecord) -> [OpenDataCell] {
        let name = centre.translations.resolve(centre.originalLanguage, original: centre.originalLanguage)?.value.name
        return [.text(centre.slug), .text(url(.centre(centre.originalLanguage, slug: centre.slug))), .text(centre.originalLanguage.rawValue),
                .text(name), .text(centre.country), .text(RegionTable.standard.region(of: centre.country).rawValue), .text(centre.type.rawValue),
                .list(centre.themes.map(\.rawValue)), .text(centre.website), .text(centre.contactURL), .text(centre.focalPoint),
                .list(centre.experts), .list(centre.practices)]
    }

    func centreTranslations(_ centre: CentreRecord) -> [[OpenDataCell]] {
        Language.displayOrder.compactMap { language in
            centre.translations[language].map { [.text(centre.slug), .text(language.rawValue), .boolean(language == centre.originalLanguage),
                                                 .text($0.name), .text($0.description)] }
        }
    }

    func course(_ course: CourseRecord) -> [OpenDataCell] {
        let title = course.translations.resolve(course.originalLanguage, original: course.originalLanguage)?.value.title
        return [.text(course.slug), .text(url(.course(course.originalLanguage, slug: course.slug))), .text(course.originalLanguage.rawValue),
                .text(title), .text(course.centre), .text(course.country), .text(RegionTable.standard.region(of: course.country).rawValue),
                .list(course.themes.map(\.rawValue)), .text(course.modality.rawValue), .text(course.location), .list(course.languages),
                .text(course.startDate), .text(course.endDate), .integer(course.seats), .text(course.costCoverage.rawValue),
                .text(course.applyURL), .boolean(course.demo)]
    }

    func courseTranslations(_ course: CourseRecord) -> [[OpenDataCell]] {
        Language.displayOrder.compactMap { language in
            course.translations[language].map { [.text(course.slug), .text(language.rawValue), .boolean(language == course.originalLanguage),
                                                 .text($0.title), .text($0.description), .text($0.eligibility), .text($0.howToApply)] }
        }
    }

    func exchange(_ summary: PublicExchangeSummaries.Summary) -> [OpenDataCell] {
        [.integer(summary.id), .text(url(.exchange(.en, id: summary.id))), .text(summary.type.rawValue), .text(summary.status.rawValue),
         .text(summary.scope?.rawValue), .boolean(summary.triangular), .list(summary.themes.map(\.rawValue)),
         .text(summary.startsOn), .text(summary.endsOn), .list(summary.countries[.provider] ?? []),
         .list(summary.countries[.beneficiary] ?? []), .list(summary.countries[.partner] ?? []), .boolean(summary.demo)]
    }

    /// An indicator in long form: its headline value, each point of its series by year and by
    /// quarter, each row of each breakdown; suppressed figures say so in `figure`, with no value.
    func indicator(_ result: IndicatorResult) -> [[OpenDataCell]] {
        func row(_ series: String, period: String?, dimensions: [String], keys: [String], _ figure: IndicatorFigure) -> [OpenDataCell] {
            let (kind, value, currency): (String, Double?, String?) = switch figure {
            case .count(let n): ("count", Double(n), nil)
            case .measure(let value, _): ("measure", value, nil)
            case .money(let milli, let code, _): ("money", Double(milli) / 1000, code)
            case .fewerThan(let n): ("fewerThan", Double(n), nil)
            case .withheld: ("withheld", nil, nil)
            case .none: ("none", nil, nil)
            }
            let basis: Int? = switch figure { case .measure, .money: figure.basis; default: nil }
            return [.text(result.id.rawValue), .integer(result.id.outcome.rawValue), .text(result.unit.rawValue), .text(series),
                    .text(period), .list(dimensions), .list(keys), .text(kind), .number(value), .integer(basis), .text(currency)]
        }
        var rows = [row("total", period: nil, dimensions: [], keys: [], result.value)]
        rows += result.byYear.map { row("year", period: $0.period, dimensions: [], keys: [], $0.figure) }
        rows += result.byQuarter.map { row("quarter", period: $0.period, dimensions: [], keys: [], $0.figure) }
        for breakdown in result.breakdowns {
            rows += breakdown.rows.map { row("breakdown", period: nil, dimensions: breakdown.dimensions.map(\.rawValue), keys: $0.keys, $0.figure) }
        }
        return rows
    }

    private func url(_ site: SiteURL) -> String { baseURL + site.path }

    /// A value type, made once: a formatter object a row cost a third of the practices' time.
    static let iso8601 = Date.ISO8601FormatStyle()
    static func dateTime(_ date: Date) -> String { iso8601.format(date) }
}
