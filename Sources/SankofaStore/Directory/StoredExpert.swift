import Foundation
import SankofaCore

/// An expert profile as stored: its record, the account it belongs to (if claimed) and the
/// endorsements it received. Endorsements live apart from the record: focal points write them.
public struct StoredExpert: Sendable, Equatable {
    public var id: UUID
    public var userID: UUID?
    public var record: ExpertRecord
    public var endorsements: [Endorsement]
    /// Where the contact form delivers: the account's address once claimed, else the record's.
    public var contactEmail: String?

    public var slug: String { record.slug }
}

/// One endorsement: by whom (the endorser's own profile, when they have one) and when.
public struct Endorsement: Sendable, Equatable {
    public var endorserExpertID: UUID?
    public var endorserUserID: UUID?
    public var country: String
    public var at: Date
}

/// A centre or a course with its row id.
public struct StoredCentre: Sendable, Equatable {
    public var id: UUID
    public var record: CentreRecord
}

public struct StoredCourse: Sendable, Equatable {
    public var id: UUID
    public var record: CourseRecord
}

/// JSON as stored in the `record` columns: sorted keys, so a row's text changes only with its content.
enum RecordJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
