import Foundation

/// What an uploaded file is, decided from its bytes alone: a name or a browser's content type is
/// whatever the uploader chose, and a file served with the type it claimed could be HTML run in
/// our origin. Only kinds members exchange (PDF, Office and OpenDocument files, photographs and
/// diagrams) are accepted; anything else (HTML, SVG with its scripts, archives, programs) is not.
public enum FileKind: String, CaseIterable, Sendable, Codable {
    case pdf, docx, xlsx, pptx, doc, xls, ppt, odt, ods, odp, png, jpeg, gif, webp

    public var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        case .doc: "application/msword"
        case .xls: "application/vnd.ms-excel"
        case .ppt: "application/vnd.ms-powerpoint"
        case .odt: "application/vnd.oasis.opendocument.text"
        case .ods: "application/vnd.oasis.opendocument.spreadsheet"
        case .odp: "application/vnd.oasis.opendocument.presentation"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        }
    }

    /// The extension a downloaded copy gets, so the reader's computer opens it with the right program.
    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

    /// The extensions a name may already end with for this kind.
    var extensions: Set<String> { self == .jpeg ? ["jpg", "jpeg"] : [rawValue] }

    public var isImage: Bool { [.png, .jpeg, .gif, .webp].contains(self) }
}

public enum FileSignature {
    /// The kind of `bytes`, or nil when it is none the forum accepts.
    public static func kind(of bytes: [UInt8]) -> FileKind? {
        if starts(bytes, Array("%PDF-".utf8)) { return .pdf }
        if starts(bytes, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(bytes, [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(bytes, Array("GIF87a".utf8)) || starts(bytes, Array("GIF89a".utf8)) { return .gif }
        if starts(bytes, Array("RIFF".utf8)), bytes.count >= 12, Array(bytes[8..<12]) == Array("WEBP".utf8) { return .webp }
        if starts(bytes, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return compoundDocument(bytes) }
        if starts(bytes, [0x50, 0x4B, 0x03, 0x04]) { return zipDocument(bytes) }
        return nil
    }

    /// A name safe to offer for download: no folders, no control or quote characters, at most
    /// 120 characters, ending in the extension of the kind the bytes are (`report.exe` holding a
    /// PDF becomes `report.exe.pdf`).
    public static func safeFilename(_ name: String, kind: FileKind) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = String(base.unicodeScalars.filter { scalar in
            !CharacterSet.controlCharacters.contains(scalar) && !"\"<>:|?*;%".unicodeScalars.contains(scalar)
        }.map(Character.init)).trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ".")))
        if cleaned.isEmpty { cleaned = "file" }
        let ext = cleaned.split(separator: ".").count > 1 ? cleaned.split(separator: ".").last.map { $0.lowercased() } : nil
        if ext.map({ !kind.extensions.contains($0) }) ?? true { cleaned += "." + kind.fileExtension }
        if cleaned.count > 120 {
            cleaned = String(cleaned.prefix(120 - kind.fileExtension.count - 1)) + "." + kind.fileExtension
        }
        return cleaned
    }

    static func starts(_ bytes: [UInt8], _ prefix: [UInt8]) -> Bool {
        bytes.count >= prefix.count && Array(bytes[0..<prefix.count]) == prefix
    }

    /// An OLE2 compound file (legacy Office) names its main stream in its directory, in UTF-16:
    /// `WordDocument`, `Workbook` (or `Book` in Excel 95) or `PowerPoint Document`. Other compound
    /// files (installers, Outlook messages, Visio) are refused.
    static func compoundDocument(_ bytes: [UInt8]) -> FileKind? {
        func utf16(_ text: String) -> [UInt8] { Array(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) }
        if contains(bytes, utf16("WordDocument")) { return .doc }
        if contains(bytes, utf16("Workbook")) || contains(bytes, utf16("Book\0")) { return .xls }
        if contains(bytes, utf16("PowerPoint Document")) { return .ppt }
        return nil
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var index = 0
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first, bytes[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    /// A zip is an Office Open XML document when its entries include `[Content_Types].xml` and the
    /// part folder of Word, Excel or PowerPoint; an OpenDocument when its `mimetype` entry names
    /// one. Any other zip is an archive, which could hold anything, and is refused.
    static func zipDocument(_ bytes: [UInt8]) -> FileKind? {
        guard let entries = ZipDirectory.entries(bytes) else { return nil }
        let names = Set(entries.map(\.name))
        if names.contains("[Content_Types].xml") {
            if names.contains(where: { $0.hasPrefix("word/") }) { return .docx }
            if names.contains(where: { $0.hasPrefix("xl/") }) { return .xlsx }
            if names.contains(where: { $0.hasPrefix("ppt/") }) { return .pptx }
            return nil
        }
        guard let mimetype = entries.first(where: { $0.name == "mimetype" }), let text = ZipDirectory.storedText(bytes, mimetype) else { return nil }
        switch text {
        case FileKind.odt.contentType: return .odt
        case FileKind.ods.contentType: return .ods
        case FileKind.odp.contentType: return .odp
        default: return nil
        }
    }
}
