import Foundation
import Testing
@testable import SankofaCore

/// Typo tolerance's pure part (issue 21): distances, which words may be corrected and how far,
/// the choice among the index's words, the corrected query.
@Suite("Spelling correction")
struct SpellCorrectionTests {
    @Test func distancesCountASwapAsOneEdit() {
        #expect(SpellCorrection.distance("rehabilitaion", "rehabilitation", limit: 2) == 1)
        #expect(SpellCorrection.distance("reintegartion", "reintegration", limit: 2) == 1)
        #expect(SpellCorrection.distance("terorism", "terrorism", limit: 1) == 1)
        #expect(SpellCorrection.distance("youth", "truth", limit: 1) == nil)
        #expect(SpellCorrection.distance("реабилитацыя", "реабилитация", limit: 2) == 1)
        #expect(SpellCorrection.distance("extremism", "extremism", limit: 2) == 0)
    }

    /// One edit for 5–7 letters, two from 8, none below 5; quoted words, Chinese and numbers never.
    @Test func whatMayBeCorrectedAndHowFar() {
        #expect(SpellCorrection.maximumDistance(4) == 0 && SpellCorrection.maximumDistance(5) == 1)
        #expect(SpellCorrection.maximumDistance(7) == 1 && SpellCorrection.maximumDistance(8) == 2)
        #expect(SpellCorrection.isCorrectable(SearchTokens.query("rehabilitaion")[0]))
        #expect(!SpellCorrection.isCorrectable(SearchTokens.query("\"rehabilitaion\"")[0]))
        #expect(!SpellCorrection.isCorrectable(SearchTokens.query("«foreign terorist»")[0]))
        #expect(!SpellCorrection.isCorrectable(SearchTokens.query("youh")[0]))
        #expect(!SpellCorrection.isCorrectable(SearchTokens.query("2178a")[0]))
    }

    /// The fewest edits first, then the word more documents hold; words holding nothing are never offered.
    @Test func theNearestWordHeldByMostDocumentsIsChosen() {
        let vocabulary = ["rehabilitation", "rehabilitations", "rehabilitate", "reconciliation", "rehab"]
        #expect(SpellCorrection.nearest("rehabilitaion", in: vocabulary) == ["rehabilitation", "rehabilitations"])
        #expect(SpellCorrection.best(for: "rehabilitaion", among: [("rehabilitations", 9), ("rehabilitation", 3)]) == "rehabilitation")
        #expect(SpellCorrection.best(for: "prisonn", among: [("prisons", 2), ("prison", 5)]) == "prison")
        #expect(SpellCorrection.best(for: "rehabilitaion", among: [("rehabilitation", 0)]) == nil)
        #expect(SpellCorrection.best(for: "youht", among: [("youth", 3)]) == "youth")
    }

    /// The corrected query replaces the words corrected and keeps quoted parts as they were.
    @Test func theCorrectedQueryKeepsQuotedParts() {
        #expect(SpellCorrection.corrected("Rehabilitaion of prisoners", ["rehabilitaion": "rehabilitation"]) == "rehabilitation of prisoners")
        #expect(SpellCorrection.corrected("«rehabilitaion» youht", ["youht": "youth", "rehabilitaion": "x"]) == "\"rehabilitaion\" youth")
    }
}
