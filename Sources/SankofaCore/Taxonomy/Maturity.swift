/// How far a practice has travelled, in order.
public enum Maturity: String, CaseIterable, Codable, Sendable {
    case piloted, evaluated, adapted, scaledUp
    public var labelKey: String { "maturity.\(rawValue)" }
}

/// The strength of the evidence behind a practice's results, weakest first.
public enum EvidenceLevel: String, CaseIterable, Codable, Sendable {
    case none, monitoringData, internalEvaluation, independentEvaluation, peerReviewed
    public var labelKey: String { "evidence.\(rawValue)" }
}

/// Where a practice stands in the editorial workflow; only `published` is public.
public enum PracticeStatus: String, CaseIterable, Codable, Sendable {
    case draft, submitted, inReview, published, archived
    public var labelKey: String { "status.\(rawValue)" }
}
