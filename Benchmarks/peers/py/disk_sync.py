"""How fast this machine's disk makes scattered pages durable, beside the same pages written together.

W1's durable commits are bounded by the pages each commit writes and where they land (Benchmarks/README.md,
"Why W1 stays near SQLite"). This loop measures the device alone, outside every engine: in a 256 MiB
file of the given directory (read back in base pages, as bms's DataFileCache does), it repeats for a
few seconds per pattern: write PAGES 4 KiB pages, then fdatasync; the pages scattered at random, in runs
of 8, or in one run; and a single page. It prints cycles per second and milliseconds per cycle.

    python3 disk_sync.py [--dir DIR] [--pages 168] [--seconds 4] [--rounds 2]

The file is removed at the end. Nothing but the given directory is touched.
"""

import argparse
import os
import random
import time

PAGE = 4096
FILE_SIZE = 256 << 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=os.environ.get("TMPDIR", "/tmp"))
    parser.add_argument("--pages", type=int, default=168)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    path = os.path.join(args.dir, f"bms-disk-sync-{os.getpid()}.dat")
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        page = os.urandom(PAGE)
        chunk = page * 256
        for offset in range(0, FILE_SIZE, len(chunk)):
            os.pwrite(fd, chunk, offset)
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_RANDOM)
        for offset in range(0, FILE_SIZE, PAGE):
            os.pread(fd, PAGE, offset)
        pages_in_file = FILE_SIZE // PAGE
        patterns = {
            f"{args.pages} pages scattered": lambda: [
                os.pwrite(fd, page, p * PAGE) for p in random.sample(range(pages_in_file), args.pages)
            ],
            f"{args.pages} pages in runs of 8": lambda: [
                os.pwrite(fd, page * 8, run * 8 * PAGE) for run in random.sample(range(pages_in_file // 8), args.pages // 8)
            ],
            f"{args.pages} pages in one run": lambda: os.pwrite(
                fd, page * args.pages, random.randrange(pages_in_file - args.pages) * PAGE
            ),
            "1 page": lambda: os.pwrite(fd, page, random.randrange(pages_in_file) * PAGE),
        }
        for _ in range(args.rounds):
            for name, write in patterns.items():
                cycles, deadline = 0, time.monotonic() + args.seconds
                started = time.monotonic()
                while time.monotonic() < deadline:
                    write()
                    os.fdatasync(fd)
                    cycles += 1
                elapsed = time.monotonic() - started
                print(f"{name:>28}: {cycles / elapsed:8.0f} cycles/s, {1000 * elapsed / cycles:6.2f} ms per write + fdatasync", flush=True)
    finally:
        os.close(fd)
        os.remove(path)


if __name__ == "__main__":
    main()
