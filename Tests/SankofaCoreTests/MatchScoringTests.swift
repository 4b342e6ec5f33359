import Foundation
import Testing
@testable import SankofaCore

/// Hand-made cases: a Tunisian request for a peer review and training on rehabilitation in
/// prisons, in French or Arabic, online, from March to June 2027. Each expected score is the sum of
/// ``MatchWeights`` written out, so a change of weight shows here as a change of order or reasons.
@Suite("Match scoring")
struct MatchScoringTests {
    static let need = MatchNeed(
        themes: [.rehabilitationReintegration, .prisons, .religiousLeaders, .youth], pillars: [.conditionsConducive],
        supportKinds: [.peerReview, .training], workingLanguages: ["fr", "AR"], modality: .online,
        startsOn: "2027-03-01", endsOn: "2027-06-30", beneficiaryCountry: "TN", today: "2027-01-10")

    static func expert(_ slug: String, _ country: String, _ languages: [(String, LanguageLevel)], _ themes: [Theme],
                       pillars: [Pillar] = [], offers: [Offer] = [], experience: [String] = []) -> MatchCandidate {
        let record = ExpertRecord(slug: slug, name: slug, originalLanguage: .fr, country: country,
                                  languages: languages.map { WorkingLanguage(code: $0.0, level: $0.1) }, themes: themes,
                                  pillars: pillars, experienceCountries: experience, offers: offers)
        return .expert(id: slug, record.visible(to: .staff)!)
    }

    static let experts: [MatchCandidate] = [
        expert("indonesian-reviewer", "ID", [("fr", .fluent), ("ar", .native)], [.rehabilitationReintegration, .prisons, .religiousLeaders],
               pillars: [.conditionsConducive], offers: [Offer(type: .peerReview, modality: [.remote], languages: ["fr"], availability: .from("2027-03-01"))]),
        expert("moroccan-trainer", "MA", [("ar", .native), ("fr", .working)], [.rehabilitationReintegration, .prisons, .religiousLeaders, .youth],
               pillars: [.conditionsConducive],
               offers: [Offer(type: .training, modality: [.remote], languages: ["ar"], availability: .now),
                        Offer(type: .peerReview, modality: [.remote, .inPerson], languages: ["fr"], availability: .now)],
               experience: ["TN"]),
        expert("tunisian-colleague", "TN", [("fr", .native), ("ar", .native)], [.rehabilitationReintegration, .prisons, .religiousLeaders, .youth],
               offers: [Offer(type: .training, modality: [.remote], languages: ["fr"], availability: .now)]),
        expert("english-only", "NG", [("en", .native)], [.prisons]),
        expert("basic-french", "SN", [("fr", .basic), ("wo", .native)], [.prisons]),
        expert("french-partner", "FR", [("fr", .native)], [.youth]),
        expert("other-themes", "BR", [("fr", .fluent)], [.terrorismFinancing]),
        expert("unavailable", "PK", [("ar", .fluent)], [.prisons],
               offers: [Offer(type: .peerReview, modality: [.inPerson], languages: ["ar"], availability: .notAvailable)]),
    ]

