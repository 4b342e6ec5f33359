import Testing
@testable import SankofaCore

@Suite("Regions and scope")
struct ScopeAndRegionTests {
    @Test(arguments: [
        ("NG", Region.africa), ("EG", .africa), ("ZA", .africa), ("MA", .africa),
        ("SA", .middleEast), ("JO", .middleEast), ("PS", .middleEast), ("AE", .middleEast), ("IQ", .middleEast),
        ("ID", .asiaPacific), ("PK", .asiaPacific), ("CN", .asiaPacific), ("FJ", .asiaPacific), ("TJ", .asiaPacific), ("IR", .asiaPacific),
        ("BR", .latinAmericaCaribbean), ("CO", .latinAmericaCaribbean), ("TT", .latinAmericaCaribbean), ("CU", .latinAmericaCaribbean),
        ("FR", .partner), ("US", .partner), ("JP", .partner), ("MX", .partner), ("TR", .partner), ("RU", .partner), ("AU", .partner),
    ])
    func regionOfRepresentativeCountries(code: String, region: Region) {
        #expect(RegionTable.standard.region(of: code) == region)
        #expect(RegionTable.standard.region(of: code.lowercased()) == region)
    }

    @Test func overridesMoveACountry() {
        let table = RegionTable(overrides: ["IR": .middleEast])
        #expect(table.region(of: "IR") == .middleEast)
        #expect(table.countries(in: .middleEast).contains("IR"))
        #expect(!RegionTable.standard.countries(in: .middleEast).contains("IR"))
    }

    @Test(arguments: [
        (["NG"], Scope.national),
        (["NG", "NG"], .national),
        (["KE", "SO"], .bilateral),
        (["KE", "SO", "ET"], .regional),
        (["CO", "PH"], .interRegional),
        (["NG", "KE", "SA"], .interRegional),
        // A partner country makes an exchange triangular, not inter-regional.
        (["KE", "NO"], .bilateral),
        (["KE", "SO", "ET", "NO"], .regional),
    ])
    func scopeIsDerivedFromCountries(countries: [String], scope: Scope) {
        #expect(Scope.derive(countries: countries) == scope)
    }

    @Test func triangularNeedsASouthernAndAPartnerCountry() {
        #expect(Scope.isTriangular(countries: ["KE", "NO"]))
        #expect(!Scope.isTriangular(countries: ["KE", "SO"]))
        #expect(!Scope.isTriangular(countries: ["FR", "NO"]))
        #expect(Scope.derive(countries: []) == nil)
    }

    @Test func countryNamesComeFromCLDRInEachLanguage() {
        #expect(Countries.name(of: "NG", in: .en) == "Nigeria")
        #expect(Countries.name(of: "NG", in: .fr) == "Nigeria")
        #expect(Countries.name(of: "EG", in: .ar) == "مصر")
        #expect(Countries.name(of: "BR", in: .zh) == "巴西")
        #expect(Countries.name(of: "KE", in: .ru) == "Кения")
        #expect(Countries.name(of: "MX", in: .es) == "México")
        #expect(Countries.isValid("ng") && !Countries.isValid("XX") && !Countries.isValid("419"))
    }
}
