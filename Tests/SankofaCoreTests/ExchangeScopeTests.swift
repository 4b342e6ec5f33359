import Testing
@testable import SankofaCore

@Suite("Exchange scope and rules")
struct ExchangeScopeTests {
    private func party(_ side: ExchangeSide, _ country: String) -> ExchangeParty { ExchangeParty(side: side, country: country) }

    private func record(_ parties: [ExchangeParty], starts: String = "2026-03-02", ends: String = "2026-03-06") -> ExchangeRecord {
        ExchangeRecord(title: "Prison dialogue study visit", language: .en, type: .studyVisit, startsOn: starts, endsOn: ends,
                       place: "Nouakchott", themes: [.prisons], parties: parties)
    }

    @Test func scopeComesFromThePartiesCountries() {
        // Kenya and Somalia: two countries of one region.
        #expect(ExchangeScope.derive(parties: [party(.provider, "KE"), party(.beneficiary, "SO")]) == (.bilateral, false))
        // Three African countries: regional.
        #expect(ExchangeScope.derive(parties: [party(.provider, "KE"), party(.beneficiary, "SO"), party(.beneficiary, "ET")]) == (.regional, false))
        // Morocco (Africa) trains imams from Indonesia (Asia-Pacific): inter-regional, whatever the count.
        #expect(ExchangeScope.derive(parties: [party(.provider, "MA"), party(.beneficiary, "ID")]) == (.interRegional, false))
        // One country on both sides.
        #expect(ExchangeScope.derive(parties: [party(.provider, "NG"), party(.beneficiary, "ng")]) == (.national, false))
        #expect(ExchangeScope.derive(parties: []) == (nil, false))
    }

    @Test func aPartnerOutsideTheSouthMakesItTriangularNotInterRegional() {
        // Kenya–Uganda supported by Norway: the partner counts among the countries, not the regions.
        #expect(ExchangeScope.derive(parties: [party(.provider, "KE"), party(.beneficiary, "UG"), party(.partner, "NO")]) == (.regional, true))
        #expect(ExchangeScope.derive(parties: [party(.provider, "MA"), party(.beneficiary, "ID"), party(.partner, "JP")]) == (.interRegional, true))
    }

    @Test func aSouthernCountryOnThePartnerSideWidensTheScopeButIsNotTriangular() {
        // Brazil co-funding a Kenya–Somalia exchange is South-South cooperation in itself.
        #expect(ExchangeScope.derive(parties: [party(.provider, "KE"), party(.beneficiary, "SO"), party(.partner, "BR")]) == (.interRegional, false))
    }

    @Test func validationNamesTheFieldOfEachProblem() {
        let good = record([party(.provider, "MA"), party(.beneficiary, "ML")])
        #expect(ExchangeValidation.issues(in: good).isEmpty)

        let fields = { (r: ExchangeRecord) in Set(ExchangeValidation.issues(in: r).map { "\($0.field) \($0.reason)" }) }
        #expect(fields(record([party(.provider, "MA")])) == ["parties exchange.error.noBeneficiary"])
        #expect(fields(record([party(.beneficiary, "MA")])) == ["parties exchange.error.noProvider"])
        // A country outside the South supports as a partner, never as a provider or beneficiary.
        #expect(fields(record([party(.provider, "FR"), party(.beneficiary, "ML")])) == ["parties exchange.error.notSouthern"])
        #expect(fields(record([party(.provider, "ZZ"), party(.beneficiary, "ML")])) == ["parties error.country"])
        #expect(fields(record([party(.provider, "MA"), party(.beneficiary, "ML")], starts: "2026-02-30")) == ["startsOn error.date"])
        #expect(fields(record([party(.provider, "MA"), party(.beneficiary, "ML")], starts: "2026-03-09")) == ["endsOn error.endBeforeStart"])
        var bad = good
        bad.title = "  "
        bad.place = ""
        bad.themes = []
        bad.practices = ["<script>"]
        #expect(fields(bad) == ["title error.required", "place error.required", "themes error.required", "practices error.slug"])
        bad = good
        bad.online = true
        bad.place = ""
        #expect(ExchangeValidation.issues(in: bad).isEmpty)
        bad.parties.append(party(.provider, "MA"))
        #expect(fields(bad) == ["parties error.duplicate"])
    }

    @Test func issuesAreTranslated() {
        let issue = ValidationIssue(field: "parties", reason: "exchange.error.notSouthern", detail: "1: FR")
        for language in Language.allCases {
            #expect(!issue.message(in: language).hasPrefix("exchange.error"))
        }
    }
}
