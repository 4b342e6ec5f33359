import Foundation
import SankofaCore
import SankofaStore

/// Test records. The demo set is the one `sankofa seed --demo` loads, read from the same files.
public enum Fixtures {
    public static func demo() throws -> [PracticeRecord] {
        try DemoData.practices(in: demoFolder)
    }

    public static let demoFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Resources/Demo").standardized.path

    /// A small, fully known catalogue: three published practices and one draft.
    public static let small: [PracticeRecord] = [
        record("prison-dialogue", countries: ["MR"], themes: [.prisons, .religiousLeaders], pillars: [.preventingCombating],
               maturity: .evaluated, title: "Dialogue avec les détenus", language: .fr,
               english: "Prison dialogue with religious scholars"),
        record("regional-training", countries: ["KE", "UG", "TZ"], themes: [.prisons, .education], pillars: [.capacityBuilding],
               maturity: .adapted, title: "Regional training for prison officers"),
        record("south-south-exchange", countries: ["CO", "PH"], themes: [.rehabilitationReintegration], pillars: [.conditionsConducive, .humanRightsRuleOfLaw],
               maturity: .scaledUp, title: "Reintegration know-how from Colombia to the Philippines"),
        record("unpublished-idea", countries: ["NG"], themes: [.youth], pillars: [.conditionsConducive],
               maturity: .piloted, title: "Confidential draft about youth", status: .draft),
    ]

    public static func record(
        _ slug: String, countries: [String], themes: [Theme], pillars: [Pillar], maturity: Maturity,
        title: String, language: Language = .en, english: String? = nil, status: PracticeStatus = .published
    ) -> PracticeRecord {
        var translations: [Language: PracticeText] = [
            language: PracticeText(title: title, summary: "Summary of \(slug).", context: "Context.", approach: "Approach.",
                                   safeguards: "Safeguards.", targetGroups: "Groups")
        ]
        if let english { translations[.en] = PracticeText(title: english, summary: "English summary of \(slug).") }
        return PracticeRecord(
            slug: slug, status: status, originalLanguage: language, countries: countries, leadCountry: countries[0],
            startYear: 2018, pillars: pillars, themes: themes, maturity: maturity, evidenceLevel: .monitoringData,
            sources: [PracticeSource(title: "Source", url: "https://www.un.org/counterterrorism/")],
            lastReviewed: "2026-01-15", translations: translations)
    }
}
