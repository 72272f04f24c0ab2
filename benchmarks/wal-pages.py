#!/usr/bin/env python3
"""Which B-trees a SQLite ledger's commits write: reads the frames of the write-ahead log (those since it last
restarted) and names the table or index of each page through SQLite's dbstat table.

Usage: benchmarks/wal-pages.py <copy of ledger.db> (its -wal beside it)
Copy the database and its log while the API is stopped (kill -STOP), so the two match. Gives frames per commit by
B-tree; divide by the sales per commit to get pages per sale (see docs/benchmarks.md)."""
import collections
import shutil
import sqlite3
import struct
import sys
import tempfile
from pathlib import Path

db = Path(sys.argv[1])
log = Path(str(db) + "-wal").read_bytes()
_, _, page_size, _, salt1, salt2, _, _ = struct.unpack(">IIIIIIII", log[:32])
pages, commits, offset = [], 0, 32
while offset + 24 + page_size <= len(log):
    page, size_after_commit, s1, s2, _, _ = struct.unpack(">IIIIII", log[offset:offset + 24])
    if (s1, s2) != (salt1, salt2):
        break  # older frames, left from before the log restarted
    pages.append(page)
    commits += size_after_commit != 0
    offset += 24 + page_size

# dbstat on a copy: opening the original would checkpoint it or recover its log.
with tempfile.TemporaryDirectory() as folder:
    copy = Path(folder) / "ledger.db"
    shutil.copy(db, copy)
    shutil.copy(str(db) + "-wal", str(copy) + "-wal")
    owner = dict(sqlite3.connect(copy).execute("SELECT pageno, name FROM dbstat"))

print(f"{len(pages):,} frames in {commits:,} commits: {len(pages) / max(1, commits):.1f} frames per commit")
for name, count in collections.Counter(owner.get(p, "?") for p in pages).most_common():
    print(f"{100 * count / len(pages):5.1f} %  {count / max(1, commits):6.2f} per commit  {name}")
