import Foundation
import SankofaCore

public enum PracticeExport {
    /// Stable JSON: sorted keys, so two exports of the same data are byte-identical.
    public static func json(_ records: [PracticeRecord]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(records)
    }
}
