import Foundation
import SankofaCore
import Testing
import SankofaStoreTestSupport
@testable import SankofaStore

/// A large import file is decoded in parts on every core (``JSONArrayParts``): the records, their
/// order and the problems reported (with each record's index in the whole file) must be what
/// one decoder reading the whole file gives.
@Suite("Import decoding")
struct ImportDecodingTests {
    /// Texts that a naive cut would break: commas, brackets and braces, escaped quotes and
    /// backslashes inside strings, non-ASCII.
    static func records(_ count: Int) -> [PracticeRecord] {
        (0..<count).map { index in
            var record = Fixtures.record("practice-\(index)", countries: ["KE", "SN"], themes: [.youth], pillars: [.conditionsConducive], maturity: .piloted,
                                         title: "Title \(index), [with] {brackets} \"quoted\" \\ back, حوار 对话")
            record.translations[.en]?.context = String(repeating: "A context], {of}, \"some\" length\\. ", count: 8)
            return record
        }
    }

    static func json(_ records: [PracticeRecord]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        return try encoder.encode(records)
    }

    @Test func aLargeFileDecodesInPartsAsItWouldWhole() throws {
        let records = Self.records(1_500)
        let data = try Self.json(records)
        #expect(data.count > 1 << 20, "large enough to be cut: \(data.count) bytes")
        let parts = try #require(JSONArrayParts.split(data, into: 4))
        #expect(parts.count == 4)
        let decodedParts = try parts.map { try JSONDecoder().decode([PracticeRecord].self, from: $0) }
        #expect(decodedParts.map(\.count).reduce(0, +) == records.count && decodedParts.allSatisfy { $0.count >= 370 })
        // The parts decoded at once (not the whole file again), in order.
        let elements = try #require(PracticeImport.inParts(data, count: 4))
        #expect(elements.compactMap { try? $0.result.get() } == records)
        #expect(try PracticeImport.decode(data) == records)
    }

    @Test func problemsKeepTheirIndexInTheWholeFile() throws {
        var records = Self.records(1_500)
        records[1_234].countries = ["ZZZ"]
        records[7].themes = []
        let data = try Self.json(records)
        let elements = try #require(PracticeImport.inParts(data, count: 4), "a bad record decodes; only the rules refuse it")
        #expect(elements.indices.filter { !elements[$0].issues.isEmpty } == [7, 1_234])
        do {
            _ = try PracticeImport.decode(data)
            Issue.record("an invalid file was accepted")
        } catch let PracticeImport.Failure.invalid(problems) {
            #expect(Set(problems.map(\.index)) == [7, 1_234])
        }
    }

    @Test func whatTheCutDoesNotUnderstandIsLeftToTheDecoder() throws {
        let data = try Self.json(Self.records(1_500))
        // Not an array, something after the array, too few elements, a string left open.
        #expect(JSONArrayParts.split(Data("{\"a\": [1, 2, 3]}".utf8), into: 2) == nil)
        #expect(JSONArrayParts.split(data + Data(" []".utf8), into: 2) == nil)
        #expect(JSONArrayParts.split(Data("[1]".utf8), into: 2) == nil)
        #expect(JSONArrayParts.split(Data("[\"a, b\", \"c".utf8), into: 2) == nil)
        // A brace closing the array, a bracket closing an object, empty elements.
        #expect(JSONArrayParts.split(Data("[{\"a\": 1}, {\"b\": 2}}".utf8), into: 2) == nil)
        #expect(JSONArrayParts.split(Data("[{\"a\": 1], {\"b\": 2}]".utf8), into: 2) == nil)
        #expect(JSONArrayParts.split(Data("[1,,2]".utf8), into: 2) == nil)
        #expect(JSONArrayParts.split(Data("[ ,1, 2]".utf8), into: 2) == nil)
        #expect(JSONArrayParts.split(Data("[1, 2, ]".utf8), into: 2) == nil)
        // A string ending in a backslash, escaped quotes: cut only between elements.
        #expect(JSONArrayParts.split(Data(#"["a\\", "b\"],[", "c"]"#.utf8), into: 3)?.map { String(decoding: $0, as: UTF8.self) }
                == [#"["a\\"]"#, #"[ "b\"],["]"#, #"[ "c"]"#])
        #expect(JSONArrayParts.split(Data(" [ 1 , [2, 3] , {\"x\": \"]\"} ] \n".utf8), into: 3)?.map { String(decoding: $0, as: UTF8.self) }
                == ["[ 1 ]", "[ [2, 3] ]", "[ {\"x\": \"]\"} ]"])
        // Broken inside one part: the whole file's decoder says why, as before.
        var broken = data
        broken.replaceSubrange(data.count / 2..<data.count / 2 + 1, with: Data("\u{1}".utf8))
        #expect(throws: PracticeImport.Failure.self) { _ = try PracticeImport.decode(broken) }
        #expect(throws: PracticeImport.Failure.self) { _ = try PracticeImport.decode(data + Data(",".utf8)) }
    }
}
