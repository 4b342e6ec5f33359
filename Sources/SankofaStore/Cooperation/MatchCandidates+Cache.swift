import Foundation
import NIOConcurrencyHelpers
import SankofaCore

extension MatchCandidates {
    /// The candidates of the latest data version and day read, held by whoever serves the matches
    /// pages (one per application), so that each database has its own. A newer version or day
    /// replaces them; two requests arriving together on a new version may both read it once.
    public final class Cache: Sendable {
        private let state = NIOLockedValueBox(State())

        private struct State {
            var version = -1
            var today = ""
            var shared: [MatchCandidate]?
            var experts: [Audience: [MatchCandidate]] = [:]
        }

        public init() {}

        func candidates(version: Int, today: String, audience: Audience) -> [[MatchCandidate]]? {
            state.withLockedValue { state in
                guard state.version == version, state.today == today, let shared = state.shared,
                      let experts = state.experts[audience] else { return nil }
                return [experts, shared]
            }
        }

        func shared(version: Int, today: String) -> [MatchCandidate]? {
            state.withLockedValue { $0.version == version && $0.today == today ? $0.shared : nil }
        }

        func store(version: Int, today: String, audience: Audience, experts: [MatchCandidate], shared: [MatchCandidate]) {
            state.withLockedValue { state in
                // An older version read by a slow request never replaces a newer one.
                guard (version, today) >= (state.version, state.today) else { return }
                if state.version != version || state.today != today {
                    state = State(version: version, today: today, shared: shared, experts: [:])
                }
                state.experts[audience] = experts
            }
        }
    }
}
