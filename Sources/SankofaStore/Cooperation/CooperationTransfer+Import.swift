import Fluent
import Foundation
import SankofaCore
import SQLKit

extension CooperationTransfer {
    /// Reads `data` (an array of ``Entry``), checks every record (each problem as `record I:
    /// FIELD: REASON`), then writes them all in one transaction; nothing is written when anything
    /// is wrong, including what only the database can tell (an expert, centre, practice or course
    /// that does not exist). An entry whose exchange, agreements and contributions are as stored
    /// is left alone, so importing a file twice changes nothing the second time.
    public static func importJSON(_ data: Data, on database: any Database, now: Int) async throws -> Outcome {
        let entries: [Entry]
        do { entries = try JSONDecoder().decode([Entry].self, from: data) } catch {
            throw Failure(problems: ["the file is not a JSON array of exchanges: \(error)"])
        }
        var problems: [String] = []
        var keys = Set<String>()
        for (index, entry) in entries.enumerated() {
            if !isValidKey(entry.key) { problems.append("record \(index): key: letters, digits and hyphens, at most 64") }
            if !keys.insert(entry.key).inserted { problems.append("record \(index): key: \(entry.key) appears twice") }
            for issue in ExchangeValidation.issues(in: entry.exchange) {
                problems.append("record \(index): exchange.\(issue.field): \(issue.description)")
            }
            if entry.agreed.contains(.partner) { problems.append("record \(index): agreed: only provider and beneficiary agree") }
            for (number, contribution) in entry.contributions.enumerated() {
                for issue in contribution.issues() { problems.append("record \(index): contributions[\(number)].\(issue.field): \(issue.description)") }
            }
            problems += issues(in: entry.reports, exchange: entry.exchange, today: day(now)).map { "record \(index): \($0)" }
        }
        guard problems.isEmpty else { throw Failure(problems: problems) }
        return try await database.atomically { tx in
            var outcome = Outcome()
            for (index, entry) in entries.enumerated() {
                do {
                    switch try await write(entry, on: tx, now: now) {
                    case .created: outcome.created += 1
                    case .updated: outcome.updated += 1
                    case .unchanged: outcome.unchanged += 1
                    }
                } catch Exchanges.StoreError.invalid(let issues), Contributions.Refusal.invalid(let issues) {
                    throw Failure(problems: issues.map { "record \(index): \($0.field): \($0.description)" })
                }
            }
            return outcome
        }
    }

    private enum Written { case created, updated, unchanged }

    private static func write(_ entry: Entry, on tx: any Database, now: Int) async throws -> Written {
        let sql = tx as! any SQLDatabase
        let exchanges = Exchanges(database: tx)
        var record = entry.exchange
        record.requestID = nil
        var written = Written.unchanged
        let id: Int
        if let row = try await sql.raw("SELECT id FROM exchanges WHERE transfer_key = \(bind: entry.key)").first() {
            id = try row.decode(column: "id", as: Int.self)
            guard let old = try await ExchangeRows(sql: sql, regions: .standard).record(id) else { throw Exchanges.StoreError.notFound }
            var comparable = record
            comparable.status = old.status
            comparable.requestID = old.requestID
            if comparable != old {
                try await exchanges.update(id, record, actorID: nil, now: now)
                written = .updated
            }
            if try await exchanges.changeStatus(id, to: record.status, actorID: nil, note: "", now: now) { written = .updated }
        } else {
            id = try await exchanges.create(record, createdBy: nil, now: now)
            try await sql.raw("UPDATE exchanges SET transfer_key = \(bind: entry.key) WHERE id = \(bind: id)").run()
            written = .created
        }
        let agreements = try await sql.raw("SELECT provider_agreed_at, beneficiary_agreed_at FROM exchanges WHERE id = \(bind: id)").first()!
        for (side, column) in [(ExchangeSide.provider, "provider_agreed_at"), (.beneficiary, "beneficiary_agreed_at")] {
            let agreed = try agreements.decode(column: column, as: Int?.self) != nil
            if agreed != entry.agreed.contains(side) {
                try await exchanges.agree(id, side: side, agreed: !agreed, actorID: nil, now: now)
                if written == .unchanged { written = .updated }
            }
        }
        let contributions = Contributions(database: tx)
        let stored = try await contributions.list(exchangeID: id)
        if !sameContributions(stored.map(\.record), entry.contributions) {
            for contribution in stored { _ = try await contributions.delete(contribution.id, exchangeID: id, actorID: nil, now: now) }
            for contribution in entry.contributions {
                try await contributions.add(contribution, exchangeID: id, actorID: nil, now: now, notify: false)
            }
            if written == .unchanged { written = .updated }
        }
        if try await writeReports(entry.reports, exchangeID: id, on: tx), written == .unchanged { written = .updated }
        return written
    }

    /// The same contributions in any order (the store lists them by kind and date).
    private static func sameContributions(_ a: [ContributionRecord], _ b: [ContributionRecord]) -> Bool {
        guard a.count == b.count else { return false }
        var rest = b
        for record in a {
            guard let index = rest.firstIndex(where: { normalised($0) == normalised(record) }) else { return false }
            rest.remove(at: index)
        }
        return true
    }

    /// As the store gives a record back: a centre's name and country filled in from the directory,
    /// an organisation's name trimmed.
    private static func normalised(_ record: ContributionRecord) -> ContributionRecord {
        var record = record
        if record.contributorKind == .centre { record.contributorName = ""; record.contributorCountry = nil }
        record.contributorName = record.contributorName.trimmingCharacters(in: .whitespacesAndNewlines)
        if record.contributorCountry?.isEmpty == true { record.contributorCountry = nil }
        return record
    }
}
