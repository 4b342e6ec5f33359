import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Computes the programme's indicators from the records, on either engine, as aggregate queries
/// (no record is read into memory one by one). Figures come out raw: the web layer passes them
/// through ``IndicatorSuppression`` with what ``AccessPolicy`` lets the reader see, and reads the
/// directory indicator for the reader's audience.
public struct Indicators: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    /// One indicator for `filter`. `audience` only matters for ``IndicatorID/directory``, which
    /// counts the profiles the reader could see (a hidden expert is not counted for visitors).
    /// `now` ends the series (the current year and quarter are the last points).
    public func compute(_ id: IndicatorID, filter: IndicatorFilter = .all, audience: Audience = .visitor,
                        now: Date = Date()) async throws -> IndicatorResult {
        switch id.outcome {
        case .capacity: return try await capacity(id, filter: filter, now: now)
        case .exchanges: return try await exchanges(id, filter: filter, now: now)
        case .access: return try await access(id, filter: filter, audience: audience, now: now)
        }
    }

    /// Every indicator for `filter`, in the order of ``IndicatorID/allCases``.
    public func computeAll(filter: IndicatorFilter = .all, audience: Audience = .visitor,
                           now: Date = Date()) async throws -> [IndicatorResult] {
        var results: [IndicatorResult] = []
        for id in IndicatorID.allCases {
            results.append(try await compute(id, filter: filter, audience: audience, now: now))
        }
        return results
    }
}
