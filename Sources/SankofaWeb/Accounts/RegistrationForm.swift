import SankofaCore
import Vapor

/// The registration form: what an applicant tells the vetting admins or focal points.
struct RegistrationForm: FormInput {
    var name = ""
    var email = ""
    var password = ""
    var country = ""
    var organisation = ""
    var organisationType = ""
    var position = ""
    var motivation = ""
    /// Nil until sent: the page's language is chosen in the list.
    var language: String?

    var cleanName: String { FormText.clean(name, limit: 200) }
    var cleanEmail: String { FormText.clean(email, limit: 254).lowercased() }
    var cleanCountry: String { FormText.clean(country, limit: 2).uppercased() }
    var cleanOrganisation: String { FormText.clean(organisation, limit: 200) }
    var cleanPosition: String { FormText.clean(position, limit: 200) }
    var cleanMotivation: String { FormText.clean(motivation, limit: 2000) }

    func validate() -> FormErrors {
        var errors = FormErrors()
        errors.check(!cleanName.isEmpty, "name", "error.required")
        errors.check(cleanName.count <= 200, "name", "error.tooLong")
        errors.check(EmailAddress.isValid(cleanEmail), "email", "error.email")
        if let problem = PasswordPolicy.standard.problem(with: password) { errors.byField["password"] = problem }
        errors.check(Countries.isValid(cleanCountry) && cleanCountry.count == 2, "country", "error.country")
        errors.check(!cleanOrganisation.isEmpty, "organisation", "error.required")
        errors.check(cleanOrganisation.count <= 200, "organisation", "error.tooLong")
        errors.check(OrganisationType(rawValue: organisationType) != nil, "organisationType", "error.choice")
        errors.check(!cleanPosition.isEmpty, "position", "error.required")
        errors.check(cleanPosition.count <= 200, "position", "error.tooLong")
        errors.check(!cleanMotivation.isEmpty, "motivation", "error.required")
        errors.check(cleanMotivation.count <= 2000, "motivation", "error.tooLong")
        errors.check(Language(rawValue: language ?? "") != nil, "language", "error.choice")
        return errors
    }

    /// The fields, filled with what was typed (never the password).
    func fields(_ request: Request, _ language: Language) -> [FormField] {
        func t(_ key: String) -> String { request.t(key, language) }
        let countries = Countries.sortedNames[language] ?? []
        return [
            FormField("name", label: t("account.name"), value: name, autocomplete: "name"),
            FormField("email", label: t("account.email"), value: email, type: "email", autocomplete: "email", maxLength: 254),
            FormField("password", label: t("account.password"), type: "password", autocomplete: "new-password",
                      maxLength: PasswordPolicy.maximumLength, hint: t("account.password.hint")),
            FormField("country", label: t("account.country"),
                      choices: [.init(value: "", label: t("form.choose"), selected: country.isEmpty)]
                        + countries.map { .init(value: $0.0, label: $0.1, selected: $0.0 == cleanCountry) }),
            FormField("organisation", label: t("account.organisation"), value: organisation, autocomplete: "organization"),
            FormField("organisationType", label: t("account.organisationType"),
                      choices: [.init(value: "", label: t("form.choose"), selected: organisationType.isEmpty)]
                        + OrganisationType.allCases.map { .init(value: $0.rawValue, label: t($0.labelKey), selected: $0.rawValue == organisationType) }),
            FormField("position", label: t("account.position"), value: position, autocomplete: "organization-title"),
            FormField("motivation", label: t("account.motivation"), value: motivation, maxLength: 2000,
                      hint: t("account.motivation.hint"), textArea: true),
            FormField("language", label: t("account.language"),
                      choices: Language.displayOrder.map { .init(value: $0.rawValue, label: $0.nativeName, selected: $0.rawValue == (self.language ?? language.rawValue)) }),
        ]
    }
}

extension RegistrationForm {
    init(_ body: FormBody) {
        name = body.text("name")
        email = body.text("email")
        password = body.text("password")
        country = body.text("country")
        organisation = body.text("organisation")
        organisationType = body.text("organisationType")
        position = body.text("position")
        motivation = body.text("motivation")
        language = body.has("language") ? body.text("language") : nil
    }
}

struct LoginForm: FormInput {
    var email: String
    var password: String

    init(_ body: FormBody) {
        email = body.text("email")
        password = body.text("password")
    }
}
