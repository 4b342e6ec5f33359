import Foundation
import SankofaStore

/// The files a node serves for an edition, one folder per file record
/// (`{edition folder}/.files/{record id}/{name}`). A build records a new row for each file, so
/// a rebuilt file gets a new folder: a node never serves a copy older than the database's
/// account of the file, whichever node built it. A copy comes from the database (the bytes the
/// building node kept) or, for an HTML or EPUB file recorded before those were kept, from
/// building it again from the frozen edition.
struct HandbookFileCache {
    let folder: URL

    func path(of file: EditionFileModel) throws -> URL {
        folder.appendingPathComponent(".files").appendingPathComponent(try file.requireID().uuidString).appendingPathComponent(file.fileName)
    }

    /// Keeps `content` as `file`'s copy, written whole or not at all (a temporary name, then
    /// `rename(2)`, which replaces in one step: a download running at the same time sees the old
    /// copy or the new one, never half of one), and drops the copies of records no longer
    /// `current`.
    func store(_ content: Data, of file: EditionFileModel, current: Set<UUID>) throws {
        let target = try path(of: file)
        let manager = FileManager.default
        try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).part")
        defer { try? manager.removeItem(at: temporary) }
        try content.write(to: temporary)
        guard rename(temporary.path, target.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
        let files = folder.appendingPathComponent(".files")
        for name in (try? manager.contentsOfDirectory(atPath: files.path)) ?? [] {
            guard let id = UUID(uuidString: name), !current.contains(id) else { continue }
            try? manager.removeItem(at: files.appendingPathComponent(name))
        }
    }
}
