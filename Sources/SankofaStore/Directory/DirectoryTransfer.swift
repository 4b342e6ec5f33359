import Fluent
import Foundation
import SankofaCore

/// Import and export of the directory (`sankofa import experts FILE`, `sankofa export experts
/// --audience member`…): the JSON formats of `Resources/Demo/{experts,centres,courses}.json`.
public enum DirectoryTransfer {
    public enum Kind: String, CaseIterable, Sendable { case experts, centres, courses }

    public struct Failure: Error, CustomStringConvertible {
        public var problems: [String]
        public var description: String { problems.joined(separator: "\n") }
    }

    /// Validates every record first (each problem as `record I: FIELD: REASON`), then stores them
    /// all in one transaction, upserting by slug; nothing is written when anything is wrong.
    public static func importJSON(_ data: Data, kind: Kind, on database: any Database) async throws -> Int {
        let decoder = JSONDecoder()
        func problems<T>(_ records: [T], _ issues: (T) -> [ValidationIssue]) -> [String] {
            records.enumerated().flatMap { index, record in issues(record).map { "record \(index): \($0.field): \($0.description)" } }
        }
        do {
            switch kind {
            case .experts:
                let records = try decoder.decode([ExpertRecord].self, from: data)
                let found = problems(records, DirectoryValidation.issues)
                guard found.isEmpty else { throw Failure(problems: found) }
                try await database.atomically { try await DemoData.loadDirectory(experts: records, centres: [], courses: [], on: $0) }
                return records.count
            case .centres:
                let records = try decoder.decode([CentreRecord].self, from: data)
                let found = problems(records, DirectoryValidation.issues)
                guard found.isEmpty else { throw Failure(problems: found) }
                try await database.atomically { try await DemoData.loadDirectory(experts: [], centres: records, courses: [], on: $0) }
                return records.count
            case .courses:
                let records = try decoder.decode([CourseRecord].self, from: data)
                let found = problems(records, DirectoryValidation.issues)
                guard found.isEmpty else { throw Failure(problems: found) }
                try await database.atomically { try await DemoData.loadDirectory(experts: [], centres: [], courses: records, on: $0) }
                return records.count
            }
        } catch let error as DecodingError {
            throw Failure(problems: ["the file is not a JSON array of \(kind.rawValue): \(error.localizedDescription)"])
        } catch DirectoryStoreError.invalid(let issues) {
            throw Failure(problems: issues.map { "\($0.field): \($0.description)" })
        }
    }

    /// The records as JSON. Experts are reduced to what `audience` may see, with the same rule as
    /// the pages: a profile hidden from it is left out, a hidden field is emptied, and the e-mail
    /// address is only in a staff export (which is a backup, for operators).
    public static func exportJSON(_ kind: Kind, audience: Audience, on database: any Database) async throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        switch kind {
        case .experts:
            let experts = try await ExpertStore(database: database).all()
            let slugs = Dictionary(uniqueKeysWithValues: experts.map { ($0.id, $0.slug) })
            let records = experts.compactMap { stored -> ExpertRecord? in
                guard let view = stored.record.visible(to: audience) else { return nil }
                guard audience == .staff else { return ExpertRecord(view: view) }
                // A backup restores into an empty database: it carries the contact address and the
                // endorsements given through profiles (an account's endorsement needs the account).
                var record = stored.record
                record.email = stored.contactEmail
                record.endorsements = stored.endorsements.compactMap { endorsement in
                    endorsement.endorserExpertID.flatMap { slugs[$0] }.map { EndorsementRecord(by: $0, date: ISODay.format(endorsement.at)) }
                }
                return record
            }
            return try encoder.encode(records)
        case .centres:
            return try encoder.encode(try await CentreStore(database: database).all().map(\.record))
        case .courses:
            return try encoder.encode(try await CourseStore(database: database).all().map(\.record))
        }
    }
}

extension ExpertRecord {
    /// A record holding only what a view shows (no address, no endorsements, protective levels).
    init(view: ExpertView) {
        self.init(slug: view.slug, demo: view.demo, name: view.name, email: nil, originalLanguage: view.originalLanguage,
                  country: view.country ?? "", title: view.title ?? "", organisation: view.organisation ?? "",
                  languages: view.languages, themes: view.themes, pillars: view.pillars,
                  experienceCountries: view.experienceCountries ?? [], yearsOfExperience: view.yearsOfExperience,
                  experienceKinds: view.experienceKinds ?? [], biography: view.biography ?? .init(), links: view.links ?? [],
                  publications: view.publications ?? [], practices: view.practices, offers: view.offers)
    }
}
