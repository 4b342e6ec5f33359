import Foundation

/// A request for expertise as its requester writes it (DOMAIN.md: Request): what is needed, in the
/// writer's language, for which country and institution, on which themes, with which kinds of
/// support, and who may read it. Its status and history live beside it (`requests`, `request_events`);
/// this is the text the form edits and the `record` column stores.
public struct RequestRecord: Codable, Sendable, Equatable {
    public var title: String
    /// What is needed, in ``language``: shown with its `lang` and `dir`.
    public var need: String
    public var language: Language
    /// ISO 3166-1 alpha-2 of a Southern country (``SouthernCountries``).
    public var beneficiaryCountry: String
    public var beneficiaryInstitution: String
    public var themes: [Theme]
    public var pillars: [Pillar]
    public var supportKinds: [SupportKind]
    /// ISO 639-1 codes (two letters): the languages the exchange could work in.
    public var workingLanguages: [String]
    public var modality: RequestModality
    /// ISO days (yyyy-mm-dd), both optional, both inclusive.
    public var startsOn: String?
    public var endsOn: String?
    /// What the beneficiary can bring (a venue, staff time, part of the costs).
    public var beneficiaryContribution: String
    public var visibility: RequestVisibility
    public var demo: Bool

    public init(title: String, need: String, language: Language, beneficiaryCountry: String, beneficiaryInstitution: String = "",
                themes: [Theme], pillars: [Pillar] = [], supportKinds: [SupportKind], workingLanguages: [String],
                modality: RequestModality, startsOn: String? = nil, endsOn: String? = nil, beneficiaryContribution: String = "",
                visibility: RequestVisibility = .staff, demo: Bool = false) {
        self.title = title
        self.need = need
        self.language = language
        self.beneficiaryCountry = beneficiaryCountry
        self.beneficiaryInstitution = beneficiaryInstitution
        self.themes = themes
        self.pillars = pillars
        self.supportKinds = supportKinds
        self.workingLanguages = workingLanguages
        self.modality = modality
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.beneficiaryContribution = beneficiaryContribution
        self.visibility = visibility
        self.demo = demo
    }
}

/// The rules every stored request obeys, wherever it comes from (the form, demo data, an import).
/// Each issue names its field, so the form shows it beside that field with a translated reason.
public enum RequestValidation {
    public static let maxTitle = 200
    public static let needLength = 30...10_000
    public static let maxText = 5_000
    public static let maxInstitution = 300
    public static let maxWorkingLanguages = 10

    public static func issues(in record: RequestRecord) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        text(record.title, "title", required: true, max: maxTitle, &issues)
        let need = record.need.trimmingCharacters(in: .whitespacesAndNewlines)
        if need.isEmpty {
            issues.append(.init(field: "need", reason: "error.required"))
        } else if need.count < needLength.lowerBound {
            issues.append(.init(field: "need", reason: "request.error.needTooShort", detail: "\(needLength.lowerBound)"))
        }
        text(record.need, "need", max: needLength.upperBound, &issues)
        let country = record.beneficiaryCountry
        if country.isEmpty {
            issues.append(.init(field: "beneficiaryCountry", reason: "error.required"))
        } else if !Countries.isValid(country) || country != country.uppercased() {
            issues.append(.init(field: "beneficiaryCountry", reason: "error.country", detail: String(country.prefix(10))))
        } else if !SouthernCountries.codes.contains(country) {
            issues.append(.init(field: "beneficiaryCountry", reason: "request.error.notSouthern", detail: country))
        }
        text(record.beneficiaryInstitution, "beneficiaryInstitution", required: true, max: maxInstitution, &issues)
        if record.themes.isEmpty { issues.append(.init(field: "themes", reason: "error.required")) }
        if record.supportKinds.isEmpty { issues.append(.init(field: "supportKinds", reason: "error.required")) }
        if record.workingLanguages.isEmpty { issues.append(.init(field: "workingLanguages", reason: "error.required")) }
        for code in record.workingLanguages where code.count != 2 || !DirectoryValidation.isLanguageCode(code) {
            issues.append(.init(field: "workingLanguages", reason: "error.language", detail: String(code.prefix(10))))
        }
        if Set(record.workingLanguages).count != record.workingLanguages.count {
            issues.append(.init(field: "workingLanguages", reason: "error.duplicate"))
        }
        if record.workingLanguages.count > maxWorkingLanguages {
            issues.append(.init(field: "workingLanguages", reason: "error.tooManyItems"))
        }
        let start = day(record.startsOn, "startsOn", &issues), end = day(record.endsOn, "endsOn", &issues)
        if let start, let end, end < start { issues.append(.init(field: "endsOn", reason: "error.endBeforeStart")) }
        text(record.beneficiaryContribution, "beneficiaryContribution", max: maxText, &issues)
        return issues
    }

    /// The day, when given and valid; an issue when given and not a day.
    private static func day(_ value: String?, _ field: String, _ issues: inout [ValidationIssue]) -> String? {
        guard let value, !value.isEmpty else { return nil }
        guard ISODay.parse(value) != nil else {
            issues.append(.init(field: field, reason: "error.date", detail: String(value.prefix(20))))
            return nil
        }
        return value
    }

    private static func text(_ value: String, _ field: String, required: Bool = false, max: Int, _ issues: inout [ValidationIssue]) {
        if required && value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(.init(field: field, reason: "error.required"))
        }
        if value.count > max { issues.append(.init(field: field, reason: "error.tooLong", detail: "\(max)")) }
        if value.contains("\u{0}") { issues.append(.init(field: field, reason: "error.invalidCharacters")) }
    }
}
