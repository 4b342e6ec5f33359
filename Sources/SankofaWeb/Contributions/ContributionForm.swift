import SankofaCore
import SankofaStore
import Vapor

/// The form of a contribution to an exchange. The amount is typed as people write it in the
/// page's language (``Money/parse(_:currency:language:)``); each problem is shown by its field.
struct ContributionForm: FormInput {
    var kind = ContributionKind.financial.rawValue
    var contributorKind = ContributorKind.country.rawValue
    var contributorCountry = ""
    var contributorName = ""
    var centre = ""
    var amount = ""
    var currency = ""
    var item = ""
    var description = ""
    var givenOn = ""
    var source = ""

    init(_ body: FormBody) {
        kind = body.text("kind")
        contributorKind = body.text("contributorKind")
        contributorCountry = FormText.clean(body.text("contributorCountry"), limit: 2).uppercased()
        contributorName = FormText.clean(body.text("contributorName"), limit: ContributionRecord.maxName + 1)
        centre = FormText.clean(body.text("centre"), limit: 121)
        amount = FormText.clean(body.text("amount"), limit: 41)
        currency = FormText.clean(body.text("currency"), limit: 3).uppercased()
        item = body.text("item")
        description = FormText.clean(body.text("description"), limit: ContributionRecord.maxText + 1)
        givenOn = FormText.clean(body.text("givenOn"), limit: 10)
        source = FormText.clean(body.text("source"), limit: ContributionRecord.maxText + 1)
    }

    /// The empty form: money given by a country, today.
    init(today: String) { givenOn = today }

    /// The form holding a stored contribution, its amount in the page's notation.
    init(_ record: ContributionRecord, language: Language) {
        kind = record.kind.rawValue
        contributorKind = record.contributorKind.rawValue
        contributorCountry = record.contributorCountry ?? ""
        contributorName = record.contributorKind == .organisation ? record.contributorName : ""
        centre = record.centre ?? ""
        amount = record.amount?.plain(in: language) ?? ""
        currency = record.amount?.currency ?? ""
        item = record.item?.rawValue ?? ""
        description = record.description
        givenOn = record.givenOn
        source = record.source
    }

    /// The record the form describes, or the errors by field (nothing half-read is returned).
    func record(_ language: Language) -> (ContributionRecord?, FormErrors) {
        var errors = FormErrors()
        let kind = ContributionKind(rawValue: kind), contributor = ContributorKind(rawValue: contributorKind)
        errors.check(kind != nil, "kind", "error.choice")
        errors.check(contributor != nil, "contributorKind", "error.choice")
        let item = InKindItem(rawValue: item)
        errors.check(item != nil || self.item.isEmpty, "item", "error.choice")
        var money: Money?
        // In kind, the estimate is optional: an empty amount is no estimate.
        if kind == .financial || !amount.isEmpty || (kind == .inKind && !currency.isEmpty) {
            switch Money.parse(amount, currency: currency, language: language) {
            case .success(let parsed): money = parsed
            case .failure(.unknownCurrency): errors.check(false, "currency", currency.isEmpty ? "error.required" : Money.Problem.unknownCurrency.labelKey)
            case .failure(let problem): errors.check(false, "amount", problem == .required ? "error.required" : problem.labelKey)
            }
        }
        guard let kind, let contributor, errors.isEmpty else { return (nil, errors) }
        let record = ContributionRecord(
            kind: kind, contributorKind: contributor, contributorCountry: contributorCountry.isEmpty ? nil : contributorCountry,
            contributorName: contributor == .organisation ? contributorName : "", centre: contributor == .centre ? centre : nil,
            amount: money, item: kind == .inKind ? item : nil, description: description, givenOn: givenOn, source: source)
        errors.check(record.issues())
        return errors.isEmpty ? (record, errors) : (nil, errors)
    }

    func sections(_ request: Request, _ language: Language) -> [SectionedForm.Section] {
        func t(_ key: String) -> String { request.t(key, language) }
        func choices<T: RawRepresentable<String>>(_ all: [T], _ label: (T) -> String, _ chosen: String, empty: Bool = false) -> [FormField.Choice] {
            (empty ? [FormField.Choice(value: "", label: t("contribution.field.none"), selected: chosen.isEmpty)] : [])
                + all.map { FormField.Choice(value: $0.rawValue, label: label($0), selected: $0.rawValue == chosen) }
        }
        let countries = [FormField.Choice(value: "", label: t("contribution.field.none"), selected: contributorCountry.isEmpty)]
            + (Countries.sortedNames[language] ?? []).map { FormField.Choice(value: $0.code, label: $0.name, selected: $0.code == contributorCountry) }
        let currencies = [FormField.Choice(value: "", label: t("contribution.field.none"), selected: currency.isEmpty)]
            + Currency.choices(in: language).map { FormField.Choice(value: $0.code, label: "\($0.name) (\($0.code))", selected: $0.code == currency) }
        return [
            .init(legend: t("contribution.section.what"), fields: [
                FormField("kind", label: t("contribution.field.kind"), choices: choices(ContributionKind.allCases, { t($0.labelKey) }, kind)),
                FormField("item", label: t("contribution.field.item"), required: false, hint: t("contribution.field.item.hint"),
                          choices: choices(InKindItem.allCases, { t($0.labelKey) }, item, empty: true)),
                FormField("amount", label: t("contribution.field.amount"), value: amount, required: false, maxLength: 40,
                          hint: t("contribution.field.amount.hint")),
                FormField("currency", label: t("contribution.field.currency"), required: false, choices: currencies),
                FormField("description", label: t("contribution.field.description"), value: description, required: false,
                          maxLength: ContributionRecord.maxText, textArea: true),
            ]),
            .init(legend: t("contribution.section.who"), fields: [
                FormField("contributorKind", label: t("contribution.field.contributorKind"),
                          choices: choices(ContributorKind.allCases, { t($0.labelKey) }, contributorKind)),
                FormField("contributorCountry", label: t("contribution.field.contributorCountry"), required: false, choices: countries),
                FormField("contributorName", label: t("contribution.field.contributorName"), value: contributorName, required: false,
                          maxLength: ContributionRecord.maxName),
                FormField("centre", label: t("contribution.field.centre"), value: centre, required: false, maxLength: 120,
                          hint: t("contribution.field.centre.hint")),
            ]),
            .init(legend: t("contribution.section.when"), fields: [
                FormField("givenOn", label: t("contribution.field.givenOn"), value: givenOn, type: "date", maxLength: 10),
                FormField("source", label: t("contribution.field.source"), value: source, required: false,
                          maxLength: ContributionRecord.maxText, hint: t("contribution.field.source.hint"), textArea: true),
            ]),
        ]
    }
}
