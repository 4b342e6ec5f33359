import Foundation
import Testing
@testable import SankofaCore

/// The directory's pure rules: privacy projection, facets, availability, validation, iCalendar.
@Suite("Directory rules")
struct DirectoryRulesTests {
    /// One rule for every form that takes an e-mail address (registration, admin account, profile).
    @Test func emailAddressesFollowOneRule() {
        for good in ["amina@example.org", "a.b+c@sub.example.co.ke", "محمد@مثال.مصر", "x@y.z"] {
            #expect(EmailAddress.isValid(good), "\(good)")
        }
        for bad in ["", "amina", "@example.org", "amina@", "amina@example", "amina@.example.org", "amina@example.org.",
                    "a@b@example.org", "amina @example.org", "<amina@example.org>", "amina@exam\u{0}ple.org",
                    "amina@example.org\n", String(repeating: "a", count: 250) + "@example.org"] {
            #expect(!EmailAddress.isValid(bad), "\(bad)")
        }
    }

    static func expert(_ levels: [ProfileField: Visibility] = [:]) -> ExpertRecord {
        ExpertRecord(slug: "amina", name: "Amina", email: "amina@example.org", originalLanguage: .fr, country: "SN",
                     title: "Adviser", organisation: "Prison service", languages: [.init(code: "fr", level: .native)],
                     themes: [.prisons], pillars: [.preventingCombating], experienceCountries: ["ML"], yearsOfExperience: 12,
                     experienceKinds: [.practitioner], biography: LanguageMap([.fr: "Biographie"]),
                     links: [ProfileLink(title: "Site", url: "https://example.org")], publications: [ProfileLink(title: "Report", url: nil)],
                     visibility: ProfileVisibility(levels))
    }

    @Test func visitorsSeeNothingOfAProfileByDefault() {
        let record = Self.expert()
        #expect(record.visible(to: .visitor) == nil)
        let member = record.visible(to: .member)
        #expect(member?.organisation == "Prison service" && member?.country == "SN" && member?.biography != nil)
    }

    @Test(arguments: ProfileField.allCases.filter { $0 != .profile })
    func eachFieldShowsOnlyToItsAudience(field: ProfileField) {
        for level in Visibility.allCases {
            let record = Self.expert([.profile: .public, field: level])
            for audience in Audience.allCases {
                let view = record.visible(to: audience)!
                let shown: Bool = switch field {
                case .title: view.title != nil
                case .organisation: view.organisation != nil
                case .country: view.country != nil
                case .experience: view.experienceCountries != nil && view.yearsOfExperience != nil && view.experienceKinds != nil
                case .biography: view.biography != nil
                case .links: view.links != nil && view.publications != nil
                case .profile: true
                }
                #expect(shown == audience.sees(level), "\(field) at \(level) for \(audience)")
            }
        }
    }

    @Test func aFieldIsNeverMoreOpenThanTheProfile() {
        let record = Self.expert([.profile: .staff, .biography: .public])
        #expect(record.visible(to: .member) == nil)
        #expect(record.visibility.effective(.biography) == .staff)
        #expect(record.visible(to: .staff)?.biography != nil)
    }

    @Test func availabilityFromAPastDateMeansNow() throws {
        #expect(Availability(string: "2020-01-01")?.status(today: "2026-11-29") == .availableNow)
        #expect(Availability(string: "2027-01-01")?.status(today: "2026-11-29") == .availableLater)
        #expect(Availability(string: "soon") == nil)
        #expect(Availability(string: "2027-02-30") == nil)
        let decoded = try JSONDecoder().decode([Availability].self, from: Data(#"["availableNow","notAvailable","2027-03-01"]"#.utf8))
        #expect(decoded == [.now, .notAvailable, .from("2027-03-01")])
    }

    @Test func validationNamesEveryBadField() {
        var record = Self.expert()
        record.country = "XX"
        record.email = "not an address"
        record.languages = [.init(code: "zz9", level: .basic)]
        record.yearsOfExperience = 200
        record.links = [ProfileLink(title: "x", url: "javascript:alert(1)")]
        record.offers = [Offer(type: .training, modality: [], languages: [], availability: .now)]
        let fields = Set(DirectoryValidation.issues(in: record).map(\.field))
        #expect(fields.isSuperset(of: ["country", "email", "languages", "yearsOfExperience", "links", "offers.training"]))

        var course = CourseRecord(slug: "c", country: "KE", originalLanguage: .en, modality: .inPerson, languages: ["en"],
                                  startDate: "2027-02-10", endDate: "2027-02-01", costCoverage: .free,
                                  translations: LanguageMap([.en: CourseText(title: "T")]))
        #expect(Set(DirectoryValidation.issues(in: course).map(\.field)) == ["endDate", "location"])
        course.endDate = "2027-02-12"
        course.location = "Nairobi"
        #expect(DirectoryValidation.issues(in: course).isEmpty)
    }

    @Test func iCalendarEscapesFoldsAndEndsTheDayAfter() {
        let title = "Formation, « réintégration »; partie 1\\2 " + String(repeating: "é", count: 60)
        let feed = ICalendar(name: "Courses", events: [
            .init(uid: "c1@example.org", start: "2027-02-08", end: "2027-02-12", summary: title, description: "Line 1\nLine 2",
                  location: "Nairobi, Kenya", url: "https://example.org/en/courses/c1", language: .fr),
        ], stamp: "2026-11-29").render()
        #expect(feed.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(feed.contains("DTSTART;VALUE=DATE:20270208\r\n") && feed.contains("DTEND;VALUE=DATE:20270213\r\n"))
        #expect(feed.contains("LOCATION:Nairobi\\, Kenya"))
        #expect(feed.contains("DESCRIPTION;LANGUAGE=fr:Line 1\\nLine 2"))
        let lines = feed.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        let unfolded = feed.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY;LANGUAGE=fr:Formation\\, « réintégration »\\; partie 1\\\\2 "))
    }
}
