import Foundation

/// The Southern countries: the members of the Group of 77 and China.
///
/// Kept as a data table (not code that computes it) so an administrator-facing change is a one-line diff.
///
/// Source: the G77 membership list (https://www.g77.org/doc/members.html), cross-checked with the
/// rule of thumb in DOMAIN.md. That list has 134 entries, and China is one of them (China does not
/// call itself a member, which is why the Group speaks as "the Group of 77 and China"). So
/// "G77 or China" and the G77 list are the same 134 codes. They include the State of Palestine
/// (`PS`), which is a UN observer state, not a UN member.
///
/// Cross-check with the DOMAIN.md rule of thumb (every UN member and Palestine, except members of
/// the Council of Europe (Bosnia and Herzegovina the exception), of the OECD (Chile, Colombia and
/// Costa Rica the exceptions), full members of the CIS (Tajikistan the exception), Palau and Tuvalu).
/// The rule also gives 134 countries, but it disagrees with the G77 list on two of them. The table
/// follows the G77 list:
/// - `AZ` Azerbaijan is included, although the rule leaves it out (it is in the Council of Europe and
///   a full member of the CIS). Azerbaijan joined the G77 as a full member in September 2020.
/// - `BA` Bosnia and Herzegovina is left out, although the rule keeps it. It is no longer on the G77
///   list. (It was once the G77's only European member, which is why the rule names it.)
///
/// On all other countries the rule and the list agree, including these:
/// - Mexico and the Republic of Korea are out (OECD; both left the G77 when they joined the OECD).
/// - Türkiye is out (OECD and Council of Europe), and so is Israel (OECD).
/// - Chile, Colombia and Costa Rica are in (OECD members that stayed in the G77).
/// - Armenia, Moldova, Georgia and Ukraine are out (Council of Europe). Armenia and Moldova are
///   also full members of the CIS.
/// - Russia, Belarus, Kazakhstan, Kyrgyzstan and Uzbekistan are out (full CIS members).
/// - Tajikistan is in (full CIS member), and so is Turkmenistan (only a CIS associate).
/// - Palau (a former member) and Tuvalu are out. Kiribati, Nauru, South Sudan and Timor-Leste
///   are in.
public enum SouthernCountries {
    /// ISO 3166-1 alpha-2 codes. Codes are sorted within each group, and each group has a comment.
    /// Groups follow the UN M49 regions.
    public static let codes: Set<String> = [
        // Africa (54): every African UN member.
        "AO", "BF", "BI", "BJ", "BW", "CD", "CF", "CG", "CI", "CM", "CV", "DJ", "DZ", "EG",
        "ER", "ET", "GA", "GH", "GM", "GN", "GQ", "GW", "KE", "KM", "LR", "LS", "LY", "MA",
        "MG", "ML", "MR", "MU", "MW", "MZ", "NA", "NE", "NG", "RW", "SC", "SD", "SL", "SN",
        "SO", "SS", "ST", "SZ", "TD", "TG", "TN", "TZ", "UG", "ZA", "ZM", "ZW",
        // Latin America and the Caribbean (32): every UN member of the region except Mexico.
        "AG", "AR", "BB", "BO", "BR", "BS", "BZ", "CL", "CO", "CR", "CU", "DM", "DO", "EC",
        "GD", "GT", "GY", "HN", "HT", "JM", "KN", "LC", "NI", "PA", "PE", "PY", "SR", "SV",
        "TT", "UY", "VC", "VE",
        // Western Asia (13), including Palestine and Azerbaijan (M49 places Azerbaijan here).
        "AE", "AZ", "BH", "IQ", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "YE",
        // Eastern, Southern, South-eastern and Central Asia (25).
        "AF", "BD", "BN", "BT", "CN", "ID", "IN", "IR", "KH", "KP", "LA", "LK", "MM", "MN",
        "MV", "MY", "NP", "PH", "PK", "SG", "TH", "TJ", "TL", "TM", "VN",
        // Pacific (10): all Pacific UN members except Australia, New Zealand, Palau and Tuvalu.
        "FJ", "FM", "KI", "MH", "NR", "PG", "SB", "TO", "VU", "WS",
    ]

    /// Whether the country with this ISO 3166-1 alpha-2 code is Southern. Case does not matter.
    public static func contains(_ isoCode: String) -> Bool {
        codes.contains(isoCode.uppercased())
    }
}
