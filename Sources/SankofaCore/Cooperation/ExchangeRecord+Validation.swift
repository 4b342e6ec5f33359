import Foundation

/// The rules every stored exchange obeys, wherever it comes from (form, import, demo data).
/// Issues name the form's fields; a party's issue names `parties` with the row (from 1) and value,
/// since the rows are repeated fields. Whether named experts, centres, practices and courses
/// exist is the store's check (`Exchanges`), which adds its issues to these.
public enum ExchangeValidation {
    public static let maxTitle = 300
    public static let maxText = 10_000
    public static let maxPlace = 200
    public static let maxItems = 50

    public static func issues(in record: ExchangeRecord, table: RegionTable = .standard) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        text(record.title, "title", required: true, max: maxTitle, &issues)
        text(record.description, "description", max: maxText, &issues)
        text(record.place, "place", required: !record.online, max: maxPlace, &issues)
        let start = ISODay.parse(record.startsOn), end = ISODay.parse(record.endsOn)
        if start == nil { issues.append(.init(field: "startsOn", reason: "error.date", detail: String(record.startsOn.prefix(20)))) }
        if end == nil { issues.append(.init(field: "endsOn", reason: "error.date", detail: String(record.endsOn.prefix(20)))) }
        if let start, let end, end < start { issues.append(.init(field: "endsOn", reason: "error.endBeforeStart")) }
        if record.themes.isEmpty { issues.append(.init(field: "themes", reason: "error.required")) }
        parties(record.parties, table: table, &issues)
        for (field, slugs) in [("practices", record.practices), ("courses", record.courses)] {
            for slug in slugs where !Slug.isValid(slug) { issues.append(.init(field: field, reason: "error.slug", detail: String(slug.prefix(60)))) }
            if Set(slugs).count != slugs.count { issues.append(.init(field: field, reason: "error.duplicate")) }
        }
        let lists = [record.themes.count, record.pillars.count, record.parties.count, record.practices.count, record.courses.count]
        if lists.contains(where: { $0 > maxItems }) { issues.append(.init(field: "parties", reason: "error.tooManyItems")) }
        return issues
    }

    /// At least one provider and one beneficiary; both of those sides Southern (countries outside
    /// the South support as partners: ``ExchangeScope``); each party once.
    private static func parties(_ parties: [ExchangeParty], table: RegionTable, _ issues: inout [ValidationIssue]) {
        for side in [ExchangeSide.provider, .beneficiary] where !parties.contains(where: { $0.side == side }) {
            issues.append(.init(field: "parties", reason: side == .provider ? "exchange.error.noProvider" : "exchange.error.noBeneficiary"))
        }
        for (index, party) in parties.enumerated() {
            let row = "\(index + 1)"
            if !Countries.isValid(party.country) || party.country != party.country.uppercased() {
                issues.append(.init(field: "parties", reason: "error.country", detail: "\(row): \(party.country.prefix(20))"))
            } else if party.side != .partner, table.region(of: party.country) == .partner {
                issues.append(.init(field: "parties", reason: "exchange.error.notSouthern", detail: "\(row): \(party.country)"))
            }
            text(party.institution, "parties", max: maxTitle, &issues)
            for slug in [party.expert, party.centre].compactMap({ $0 }) where !Slug.isValid(slug) {
                issues.append(.init(field: "parties", reason: "error.slug", detail: "\(row): \(slug.prefix(60))"))
            }
        }
        if Set(parties).count != parties.count { issues.append(.init(field: "parties", reason: "error.duplicate")) }
    }

    private static func text(_ value: String, _ field: String, required: Bool = false, max: Int, _ issues: inout [ValidationIssue]) {
        if required && value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { issues.append(.init(field: field, reason: "error.required")) }
        if value.count > max { issues.append(.init(field: field, reason: "error.tooLong", detail: "\(max)")) }
        if value.unicodeScalars.contains(where: { $0.value == 0 }) { issues.append(.init(field: field, reason: "error.invalidCharacters")) }
    }
}
