import Foundation
import NIOConcurrencyHelpers
import SankofaCore

extension MatchCandidates {
    /// The candidates of the latest data version and day read, held by whoever serves the matches
    /// pages (one per application), so that each database has its own. A newer version or day
    /// replaces them; two requests arriving together on a new version may both read it once.
    /// Published practices, the slow part to read (seconds at 100,000), are kept apart under the
    /// catalogue's own version (``DataVersion/catalogue(on:)``): a forum post or a profile edit
    /// moves the site-wide version but leaves them as read.
    public final class Cache: Sendable {
        private let state = NIOLockedValueBox(State())
        private let practiceState = NIOLockedValueBox((version: -1, practices: [MatchCandidate]?.none))

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

        /// The practices read at catalogue version `version`, if they are the ones held.
        func practices(version: Int) -> [MatchCandidate]? {
            practiceState.withLockedValue { $0.version == version ? $0.practices : nil }
        }

        func storePractices(version: Int, _ practices: [MatchCandidate]) {
            practiceState.withLockedValue { state in
                guard version >= state.version else { return }
                state = (version, practices)
            }
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
