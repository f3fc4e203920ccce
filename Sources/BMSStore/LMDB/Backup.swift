import Foundation
import Glibc

extension Store {
    /// Writes a compacted, consistent copy of the whole data file to `path` while reads and writes go
    /// on: the copy is the state of one read snapshot. The copy is written beside `path`, flushed, and
    /// renamed into place, so `path` holds either nothing or a complete copy. An existing `path` is
    /// replaced only when `overwrite` is true.
    ///
    /// The result is a single file that `Store.open(at:)` (and `bms serve/check --data`) opens directly;
    /// restoring is putting it back as `data.mdb` in a data directory.
    public func backup(to path: String, overwrite: Bool = false) throws {
        if !overwrite, FileManager.default.fileExists(atPath: path) {
            throw StoreError.cannotOpen(path: path, reason: "the file exists (pass overwrite to replace it)")
        }
        let partial = path + ".partial-\(getpid())"
        let descriptor = Glibc.open(partial, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        do {
            try environment.copy(to: descriptor)
            guard fsync(descriptor) == 0 else { throw StoreError.cannotOpen(path: path, reason: "fsync: " + String(cString: strerror(errno))) }
            Glibc.close(descriptor)
            guard rename(partial, path) == 0 else { throw StoreError.cannotOpen(path: path, reason: "rename: " + String(cString: strerror(errno))) }
        } catch {
            Glibc.close(descriptor)
            unlink(partial)
            throw error
        }
        syncDirectory(of: path)
    }
}

/// Makes a rename durable: the new directory entry is on disk only once the directory is synced.
private func syncDirectory(of path: String) {
    let directory = (path as NSString).deletingLastPathComponent
    let descriptor = Glibc.open(directory.isEmpty ? "." : directory, O_RDONLY)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    Glibc.close(descriptor)
}
