import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport

/// The records of ``IndicatorAccessTests``, written through the stores the application writes
/// with, at known moments. What each indicator must say of them is worked out by hand:
///
/// Practices (published; `now` is 2026-06-15):
/// - alpha: KE · youth, education · pillar I · piloted · English, French in full · 2025-02-10
/// - beta: CO + PH · youth · pillar III · adapted · Spanish, an Arabic title only · 2025-08-01
/// - gamma: MA · prisons · pillar II · scaledUp · Arabic, English and Chinese in full · 2026-01-20
/// - epsilon: NG · gender · pillar I · piloted, peer reviewed · French · 2026-04-02
/// - delta: KE · youth, a draft: counted nowhere.
///
/// Experts: amina (KE, public, focal point of Kenya, youth, pillar I, 2025-03-01); bashir (NG,
/// members only, gender, 2025-05-01); carla (CO, public but her country for members, youth,
/// 2026-02-01); dev (IN, staff only, 2026-03-01). Centres: one in Kenya (youth), one in
/// Morocco (prisons).
///
/// Requests: KE youth pillar I submitted 2025-01-01, matched 2025-01-11 (10 days); NG gender
/// 2025-06-01 → 2025-06-05 (4 days); CO youth 2026-01-01 → 2026-01-31 (30 days); PH pillar IV
/// submitted 2026-02-01, not matched; a KE draft.
enum AccessFixture {
    static let now = day("2026-06-15")

    static func day(_ text: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = text.split(separator: "-").map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))!
    }

    static func seconds(_ text: String) -> Int { Int(day(text).timeIntervalSince1970) }

    static func practices(on db: any Database) async throws {
        func practice(_ slug: String, _ countries: [String], _ themes: [Theme], _ pillar: Pillar, _ maturity: Maturity,
                      _ language: Language, status: PracticeStatus = .published) -> PracticeRecord {
            Fixtures.record(slug, countries: countries, themes: themes, pillars: [pillar], maturity: maturity,
                            title: "Practice \(slug)", language: language, status: status)
        }
        func full(_ record: PracticeRecord, into language: Language) -> PracticeRecord {
            var record = record
            var text = record.translations[record.originalLanguage]!
            text.title = "\(text.title) (\(language.rawValue))"
            record.translations[language] = text
            return record
        }
        let store = PracticeStore(database: db)
        _ = try await store.save(full(practice("alpha", ["KE"], [.youth, .education], .conditionsConducive, .piloted, .en), into: .fr),
                                 now: day("2025-02-10"))
        var beta = practice("beta", ["CO", "PH"], [.youth], .capacityBuilding, .adapted, .es)
        beta.translations[.ar] = PracticeText(title: "ممارسة بيتا")
        _ = try await store.save(beta, now: day("2025-08-01"))
        let gamma = practice("gamma", ["MA"], [.prisons], .preventingCombating, .scaledUp, .ar)
        _ = try await store.save(full(full(gamma, into: .en), into: .zh), now: day("2026-01-20"))
        var epsilon = practice("epsilon", ["NG"], [.gender], .conditionsConducive, .piloted, .fr)
        epsilon.evidenceLevel = .peerReviewed
        _ = try await store.save(epsilon, now: day("2026-04-02"))
        _ = try await store.save(practice("delta", ["KE"], [.youth], .conditionsConducive, .piloted, .en, status: .draft),
                                 now: day("2026-05-01"))
    }

    static func directory(on db: any Database) async throws {
        func expert(_ slug: String, _ country: String, _ theme: Theme, _ pillar: Pillar, profile: Visibility,
                    countryLevel: Visibility? = nil, focal: Bool = false) -> ExpertRecord {
            var levels: [ProfileField: Visibility] = [.profile: profile]
            levels[.country] = countryLevel ?? profile
            return ExpertRecord(slug: slug, name: "Expert \(slug)", email: "\(slug)@example.org", originalLanguage: .en,
                                country: country, themes: [theme], pillars: [pillar], visibility: ProfileVisibility(levels),
                                focalPointFor: focal ? "country" : nil)
        }
        let experts = ExpertStore(database: db)
        _ = try await experts.save(expert("amina", "KE", .youth, .conditionsConducive, profile: .public, focal: true), now: day("2025-03-01"))
        _ = try await experts.save(expert("bashir", "NG", .gender, .preventingCombating, profile: .members), now: day("2025-05-01"))
        _ = try await experts.save(expert("carla", "CO", .youth, .capacityBuilding, profile: .public, countryLevel: .members),
                                   now: day("2026-02-01"))
        _ = try await experts.save(expert("dev", "IN", .victims, .humanRightsRuleOfLaw, profile: .staff), now: day("2026-03-01"))
        let centres = CentreStore(database: db)
        for (slug, country, theme) in [("kenya-centre", "KE", Theme.youth), ("morocco-centre", "MA", .prisons)] {
            _ = try await centres.save(CentreRecord(slug: slug, originalLanguage: .en, country: country, type: .academic, themes: [theme],
                                                    translations: LanguageMap([.en: CentreText(name: "Centre \(slug)")])))
        }
    }

    static func requests(on db: any Database) async throws {
        let requests = Requests(database: db)
        func record(_ country: String, _ theme: Theme, _ pillar: Pillar) -> RequestRecord {
            RequestRecord(title: "Request for \(country)", need: "A peer review of the rehabilitation programme of our prisons.",
                          language: .en, beneficiaryCountry: country, beneficiaryInstitution: "National Prison Service",
                          themes: [theme], pillars: [pillar], supportKinds: [.peerReview],
                          workingLanguages: ["en"], modality: .online)
        }
        for (country, theme, pillar, submitted, matched) in [
            ("KE", Theme.youth, Pillar.conditionsConducive, "2025-01-01", "2025-01-11"),
            ("NG", .gender, .conditionsConducive, "2025-06-01", "2025-06-05"),
            ("CO", .youth, .conditionsConducive, "2026-01-01", "2026-01-31"),
            ("PH", .youth, .humanRightsRuleOfLaw, "2026-02-01", nil),
        ] as [(String, Theme, Pillar, String, String?)] {
            let id = try await requests.create(record(country, theme, pillar), requesterID: nil, status: .open, now: seconds(submitted))
            if let matched {
                _ = try await requests.takeStep(.match, requestID: id, actorID: nil, now: seconds(matched))
            }
        }
        _ = try await requests.create(record("KE", .youth, .conditionsConducive), requesterID: nil, status: .draft, now: seconds("2025-03-01"))
    }
}