    @Test func expertsInOrderWithTheirReasons() throws {
        let ranked = MatchScoring.rank(Self.need, Self.experts)
        // No shared working language (English only; French at basic level only), no shared theme: excluded.
        #expect(ranked.map(\.target) == ["moroccan-trainer", "indonesian-reviewer", "tunisian-colleague", "unavailable", "french-partner"])
        let moroccan = try #require(ranked.first)
        #expect(moroccan.reasons == [
            .sharedLanguages(["fr", "ar"]),
            .themes(shared: [.youth, .prisons, .rehabilitationReintegration, .religiousLeaders].sorted(by: Self.themeOrder), of: 4),
            .pillars(shared: [.conditionsConducive], of: 1),
            .offers([.training, .peerReview]), .modality(.online), .availableNow,
            .sameRegion("MA", .africa), .experienceIn("TN"),
        ])
        #expect(moroccan.score == 15 + 40 + 10 + 15 + 5 + 5 + 6 + 5)
        let indonesian = ranked[1]
        #expect(indonesian.reasons == [
            .sharedLanguages(["fr", "ar"]),
            .themes(shared: [.prisons, .rehabilitationReintegration, .religiousLeaders].sorted(by: Self.themeOrder), of: 4),
            .pillars(shared: [.conditionsConducive], of: 1),
            .offers([.peerReview]), .modality(.online), .availableFrom("2027-03-01"), .otherRegion("ID", .asiaPacific),
        ])
        #expect(indonesian.score == 15 + 30 + 10 + 7 + 5 + 5 + 10)
        // The beneficiary's own country: not an exchange, heavily penalised but still listed.
        #expect(ranked[2].reasons.contains(.sameCountry("TN")))
        #expect(ranked[2].score == 15 + 40 + 7 + 5 + 5 - 30)
        // Offers only in person, marked not available.
        #expect(ranked[3].reasons == [.sharedLanguages(["ar"]), .themes(shared: [.prisons], of: 4), .offers([.peerReview]),
                                      .modalityMismatch(.online), .notAvailable, .otherRegion("PK", .asiaPacific)])
        // Outside the South: a triangular partner at most.
        #expect(ranked[4].reasons == [.sharedLanguages(["fr"]), .themes(shared: [.youth], of: 4), .outsideSouth("FR")])
        #expect(ranked[4].score == 15 + 10 - 30)
    }

    @Test func practicesAreNotExcludedForTheirLanguageButPenalised() {
        let practices = [
            MatchCandidate(kind: .practice, target: "indonesia-deradicalisation", country: "ID", languages: ["en"],
                           themes: [.rehabilitationReintegration, .prisons], maturity: .adapted, evidence: .independentEvaluation),
            MatchCandidate(kind: .practice, target: "morocco-prison-dialogue", country: "MA", languages: ["fr", "ar"],
                           themes: [.religiousLeaders], maturity: .piloted, evidence: EvidenceLevel.none),
            MatchCandidate(kind: .practice, target: "unrelated", country: "BR", languages: ["fr"], themes: [.borderSecurity]),
        ]
        let ranked = MatchScoring.rank(Self.need, practices)
        #expect(ranked.map(\.target) == ["morocco-prison-dialogue", "indonesia-deradicalisation"])
        #expect(ranked[0].score == 15 + 10 + 6)
        #expect(ranked[1].reasons == [.noSharedLanguage, .themes(shared: [.prisons, .rehabilitationReintegration], of: 4),
                                      .otherRegion("ID", .asiaPacific), .maturity(.adapted), .evidence(.independentEvaluation)])
        #expect(ranked[1].score == -15 + 20 + 10 + 6 + 6)
        // Asked for documents, a practice answers part of the request.
        var documents = Self.need
        documents.supportKinds = [.documentsAdvice]
        #expect(MatchScoring.score(documents, practices[1])?.reasons.contains(.documents) == true)
    }

    @Test func coursesWithinTheTimeframeComeFirstAndPastOnesAreLeftOut() {
        func course(_ id: String, _ start: String, _ end: String) -> MatchCandidate {
            .course(id: id, CourseRecord(slug: id, country: "MY", originalLanguage: .en, themes: [.prisons], modality: .remote,
                                         languages: ["fr", "en"], startDate: start, endDate: end, costCoverage: .free,
                                         translations: .init([.en: CourseText(title: id)])))
        }
        let ranked = MatchScoring.rank(Self.need, [course("september", "2027-09-01", "2027-09-05"),
                                                   course("april", "2027-04-01", "2027-04-05"), course("past", "2026-11-01", "2026-12-01")])
        #expect(ranked.map(\.target) == ["april", "september"])
        #expect(ranked[0].reasons == [.sharedLanguages(["fr"]), .themes(shared: [.prisons], of: 4), .offers([.training]),
                                      .modality(.online), .otherRegion("MY", .asiaPacific),
                                      .courseWithinTimeframe(start: "2027-04-01", end: "2027-04-05")])
        #expect(ranked[0].score == 15 + 10 + 7 + 5 + 10 + 10)
        #expect(ranked[1].score == 15 + 10 + 7 + 5 + 10 - 10)
        #expect(ranked[1].reasons.last == .courseOutsideTimeframe(start: "2027-09-01", end: "2027-09-05"))
    }

    @Test func centresRunningCoursesOfferTraining() {
        let centre = CentreRecord(slug: "cairo", originalLanguage: .ar, country: "EG", type: .academic, themes: [.rehabilitationReintegration],
                                  translations: .init([.ar: CentreText(name: "مركز"), .en: CentreText(name: "Centre")]))
        let scored = MatchScoring.score(Self.need, .centre(id: "c1", centre, upcomingCourses: 2))
        #expect(scored?.reasons == [.sharedLanguages(["ar"]), .themes(shared: [.rehabilitationReintegration], of: 4),
                                    .runsCourses(2), .sameRegion("EG", .africa)])
        #expect(scored?.score == 15 + 10 + 7 + 6)
        #expect(MatchScoring.score(Self.need, .centre(id: "c1", centre, upcomingCourses: 0))?.reasons.contains(.runsCourses(0)) == false)
    }

    @Test func aHiddenCountryNeitherEarnsNorCostsNorShows() throws {
        var record = ExpertRecord(slug: "discreet", name: "D", originalLanguage: .fr, country: "TN",
                                  languages: [WorkingLanguage(code: "fr", level: .native)], themes: [.prisons], experienceCountries: ["TN"])
        record.visibility[.country] = .staff
        record.visibility[.experience] = .staff
        let memberView = try #require(record.visible(to: .member)), staffView = try #require(record.visible(to: .staff))
        let asMember = try #require(MatchScoring.score(Self.need, .expert(id: "d", memberView)))
        #expect(asMember.reasons == [.sharedLanguages(["fr"]), .themes(shared: [.prisons], of: 4)])
        let asStaff = try #require(MatchScoring.score(Self.need, .expert(id: "d", staffView)))
        #expect(asStaff.reasons.contains(.sameCountry("TN")))
    }

    @Test func listsKeepTheBestOfEachKindWithTiesInTargetOrder() {
        let same = (0..<30).map { MatchCandidate(kind: .practice, target: String(format: "p%02d", 29 - $0), country: "ID", languages: ["fr"], themes: [.youth]) }
        let ranked = MatchScoring.rank(Self.need, same, perKind: 5)
        #expect(ranked.map(\.target) == ["p00", "p01", "p02", "p03", "p04"])
    }

    @Test func reasonsTravelAsJSON() throws {
        let reasons: [MatchReason] = [.sharedLanguages(["fr"]), .themes(shared: [.youth], of: 2), .otherRegion("ID", .asiaPacific),
                                      .availableFrom("2027-03-01"), .courseWithinTimeframe(start: "2027-04-01", end: "2027-04-02")]
        let data = try JSONEncoder().encode(reasons)
        #expect(try JSONDecoder().decode([MatchReason].self, from: data) == reasons)
    }

    @Test func needFromARequestRecord() {
        let record = RequestRecord(title: "t", need: "n", language: .fr, beneficiaryCountry: "TN", themes: [.youth],
                                   supportKinds: [.mentoring], workingLanguages: ["fr"], modality: .hybrid)
        let need = MatchNeed(record, today: "2027-01-01")
        #expect(need.themes == [.youth] && need.workingLanguages == ["fr"] && need.beneficiaryCountry == "TN")
    }

    static func themeOrder(_ a: Theme, _ b: Theme) -> Bool {
        Theme.allCases.firstIndex(of: a)! < Theme.allCases.firstIndex(of: b)!
    }
}
