import Foundation
import Testing
@testable import SankofaCore

/// An attachment's type comes from its bytes: whatever its name says, and whatever it hides.
@Suite("File signatures")
struct FileSignatureTests {
    @Test func eachAcceptedKindIsKnownByItsBytes() {
        #expect(FileSignature.kind(of: SampleFiles.pdf) == .pdf)
        #expect(FileSignature.kind(of: SampleFiles.png) == .png)
        #expect(FileSignature.kind(of: [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]) == .jpeg)
        #expect(FileSignature.kind(of: Array("GIF89a\u{1}\u{0}".utf8)) == .gif)
        #expect(FileSignature.kind(of: Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == .webp)
        #expect(FileSignature.kind(of: SampleFiles.zip(["[Content_Types].xml": "", "_rels/.rels": "", "word/document.xml": ""])) == .docx)
        #expect(FileSignature.kind(of: SampleFiles.zip(["[Content_Types].xml": "", "xl/workbook.xml": ""])) == .xlsx)
        #expect(FileSignature.kind(of: SampleFiles.zip(["[Content_Types].xml": "", "ppt/presentation.xml": ""])) == .pptx)
        #expect(FileSignature.kind(of: SampleFiles.zip(["mimetype": "application/vnd.oasis.opendocument.text", "content.xml": ""])) == .odt)
        #expect(FileSignature.kind(of: SampleFiles.zip(["mimetype": "application/vnd.oasis.opendocument.spreadsheet"])) == .ods)
        #expect(FileSignature.kind(of: SampleFiles.ole2("WordDocument")) == .doc)
        #expect(FileSignature.kind(of: SampleFiles.ole2("Workbook")) == .xls)
        #expect(FileSignature.kind(of: SampleFiles.ole2("PowerPoint Document")) == .ppt)
    }

    @Test func whatIsNotAcceptedIsRefused() {
        let refused: [(String, [UInt8])] = [
            ("HTML", Array("<!DOCTYPE html><html><script>alert(1)</script></html>".utf8)),
            ("SVG", Array("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".utf8)),
            ("HTML after a PDF's signature somewhere inside", Array("<html>%PDF-1.7".utf8)),
            ("a plain zip", SampleFiles.zip(["readme.txt": "hello", "run.exe": "MZ"])),
            ("a zip whose content types name no Office part", SampleFiles.zip(["[Content_Types].xml": "", "evil/index.html": ""])),
            ("a zip naming another mimetype", SampleFiles.zip(["mimetype": "text/html"])),
            ("an OLE2 file that is not an Office document", SampleFiles.ole2("__substg1.0_0037001F")),
            ("a program", [0x4D, 0x5A, 0x90, 0x00]),
            ("nothing", []),
            ("a truncated zip", Array(SampleFiles.zip(["[Content_Types].xml": "", "word/document.xml": ""]).prefix(40))),
        ]
        for (what, bytes) in refused {
            #expect(FileSignature.kind(of: bytes) == nil, "\(what)")
        }
    }

    @Test func aZipWithHostileOffsetsIsRefusedWithoutACrash() {
        var bytes = SampleFiles.zip(["[Content_Types].xml": "", "word/document.xml": ""])
        // The end record's offset of the central directory, pointed past the end of the file.
        let end = bytes.count - 22
        for index in 16..<20 { bytes[end + index] = 0xFF }
        #expect(FileSignature.kind(of: bytes) == nil)
    }

    @Test func theNameOfferedForDownloadEndsInTheKindsExtension() {
        #expect(FileSignature.safeFilename("report.exe", kind: .pdf) == "report.exe.pdf")
        #expect(FileSignature.safeFilename("Rapport final.PDF", kind: .pdf) == "Rapport final.PDF")
        #expect(FileSignature.safeFilename("../../etc/passwd", kind: .png) == "passwd.png")
        #expect(FileSignature.safeFilename("photo.jpeg", kind: .jpeg) == "photo.jpeg")
        #expect(FileSignature.safeFilename("a\"b<c>\u{0}.docx", kind: .docx) == "abc.docx")
        #expect(FileSignature.safeFilename("", kind: .gif) == "file.gif")
        #expect(FileSignature.safeFilename("تقرير.pdf", kind: .pdf) == "تقرير.pdf")
        #expect(FileSignature.safeFilename(String(repeating: "x", count: 300) + ".pdf", kind: .pdf).count == 120)
    }
}

/// Files made in memory for the attachment tests.
enum SampleFiles {
    static let pdf = Array("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]

    /// A legacy compound file whose directory names `stream`.
    static func ole2(_ stream: String) -> [UInt8] {
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
            + stream.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0, 0]
    }

    /// A zip of stored (uncompressed) entries, in name order.
    static func zip(_ entries: [String: String]) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int) -> [UInt8] { u16(v & 0xFFFF) + u16(v >> 16) }
        var body: [UInt8] = [], central: [UInt8] = []
        let ordered = entries.sorted { $0.key == "mimetype" || ($1.key != "mimetype" && $0.key < $1.key) }
        for (name, content) in ordered {
            let offset = body.count, nameBytes = Array(name.utf8), data = Array(content.utf8)
            body += [0x50, 0x4B, 0x03, 0x04] + u16(10) + u16(0) + u16(0) + u16(0) + u16(0) + u32(0)
                + u32(data.count) + u32(data.count) + u16(nameBytes.count) + u16(0) + nameBytes + data
            central += [0x50, 0x4B, 0x01, 0x02] + u16(20) + u16(10) + u16(0) + u16(0) + u16(0) + u16(0) + u32(0)
                + u32(data.count) + u32(data.count) + u16(nameBytes.count) + u16(0) + u16(0) + u16(0) + u16(0) + u32(0)
                + u32(offset) + nameBytes
        }
        return body + central + [0x50, 0x4B, 0x05, 0x06] + u16(0) + u16(0) + u16(ordered.count) + u16(ordered.count)
            + u32(central.count) + u32(body.count) + u16(0)
    }
}
