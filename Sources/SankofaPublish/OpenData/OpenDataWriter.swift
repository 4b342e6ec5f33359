import Foundation
import SankofaCore

/// Writes one dataset as it is read, a batch of rows at a time: RFC 4180 CSV (UTF-8, CRLF, a
/// header line, a cell quoted when it holds a comma, a quote or a line break) and a JSON array of
/// objects with the same columns, typed. Both go through a buffer of about a megabyte, so 100,000
/// practices are never all in memory and never written a row per system call.
public final class OpenDataWriter {
    public let table: OpenDataTable
    private let csv: BufferedFile
    private let json: BufferedFile
    private var rows = 0
    /// Each column's name as a JSON key, escaped once.
    private let keys: [String]

    public init(_ table: OpenDataTable, in folder: URL) throws {
        self.table = table
        csv = try BufferedFile(folder.appendingPathComponent(table.csvFile))
        json = try BufferedFile(folder.appendingPathComponent(table.jsonFile))
        keys = table.columns.map { OpenDataText.json($0.name) }
        csv.append(table.columns.map(\.name).joined(separator: ",") + "\r\n")
        json.append("[")
    }

    public var count: Int { rows }

    /// Adds a row; `cells` are in the order of the table's columns.
    public func add(_ cells: [OpenDataCell]) throws {
        precondition(cells.count == table.columns.count, "\(table.name): \(cells.count) cells for \(table.columns.count) columns")
        var line = "", object = rows == 0 ? "\n{" : ",\n{"
        for (index, cell) in cells.enumerated() {
            if index > 0 { line += ","; object += "," }
            line += OpenDataText.csv(cell)
            object += keys[index] + ":" + OpenDataText.json(cell)
        }
        csv.append(line + "\r\n")
        json.append(object + "}")
        rows += 1
        try csv.flushIfFull()
        try json.flushIfFull()
    }

    public func finish() throws {
        json.append(rows == 0 ? "]\n" : "\n]\n")
        try csv.close()
        try json.close()
    }
}

/// How a cell is spelt in each format.
public enum OpenDataText {
    public static func csv(_ cell: OpenDataCell) -> String {
        switch cell {
        case .text(let value): return value.map(CSVCell.quoted) ?? ""
        case .integer(let value): return value.map(String.init) ?? ""
        case .number(let value): return value.map(number) ?? ""
        case .boolean(let value): return value ? "true" : "false"
        case .list(let values): return CSVCell.quoted(values.joined(separator: ";"))
        }
    }

    public static func json(_ cell: OpenDataCell) -> String {
        switch cell {
        case .text(let value): return value.map(json) ?? "null"
        case .integer(let value): return value.map(String.init) ?? "null"
        case .number(let value): return value.flatMap { $0.isFinite ? number($0) : nil } ?? "null"
        case .boolean(let value): return value ? "true" : "false"
        case .list(let values): return "[" + values.map(json).joined(separator: ",") + "]"
        }
    }

    /// Whole numbers without a decimal point, others in Swift's shortest exact spelling.
    static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    public static func json(_ value: String) -> String { JSONString.quoted(value) }
}

/// A file written through a buffer of about a megabyte.
final class BufferedFile {
    private let handle: FileHandle
    private var buffer = Data()

    init(_ url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(1 << 20)
    }

    func append(_ text: String) { buffer.append(contentsOf: text.utf8) }

    func flushIfFull() throws {
        guard buffer.count >= 1 << 20 else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        if !buffer.isEmpty { try handle.write(contentsOf: buffer) }
        buffer.removeAll()
        try handle.close()
    }
}
