import SankofaCore
import Vapor

/// The centre form: every field of a Centre of Excellence, its texts in the original language
/// (translators add the others). Linked experts and practices are given by the address names
/// (slugs) that end their pages' addresses, one a line, and must name existing ones.
struct CentreForm: RecordFormInput {
    let body: FormBody

    init(_ body: FormBody) { self.body = body }

    init(record: CentreRecord) {
        let text = record.translations[record.originalLanguage] ?? CentreText(name: "")
        var pairs: [(name: String, value: String)] = [
            ("name", text.name), ("description", text.description), ("originalLanguage", record.originalLanguage.rawValue),
            ("country", record.country), ("type", record.type.rawValue), ("website", record.website ?? ""),
            ("contactURL", record.contactURL ?? ""), ("focalPoint", record.focalPoint ?? ""),
            ("experts", record.experts.joined(separator: "\n")), ("practices", record.practices.joined(separator: "\n")),
        ]
        pairs += record.themes.map { ("themes[]", $0.rawValue) }
        self.init(pairs: pairs)
    }

    /// Slugs typed one a line (commas and spaces also separate them), each once, in order.
    func slugs(_ name: String) -> [String] {
        var seen: Set<String> = []
        return text(name, limit: 20_000).split { $0 == "\n" || $0 == "," || $0 == " " || $0 == "\r" || $0 == "\t" }
            .map { $0.lowercased() }.filter { seen.insert($0).inserted }
    }

    /// The name typed to find another focal point, when there is one.
    var focalPointSearch: String? { text("focalPointSearch", limit: 120).trimmingCharacters(in: .whitespaces).nilIfEmpty }

    /// The record the form describes and what is wrong with it. `experts` and `practices` are
    /// the typed slugs that exist (any profile; published practices); `found`, the profiles whose
    /// name has the text of ``focalPointSearch`` (two at most). One found becomes the focal point;
    /// several bring the form back with them among the choices, and one chosen there (a focal
    /// point other than the record's) is taken over the typed name.
    func record(slug: String, keeping existing: CentreRecord?, experts: Set<String>, practices: Set<String>,
                found: [(slug: String, name: String)]) -> (CentreRecord, FormErrors) {
        var errors = FormErrors()
        let original = choice("originalLanguage", Language.self, &errors) ?? .en
        let type = choice("type", CentreType.self, &errors)
        var focalPoint = text("focalPoint", limit: 120).nilIfEmpty
        if focalPointSearch != nil, focalPoint == existing?.focalPoint {
            errors.check(!found.isEmpty, "focalPointSearch", "centre.focalPointSearch.none")
            errors.check(found.count < 2, "focalPointSearch", "centre.focalPointSearch.several")
            if found.count == 1 { focalPoint = found[0].slug }
        }
        // A link already on the record stays acceptable (a practice since unpublished, a profile
        // since deleted are simply not shown), so that it does not block unrelated edits.
        let linkedExperts = slugs("experts"), linkedPractices = slugs("practices")
        let knownExperts = experts.union(existing?.experts ?? []), knownPractices = practices.union(existing?.practices ?? [])
        errors.check(linkedExperts.count <= 500 && linkedExperts.allSatisfy(knownExperts.contains), "experts", "error.unknownExpert")
        errors.check(linkedPractices.count <= 500 && linkedPractices.allSatisfy(knownPractices.contains), "practices", "error.unknownPractice")
        errors.check(focalPoint.map { chosen in knownExperts.contains(chosen) || found.contains { $0.slug == chosen } } ?? true, "focalPoint", "error.choice")
        var translations = existing?.translations ?? LanguageMap<CentreText>()
        translations[original] = CentreText(name: text("name"), description: text("description", limit: DirectoryValidation.maxText))
        let record = CentreRecord(
            slug: slug, originalLanguage: original, country: text("country", limit: 2).uppercased(), type: type ?? .academic,
            themes: list("themes").compactMap(Theme.init(rawValue:)), website: text("website", limit: 2_000).nilIfEmpty,
            contactURL: text("contactURL", limit: 2_000).nilIfEmpty, focalPoint: focalPoint,
            experts: Array(linkedExperts.prefix(500)), practices: Array(linkedPractices.prefix(500)), translations: translations)
        errors.check(DirectoryValidation.issues(in: record))
        return (record, errors)
    }

    /// `people`: the focal point's choices as (slug, name): the one chosen, and those found by name.
    func sections(_ request: Request, _ language: Language, people: [(slug: String, name: String)]) -> [SectionedForm.Section] {
        let form = FormBuilder(form: self, request: request, language: language)
        return [
            .init(legend: form.t("centre.section.about"), fields: [
                FormField("name", label: form.t("centre.name"), value: form.text("name")),
                form.originalLanguage(),
                form.area("description", "centre.description", limit: DirectoryValidation.maxText),
                form.select("type", form.t("facet.type"), CentreType.allCases.map { ($0.rawValue, form.t($0.labelKey)) }),
                form.country(),
                form.themes(),
                FormField("website", label: form.t("centre.websiteURL"), value: form.text("website", limit: 2_000), type: "url", required: false, maxLength: 2_000),
                FormField("contactURL", label: form.t("centre.contactURL"), value: form.text("contactURL", limit: 2_000), type: "url", required: false, maxLength: 2_000),
            ]),
            .init(legend: form.t("centre.section.people"), fields: [
                form.select("focalPoint", form.t("centre.focalPoint"), [("", form.t("centre.noFocalPoint"))] + people.map { ($0.slug, $0.name) }, required: false),
                FormField("focalPointSearch", label: form.t("centre.focalPointSearch"), value: focalPointSearch ?? "", type: "search",
                          required: false, maxLength: 120, hint: form.t("centre.focalPointSearch.hint")),
                form.area("experts", "centre.experts", limit: 20_000, hint: form.t("centre.slugs.hint")),
                form.area("practices", "centre.practices", limit: 20_000, hint: form.t("centre.practiceSlugs.hint")),
            ]),
        ]
    }
}
