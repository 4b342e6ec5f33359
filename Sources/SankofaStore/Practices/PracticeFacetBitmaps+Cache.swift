import Fluent
import NIOConcurrencyHelpers

extension PracticeFacetBitmaps {
    /// The bitmaps of a database's latest catalogue version, read again when a practice write has
    /// bumped it (``DataVersion/bumpCatalogue(on:)``, in the writing transaction): one request reads them and those arriving
    /// meanwhile wait for the same read. Held by the SQLite configuration (``SQLiteWithReads``),
    /// so each database file of the process has its own.
    final class Cache: Sendable {
        private let state = NIOLockedValueBox(State())

        private struct State {
            var latest: PracticeFacetBitmaps?
            var reading: Task<PracticeFacetBitmaps, any Error>?
            var reads = 0
        }

        /// How many times the bitmaps were read (tests: a write outside the catalogue reads none).
        var readCount: Int { state.withLockedValue(\.reads) }

        /// The bitmaps at `version` (or a later one, when a write committed meanwhile); nil when
        /// the ones read are older (a request inside a writing transaction sees its own version,
        /// which the search connections do not see yet): the caller then asks the engine.
        func bitmaps(at version: Int, reads: SQLiteReadPool) async throws -> PracticeFacetBitmaps? {
            let (ready, reading) = state.withLockedValue { state -> (PracticeFacetBitmaps?, Task<PracticeFacetBitmaps, any Error>?) in
                if let latest = state.latest, latest.version >= version { return (latest, nil) }
                if let reading = state.reading { return (nil, reading) }
                state.reads += 1
                let reading = Task { try await reads.readOnce { try PracticeFacetBitmaps(reading: $0) } }
                state.reading = reading
                return (nil, reading)
            }
            if let ready { return ready }
            guard let reading else { return nil }
            let result = await reading.result
            state.withLockedValue { state in
                if state.reading == reading { state.reading = nil }
                if case .success(let read) = result, read.version > state.latest?.version ?? -1 { state.latest = read }
            }
            let read = try result.get()
            return read.version >= version ? read : nil
        }
    }
}

extension Database {
    /// The catalogue's facet bitmaps at the catalogue's current data version, when the database is SQLite with
    /// its search connections (``SQLiteWithReads``); nil otherwise.
    func practiceFacetBitmaps() async throws -> PracticeFacetBitmaps? {
        guard let configuration = context.configuration as? SQLiteWithReads else { return nil }
        return try await configuration.practiceFacets.bitmaps(at: try await DataVersion.catalogue(on: self), reads: configuration.reads)
    }
}
