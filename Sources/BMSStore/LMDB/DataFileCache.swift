import CLMDB
import Foundation

/// Puts the data file into the page cache in base (4 KiB) pages when the store opens.
///
/// Linux 6.x caches a file in large folios (up to megabytes) when it is written or read in big chunks:
/// copying a data file or a backup in, a bulk import, readahead. A commit rewrites single 4 KiB pages at
/// random places, and a page that sits in a large folio makes the kernel dirty, walk and write back the
/// whole folio. Measured on this project's machine (ext4, kernel 6.18), W1 booking load on a copied data
/// file sent ~1 MB to the disk per 4 KiB page written (4 KiB after this), and the writer thread spent
/// 13 % of its time walking buffer heads (`ext4_block_write_begin`, `mpage_process_page_bufs`; 2 % after).
///
/// So at open the file's clean cached pages are dropped and read back through a descriptor marked
/// `POSIX_FADV_RANDOM`: the kernel then reads in the large chunks asked for but caches base pages. The
/// environment is opened with `MDB_NORDAHEAD` (its map is `MADV_RANDOM`), so that a page faulted in later
/// is a base page too. Reading back also warms the cache, which a restart otherwise pays for with one
/// disk read per page touched (a 744 MB file reads back in 0.7 s here); the pages are then entered in
/// the map's page tables (`MADV_POPULATE_READ`), so that first reads take no page faults either. A file
/// larger than half the machine's memory is only dropped, not read back, so that opening never pushes
/// the rest of the machine out of memory.
enum DataFileCache {
    static let chunk = 8 << 20

    /// Drops and re-reads the cached pages of `env`'s data file at `path`, then maps them. Advisory: a
    /// failure changes speed only.
    static func refill(_ path: String, of env: OpaquePointer) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return }
        let size = Int(status.st_size)
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_DONTNEED)
        guard size <= Int(ProcessInfo.processInfo.physicalMemory / 2) else { return }
        readBack(descriptor)
        var info = MDB_envinfo()
        guard mdb_env_info(env, &info) == 0, let map = info.me_mapaddr else { return }
        _ = madvise(map, min(size, info.me_mapsize), MADV_POPULATE_READ)
    }

    /// Reads the whole file through `descriptor` marked random: large reads, base pages in the cache.
    private static func readBack(_ descriptor: Int32) {
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_RANDOM)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 4096)
        defer { buffer.deallocate() }
        var offset = 0
        while true {
            let read = pread(descriptor, buffer, chunk, off_t(offset))
            if read > 0 {
                offset += read
            } else if read < 0, errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
