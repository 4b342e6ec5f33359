import Foundation
import Testing
@testable import SankofaCore

@Suite struct SouthernCountriesTests {
    /// The 193 UN member states (ISO 3166-1 alpha-2), grouped roughly by UN regional group.
    static let unMembers: Set<String> = [
        // Africa (54)
        "AO", "BF", "BI", "BJ", "BW", "CD", "CF", "CG", "CI", "CM", "CV", "DJ", "DZ", "EG",
        "ER", "ET", "GA", "GH", "GM", "GN", "GQ", "GW", "KE", "KM", "LR", "LS", "LY", "MA",
        "MG", "ML", "MR", "MU", "MW", "MZ", "NA", "NE", "NG", "RW", "SC", "SD", "SL", "SN",
        "SO", "SS", "ST", "SZ", "TD", "TG", "TN", "TZ", "UG", "ZA", "ZM", "ZW",
        // Asia and the Pacific (54)
        "AE", "AF", "BD", "BH", "BN", "BT", "CN", "CY", "FJ", "FM", "ID", "IN", "IQ", "IR",
        "JO", "JP", "KG", "KH", "KI", "KP", "KR", "KW", "KZ", "LA", "LB", "LK", "MH", "MM",
        "MN", "MV", "MY", "NP", "NR", "OM", "PG", "PH", "PK", "PW", "QA", "SA", "SB", "SG",
        "SY", "TH", "TJ", "TL", "TM", "TO", "TV", "UZ", "VN", "VU", "WS", "YE",
        // Eastern Europe (23)
        "AL", "AM", "AZ", "BA", "BG", "BY", "CZ", "EE", "GE", "HR", "HU", "LT", "LV", "MD",
        "ME", "MK", "PL", "RO", "RS", "RU", "SI", "SK", "UA",
        // Latin America and the Caribbean (33)
        "AG", "AR", "BB", "BO", "BR", "BS", "BZ", "CL", "CO", "CR", "CU", "DM", "DO", "EC",
        "GD", "GT", "GY", "HN", "HT", "JM", "KN", "LC", "MX", "NI", "PA", "PE", "PY", "SR",
        "SV", "TT", "UY", "VC", "VE",
        // Western Europe and others, with the United States (29)
        "AD", "AT", "AU", "BE", "CA", "CH", "DE", "DK", "ES", "FI", "FR", "GB", "GR", "IE",
        "IL", "IS", "IT", "LI", "LU", "MC", "MT", "NL", "NO", "NZ", "PT", "SE", "SM", "TR",
        "US",
    ]

    /// The 46 members of the Council of Europe.
    static let councilOfEurope: Set<String> = [
        "AD", "AL", "AM", "AT", "AZ", "BA", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE",
        "ES", "FI", "FR", "GB", "GE", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU",
        "LV", "MC", "MD", "ME", "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "SE", "SI",
        "SK", "SM", "TR", "UA",
    ]

    /// The 38 members of the OECD.
    static let oecd: Set<String> = [
        "AT", "AU", "BE", "CA", "CH", "CL", "CO", "CR", "CZ", "DE", "DK", "EE", "ES", "FI",
        "FR", "GB", "GR", "HU", "IE", "IL", "IS", "IT", "JP", "KR", "LT", "LU", "LV", "MX",
        "NL", "NO", "NZ", "PL", "PT", "SE", "SI", "SK", "TR", "US",
    ]

    /// The 9 full members of the CIS. Turkmenistan is only an associate, and Georgia and
    /// Ukraine have left.
    static let cisFullMembers: Set<String> = ["AM", "AZ", "BY", "KG", "KZ", "MD", "RU", "TJ", "UZ"]

    /// The DOMAIN.md rule of thumb, computed from the sets above.
    static var ruleOfThumb: Set<String> {
        let excluded = councilOfEurope.subtracting(["BA"])
            .union(oecd.subtracting(["CL", "CO", "CR"]))
            .union(cisFullMembers.subtracting(["TJ"]))
            .union(["PW", "TV"])
        return unMembers.union(["PS"]).subtracting(excluded)
    }

    @Test func countIsTheG77List() {
        // g77.org lists 134 members, and China and Palestine are two of them.
        #expect(SouthernCountries.codes.count == 134)
    }

    @Test func representativeMembers() {
        let members = [
            "NG", "ZA", "EG", "MA", "SA", "AE", "JO", "PS", "ID", "MY", "PK", "CN", "IN", "BR",
            "CO", "CL", "CR", "TJ", "FJ", "TT", "CU", "AZ", "TM", "KI", "NR", "SS", "TL",
        ]
        for code in members {
            #expect(SouthernCountries.contains(code), "\(code) should be Southern")
        }
    }

    @Test func representativeNonMembers() {
        let nonMembers = [
            "FR", "US", "JP", "KR", "MX", "TR", "IL", "RU", "KZ", "KG", "UZ", "PW", "TV", "AU",
            "NZ", "DE", "BA", "AM", "BY", "MD", "GE", "UA",
        ]
        for code in nonMembers {
            #expect(!SouthernCountries.contains(code), "\(code) should not be Southern")
        }
    }

    @Test func lookupIgnoresCase() {
        #expect(SouthernCountries.contains("ng"))
        #expect(SouthernCountries.contains("Ps"))
        #expect(!SouthernCountries.contains("fr"))
        #expect(!SouthernCountries.contains(""))
    }

    @Test func codesAreUppercaseISORegionsKnownToFoundation() {
        let known = Set(Locale.Region.isoRegions)
        for code in SouthernCountries.codes {
            #expect(code.count == 2 && code == code.uppercased(), "\(code) is not an uppercase alpha-2 code")
            #expect(known.contains(Locale.Region(code)), "\(code) is not an ISO region known to Foundation")
        }
    }

    @Test func referenceSetsAreWellFormed() {
        #expect(Self.unMembers.count == 193)
        #expect(Self.councilOfEurope.count == 46)
        #expect(Self.oecd.count == 38)
        #expect(Self.cisFullMembers.count == 9)
        #expect(Self.councilOfEurope.isSubset(of: Self.unMembers))
        #expect(Self.oecd.isSubset(of: Self.unMembers))
        #expect(Self.cisFullMembers.isSubset(of: Self.unMembers))
        let known = Set(Locale.Region.isoRegions)
        for code in Self.unMembers {
            #expect(known.contains(Locale.Region(code)), "\(code) is not an ISO region known to Foundation")
        }
    }

    @Test func everySouthernCountryIsAUNMemberOrPalestine() {
        #expect(SouthernCountries.codes.isSubset(of: Self.unMembers.union(["PS"])))
    }

    /// The rule of thumb gives the same set as the table, except for the two countries
    /// explained in the comment on `SouthernCountries`.
    @Test func ruleOfThumbMatchesExceptForDocumentedCountries() {
        let rule = Self.ruleOfThumb
        // The rule leaves out Azerbaijan (Council of Europe, CIS), a G77 member since 2020.
        #expect(SouthernCountries.codes.subtracting(rule) == ["AZ"])
        // The rule keeps Bosnia and Herzegovina, which is no longer on the G77 list.
        #expect(rule.subtracting(SouthernCountries.codes) == ["BA"])
        #expect(rule.count == SouthernCountries.codes.count)
    }
}
