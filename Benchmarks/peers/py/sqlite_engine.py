#!/usr/bin/env python3
"""SQLite 3 (Python's sqlite3): load the export, run Q1-Q4 and W1, count overbooked room-nights.

    sqlite_engine.py --db FILE --export DIR --out FILE --w1-clients 8 [--w1-seconds 20]

Schema, indexes, settings (WAL, synchronous=FULL) and W1 follow peer-bench's sqlite_bench.py; Q2-Q4 are
restricted to verified properties and Q3 ordered by bms's relevance (relevance.py), because that is
what bms's public search answers.
"""
import json
import math
import sqlite3
import time

import common
import relevance

AMENITIES = ["wifi", "meals", "ac", "laundry", "parking", "gym", "power-backup", "cctv", "housekeeping", "hot-water"]
AMENITY_BIT = {name: 1 << i for i, name in enumerate(AMENITIES)}
EARTH_RADIUS_M = 6371008.7714  # the sphere of PostGIS (use_spheroid=false) and of bms's haversine

SCHEMA = """
DROP TABLE IF EXISTS bookings;
DROP TABLE IF EXISTS rooms;
DROP TABLE IF EXISTS properties;
CREATE TABLE properties (
  pk                  INTEGER PRIMARY KEY,
  id                  TEXT NOT NULL UNIQUE,
  owner_id            TEXT NOT NULL,
  property_name       TEXT NOT NULL,
  description         TEXT NOT NULL,
  city                TEXT NOT NULL,
  locality            TEXT NOT NULL,
  lat                 REAL NOT NULL,
  lng                 REAL NOT NULL,
  property_type       TEXT NOT NULL,
  amenities           TEXT NOT NULL,
  amenity_mask        INTEGER NOT NULL,
  verification_status TEXT NOT NULL,
  rating              REAL NOT NULL,
  min_price           INTEGER NOT NULL
);
CREATE TABLE rooms (
  id               TEXT PRIMARY KEY,
  property_id      TEXT NOT NULL REFERENCES properties(id),
  room_type        TEXT NOT NULL,
  price            INTEGER NOT NULL,
  security_deposit INTEGER NOT NULL,
  capacity         INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 3)
);
CREATE VIRTUAL TABLE properties_rtree USING rtree(pk, min_lat, max_lat, min_lng, max_lng);
CREATE VIRTUAL TABLE properties_fts USING fts5(property_name, locality, city, description,
  content='properties', content_rowid='pk');
"""

INDEXES = [
    "CREATE INDEX properties_city_vs_minprice ON properties (city, verification_status, min_price, id)",
    "CREATE INDEX rooms_property_price ON rooms (property_id, price)",
    "INSERT INTO properties_rtree (pk, min_lat, max_lat, min_lng, max_lng) SELECT pk, lat, lat, lng, lng FROM properties",
    "INSERT INTO properties_fts (rowid, property_name, locality, city, description) "
    "SELECT pk, property_name, locality, city, description FROM properties",
]

BOOKINGS_DDL = """
DROP TABLE IF EXISTS bookings;
CREATE TABLE bookings (
  id         INTEGER PRIMARY KEY,
  room_id    TEXT NOT NULL REFERENCES rooms(id),
  check_in   TEXT NOT NULL,
  check_out  TEXT NOT NULL,
  status     TEXT NOT NULL DEFAULT 'active',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  CHECK (check_out > check_in)
);
CREATE INDEX bookings_room_dates ON bookings (room_id, check_in, check_out) WHERE status = 'active';
"""

Q1 = """
SELECT p.id FROM properties p
WHERE p.city = :city AND p.verification_status = 'verified'
  AND (p.amenity_mask & :mask) = :mask
  AND p.min_price <= :high
  AND EXISTS (SELECT 1 FROM rooms r WHERE r.property_id = p.id AND r.price BETWEEN :low AND :high)
ORDER BY p.min_price, p.id
LIMIT 20"""

Q2 = """
SELECT id FROM (
  SELECT p.id,
         2 * :R * asin(sqrt(
             power(sin(radians(p.lat - :lat) / 2), 2) +
             cos(radians(:lat)) * cos(radians(p.lat)) * power(sin(radians(p.lng - :lng) / 2), 2)
         )) AS dist_m
  FROM properties_rtree t JOIN properties p ON p.pk = t.pk
  WHERE t.max_lat >= :lat - :dlat AND t.min_lat <= :lat + :dlat
    AND t.max_lng >= :lng - :dlng AND t.min_lng <= :lng + :dlng
    AND p.min_price <= :max_price AND p.verification_status = 'verified'
) WHERE dist_m <= :radius
ORDER BY dist_m, id
LIMIT 20"""

Q3 = """
SELECT p.id FROM properties_fts f JOIN properties p ON p.pk = f.rowid
WHERE properties_fts MATCH :match AND p.verification_status = 'verified'
ORDER BY %s DESC, p.rating DESC, p.id
LIMIT 20""" % relevance.score_sql(":word_like", ":prefix_like")

Q4 = """
SELECT p.id, p.owner_id, p.property_name, p.description, p.city, p.locality, p.lat, p.lng,
       p.property_type, p.amenities, p.verification_status, p.rating,
       r.id, r.room_type, r.price, r.security_deposit, r.capacity
FROM properties p LEFT JOIN rooms r ON r.property_id = p.id
WHERE p.id = :id AND p.verification_status = 'verified'
ORDER BY r.id"""

