import Foundation
import SankofaCore
import SankofaTestSupport
import Testing
import VaporTesting
@testable import SankofaWeb

/// The directory's CSV export must not hand a spreadsheet a formula (OWASP CSV injection).
@Suite("CSV export and formulas")
struct CSVInjectionTests {
    /// Cells a spreadsheet would run, each written so that the old check (the first grapheme
    /// cluster) let it through or would have: "=" with a combining mark, a formula behind spaces,
    /// full-width signs.
    static let formulas = ["=\u{0301}HYPERLINK(\"https://evil.example\")", "  =1+2", "\u{00A0}@SUM(A1)",
                           "+\u{20DD}1", "-\u{0300}2", "\u{FF1D}1+1", "\u{FF20}x", "\t=x", "\r=x", "=1", "@a"]

    @Test("ASVS 1.2.10 CSV injection: a cell starting with a formula sign, by its first Unicode scalar after spaces, is defused",
          arguments: formulas)
    func formulaCellsAreDefused(value: String) {
        let cell = CSVCell.quoted(value)
        let unquoted = cell.hasPrefix("\"") ? String(cell.dropFirst()) : cell
        #expect(unquoted.hasPrefix("'"), "\(value.unicodeScalars.map { String($0.value, radix: 16) }) → \(cell)")
    }

    @Test("ASVS 1.2.10 CSV injection: ordinary text is left as it is")
    func ordinaryCellsAreKept() {
        for value in ["Aïcha Diallo", "a=b", "١٢", "研究", "", "é=1"] {
            #expect(CSVCell.quoted(value) == value)
        }
        #expect(CSVCell.quoted("a,b") == "\"a,b\"")
        // A Windows line break is one Character, neither "\r" nor "\n": it still needs quotes,
        // or the cell's second line becomes a row of its own.
        #expect(CSVCell.quoted("first line\r\nsecond") == "\"first line\r\nsecond\"")
        #expect(CSVCell.quoted("say \"no\"") == "\"say \"\"no\"\"\"")
    }

    @Test("ASVS 1.2.10 CSV injection: a name with a combining mark after '=' reaches the export defused",
          arguments: TestEngine.all)
    func theExportDefusesAName(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            var record = DirectoryFixtures.expert("formula-name")
            record.name = "=\u{0301}HYPERLINK(\"https://evil.example\",\"x\")"
            try await DirectoryFixtures.save(app, record)
            try await app.testing().test(.GET, "/en/experts/export.csv") { response in
                #expect(response.status == .ok)
                let line = response.body.string.split(separator: "\r\n").first { $0.hasPrefix("formula-name,") }
                #expect(line?.hasPrefix("formula-name,\"'=\u{0301}HYPERLINK(") == true, "\(line ?? "no line")")
            }
        }
    }
}
