import Foundation
import StoreTestSupport
import Testing

@testable import BMSStore

@Suite("Data file cache: opening reads the file back into the page cache")
struct DataFileCacheTests {
    @Test("a data file evicted from the page cache is cached again when open returns, and its data reads back")
    func refillAfterOpen() async throws {
        // Not the temp dir: it may be a tmpfs, whose pages cannot leave the cache. The build directory is on disk.
        let directory = TemporaryDirectory(in: FileManager.default.currentDirectoryPath + "/.build/")
        let page = [UInt8](repeating: 0x5A, count: 4096)
        var store = try openStore(directory)
        let notes = try store.table("notes", key: ObjectIDCodec.self, value: BytesCodec.self)
        let ids = (0..<1024).map { _ in ObjectID() }
        try await store.write { txn in
            for id in ids { try notes.put(txn, id, page) }
        }
        store.close()

        let file = directory.file("data.mdb")
        try Self.evict(file)
        #expect(try Self.residentFraction(file) < 0.5, "the test could not evict the file; nothing below would mean anything")

        store = try openStore(directory)
        defer { store.close() }
        #expect(try Self.residentFraction(file) == 1)
        let reopened = try store.table("notes", key: ObjectIDCodec.self, value: BytesCodec.self)
        try store.read { txn throws in
            #expect(try reopened.count(txn) == ids.count)
            #expect(try reopened.get(txn, ids.randomElement()!) == page)
        }
    }

    private static func evict(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw POSIXError(.ENOENT) }
        defer { close(descriptor) }
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_DONTNEED)
    }

    /// The share of `path`'s pages in the page cache, from `mincore` over a map that is never touched.
    private static func residentFraction(_ path: String) throws -> Double {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw POSIXError(.ENOENT) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else { throw POSIXError(.EIO) }
        let size = Int(status.st_size)
        guard let map = mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0), map != MAP_FAILED else { throw POSIXError(.ENOMEM) }
        defer { munmap(map, size) }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        var vector = [UInt8](repeating: 0, count: (size + pageSize - 1) / pageSize)
        guard mincore(map, size, &vector) == 0 else { throw POSIXError(.EINVAL) }
        return Double(vector.filter { $0 & 1 == 1 }.count) / Double(vector.count)
    }
}