VIOLATIONS = """
WITH RECURSIVE nights(room_id, night, check_out) AS (
  SELECT room_id, check_in, check_out FROM bookings WHERE status = 'active'
  UNION ALL
  SELECT room_id, date(night, '+1 day'), check_out FROM nights WHERE date(night, '+1 day') < check_out
)
SELECT count(*) FROM (
  SELECT n.room_id, n.night
  FROM nights n JOIN rooms r ON r.id = n.room_id
  GROUP BY n.room_id, n.night
  HAVING count(*) > max(r.capacity)
)"""


def connect(path, timeout=30.0):
    conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA cache_size=-262144")  # 256 MiB page cache per connection
    conn.execute("PRAGMA busy_timeout=%d" % int(timeout * 1000))
    return conn


def arguments(kind, params):
    if kind == "Q1":
        mask = sum(AMENITY_BIT[a] for a in params["amenities"].split(","))
        return Q1, {"city": params["city"], "mask": mask, "low": int(params["priceMin"]), "high": int(params["priceMax"])}
    if kind == "Q2":
        lat, lng, radius = float(params["lat"]), float(params["lng"]), float(params["radius"]) * 1000
        dlat = math.degrees(radius / EARTH_RADIUS_M) * 1.001
        dlng = dlat / math.cos(math.radians(abs(lat) + dlat))
        return Q2, {"R": EARTH_RADIUS_M, "lat": lat, "lng": lng, "dlat": dlat, "dlng": dlng,
                    "max_price": int(params["priceMax"]), "radius": radius}
    if kind == "Q3":
        word, prefix, word_like, prefix_like = relevance.terms(params)
        return Q3, {"match": '"%s" AND %s*' % (word, prefix), "word_like": word_like, "prefix_like": prefix_like}
    return Q4, {"id": params["id"]}


def load(path, export):
    t0 = time.perf_counter()
    props, rooms = export.properties(), export.rooms()
    prices = common.min_prices(rooms)
    conn = connect(path)
    conn.executescript(SCHEMA)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO properties (id, owner_id, property_name, description, city, locality, lat, lng, property_type, "
        "amenities, amenity_mask, verification_status, rating, min_price) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        ((p["id"], p["ownerId"], p["propertyName"], p["description"], p["city"], p["locality"], p["lat"], p["lng"],
          p["propertyType"], json.dumps(p["amenities"]), sum(AMENITY_BIT[a] for a in p["amenities"]),
          p["verificationStatus"], p["rating"], prices[p["id"]]) for p in props))
    conn.executemany(
        "INSERT INTO rooms (id, property_id, room_type, price, security_deposit, capacity) VALUES (?,?,?,?,?,?)",
        ((r["id"], r["propertyId"], r["roomType"], r["price"], r["securityDeposit"], r["capacity"]) for r in rooms))
    for ddl in INDEXES:
        conn.execute(ddl)
    conn.execute("COMMIT")
    conn.executescript(BOOKINGS_DDL)
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"properties": len(props), "rooms": len(rooms), "total_s": round(time.perf_counter() - t0, 2)}


class BookingClient:
    """peer-bench's W1 transaction: BEGIN IMMEDIATE (SQLite's one writer), count active bookings
    overlapping the stay, insert if fewer than the room's capacity, COMMIT (WAL, synchronous=FULL)."""

    def __init__(self, path):
        self.conn = connect(path)

    def book(self, request):
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            capacity = self.conn.execute("SELECT capacity FROM rooms WHERE id = ?", (request["roomId"],)).fetchone()[0]
            taken = self.conn.execute(
                "SELECT count(*) FROM bookings WHERE room_id = ? AND status = 'active' AND check_in < ? AND check_out > ?",
                (request["roomId"], request["checkOut"], request["checkIn"])).fetchone()[0]
            if taken >= capacity:
                self.conn.execute("ROLLBACK")
                return False
            self.conn.execute("INSERT INTO bookings (room_id, check_in, check_out) VALUES (?, ?, ?)",
                              (request["roomId"], request["checkIn"], request["checkOut"]))
            self.conn.execute("COMMIT")
            return True
        except Exception:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def close(self):
        self.conn.close()


def overbooking(path, booked):
    """Overbooked room-nights after W1, then with a planted overbooking in a rolled-back transaction."""
    conn = connect(path)
    rows = conn.execute("SELECT count(*) FROM bookings WHERE status = 'active'").fetchone()[0]
    violations = conn.execute(VIOLATIONS).fetchone()[0]
    conn.execute("BEGIN")
    room, capacity = conn.execute("SELECT id, capacity FROM rooms ORDER BY id LIMIT 1").fetchone()
    for _ in range(capacity + 1):
        conn.execute("INSERT INTO bookings (room_id, check_in, check_out) VALUES (?, '2030-01-01', '2030-01-03')", (room,))
    control = conn.execute(VIOLATIONS).fetchone()[0]
    conn.execute("ROLLBACK")
    conn.close()
    assert rows == booked, "W1 acknowledged %d bookings but the table holds %d" % (booked, rows)
    return {"bookings_read_back": rows, "violations": violations, "negative_control_violations": control}


def main():
    args, export = common.parse_arguments(__doc__, "--db", help="the database file to create (in a temporary directory)")
    result = {"engine": "sqlite", "version": sqlite3.sqlite_version,
              "settings": {"journal_mode": "WAL", "synchronous": "FULL", "cache_size": "256 MiB per connection"}}
    result["load"] = load(args.db, export)
    print("sqlite load: %s" % result["load"], flush=True)
    conn = connect(args.db)
    answerer = common.sql_answerer(lambda sql, values: conn.execute(sql, values).fetchall(), arguments)
    result["queries"] = common.run_queries("sqlite", answerer, export, args)
    conn.close()
    common.run_w1("sqlite", result, args, export.bookings(), lambda _: BookingClient(args.db),
                  lambda booked: overbooking(args.db, booked))


if __name__ == "__main__":
    main()
