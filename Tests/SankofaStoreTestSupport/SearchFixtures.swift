import SankofaCore
import SankofaStore

/// Practices written to exercise search in six scripts: diacritics, letter variants, Chinese
/// without spaces, title against body, and a draft whose words must never be found.
public enum SearchFixtures {
    public static let records: [PracticeRecord] = [
        text("arabic-prison-guidance", "SA", .ar, "برنامج الإرشاد الدينيّ في السُّجون",
             "يهدف إلى مُكافحة التطرّف العنيف عبر الحوار مع العلماء. إعادة إدماج المستفيدين في أسرهم."),
        text("chinese-community", "CN", .zh, "预防暴力极端主义的社区方案", "社区领袖和青年共同参与，减少激进化风险。"),
        text("russian-youth", "TJ", .ru, "Программа для молодёжи", "Ёмкая программа профилактики насильственного экстремизма в школах."),
        text("french-detainees", "SN", .fr, "Réinsertion des détenus", "Un accompagnement des détenus après leur libération, avec les familles."),
        text("spanish-education", "CO", .es, "Educación para la paz", "Programas escolares de reconciliación y prevención en municipios afectados."),
        text("title-mentoring", "KE", .en, "Mentoring networks for returnees", "Peer support organised by county officers."),
        text("body-mentoring", "UG", .en, "Community peace committees", "The committees offer mentoring to young people at risk."),
        text("draft-secret", "NG", .en, "Zanzibarsecret working notes", "Unpublished zanzibarsecret plans.", status: .draft),
    ]

    public static func text(_ slug: String, _ country: String, _ language: Language, _ title: String, _ body: String,
                     status: PracticeStatus = .published) -> PracticeRecord {
        PracticeRecord(
            slug: slug, status: status, originalLanguage: language, countries: [country], leadCountry: country,
            pillars: [.conditionsConducive], themes: [.communityEngagement], maturity: .piloted, evidenceLevel: .none,
            sources: [PracticeSource(title: "Source", url: "https://www.un.org/counterterrorism/")],
            translations: [language: PracticeText(title: title, summary: body)])
    }
}
