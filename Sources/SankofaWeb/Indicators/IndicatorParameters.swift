import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// The formats an indicator's figures download in (`/{lang}/indicators/{slug}.csv` and `.json`).
public enum IndicatorFile: String, CaseIterable, Sendable {
    case csv, json
}

/// The indicators' filter as query parameters (`region`, `country`, `theme`, `pillar`), read the
/// same way by the pages, the files and the API: one value each, checked against its vocabulary;
/// an unknown value is a ``ParameterError`` (a translated 400 on pages, a JSON 400 in the API).
enum IndicatorParameters {
    static func filter(_ query: QueryParameters) throws -> IndicatorFilter {
        IndicatorFilter(region: try value(query, "region", Region.init(rawValue:)),
                        country: try value(query, "country") { Countries.isValid($0) && $0.count == 2 ? $0.uppercased() : nil },
                        theme: try value(query, "theme", Theme.init(rawValue:)),
                        pillar: try value(query, "pillar") { Int($0).flatMap(Pillar.init(rawValue:)) })
    }

    /// A parameter given once at most: a second value would be a filter the page cannot show.
    static func value<T>(_ query: QueryParameters, _ name: String, _ parse: (String) -> T?) throws -> T? {
        let values = query.values(name)
        guard let raw = values.first else { return nil }
        guard values.count == 1, let value = parse(raw) else { throw ParameterError(name: name, reason: .value, value: String(raw.prefix(40))) }
        return value
    }

    /// The filter as a query string (without `?`), empty for no filter; links and downloads keep it.
    static func query(_ filter: IndicatorFilter) -> String {
        var pairs: [(name: String, value: String)] = []
        if let region = filter.region { pairs.append(("region", region.rawValue)) }
        if let country = filter.country { pairs.append(("country", country)) }
        if let theme = filter.theme { pairs.append(("theme", theme.rawValue)) }
        if let pillar = filter.pillar { pairs.append(("pillar", String(pillar.rawValue))) }
        return QueryParameters.encode(pairs)
    }

    static func path(_ url: SiteURL, _ filter: IndicatorFilter) -> String {
        let query = query(filter)
        return query.isEmpty ? url.path : url.path + "?" + query
    }

    /// The indicator a path segment names (`participants`, `participants.csv`) and the file asked
    /// for, if any. Anything else is a 404.
    static func target(_ segment: String?) throws -> (id: IndicatorID, file: IndicatorFile?) {
        guard let segment else { throw Abort(.notFound) }
        if let id = IndicatorID(rawValue: segment) { return (id, nil) }
        for file in IndicatorFile.allCases where segment.hasSuffix("." + file.rawValue) {
            if let id = IndicatorID(rawValue: String(segment.dropLast(file.rawValue.count + 1))) { return (id, file) }
        }
        throw Abort(.notFound)
    }
}

/// Indicators as a reader may see them: computed from the records by the store (the directory
/// for the reader's audience), then passed through ``IndicatorSuppression`` with what
/// ``AccessPolicy`` lets this reader see exactly. Every page, file and API answer reads through
/// here, so none can show a figure the policy hides.
struct IndicatorReader {
    let request: Request

    func exact(_ id: IndicatorID) -> Bool {
        AccessPolicy.allows(request.actor, .indicators(.readExact(id.sensitivity)))
    }

    func shown(_ id: IndicatorID, filter: IndicatorFilter) async throws -> IndicatorResult {
        let raw = try await Indicators(database: request.db).compute(id, filter: filter, audience: AccessPolicy.audience(request.actor), now: Date())
        return IndicatorSuppression.apply(raw, exact: exact(id))
    }

    func all(filter: IndicatorFilter) async throws -> [IndicatorResult] {
        let raw = try await Indicators(database: request.db).computeAll(filter: filter, audience: AccessPolicy.audience(request.actor), now: Date())
        return raw.map { IndicatorSuppression.apply($0, exact: exact($0.id)) }
    }

    /// Kept out of the anonymous page cache (``PageCacheMiddleware`` stores nothing marked
    /// private): the figures rest on records whose writes do not move the public data version
    /// (outcome reports, contributions, private exchanges) and on usage counts flushed from
    /// memory, so a cached page would go on showing old figures. The answer also differs by reader.
    static func keepPrivate(_ response: Response) -> Response {
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-cache")
        return response
    }
}
