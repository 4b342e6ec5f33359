/// The translatable fields of a practice, in one language.
public struct PracticeText: Codable, Sendable, Equatable {
    public var title: String
    public var summary: String
    public var context: String
    public var approach: String
    public var results: String
    public var lessons: String
    public var transferConditions: String
    public var expansionPotential: String
    public var safeguards: String
    public var targetGroups: String

    public init(
        title: String, summary: String = "", context: String = "", approach: String = "",
        results: String = "", lessons: String = "", transferConditions: String = "",
        expansionPotential: String = "", safeguards: String = "", targetGroups: String = ""
    ) {
        self.title = title
        self.summary = summary
        self.context = context
        self.approach = approach
        self.results = results
        self.lessons = lessons
        self.transferConditions = transferConditions
        self.expansionPotential = expansionPotential
        self.safeguards = safeguards
        self.targetGroups = targetGroups
    }

    /// Field names in reading order, shared by forms, pages and validation messages.
    public static let fieldNames: [String] = [
        "title", "summary", "context", "approach", "results", "lessons",
        "transferConditions", "expansionPotential", "safeguards", "targetGroups",
    ]

    public func value(of field: String) -> String {
        switch field {
        case "title": title
        case "summary": summary
        case "context": context
        case "approach": approach
        case "results": results
        case "lessons": lessons
        case "transferConditions": transferConditions
        case "expansionPotential": expansionPotential
        case "safeguards": safeguards
        case "targetGroups": targetGroups
        default: ""
        }
    }
}

/// A source backing a practice: a title and an http(s) address.
public struct PracticeSource: Codable, Sendable, Equatable {
    public var title: String
    public var url: String

    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }
}
