#!/usr/bin/env python3
"""PostgreSQL 15 + PostGIS 3: load the export, run Q1-Q4 and W1, count overbooked room-nights.

    pg_engine.py --port P --export DIR --out FILE --w1-clients 64 [--w1-seconds 20]

Connects to the cluster run.sh started on 127.0.0.1:P (user postgres, database postgres). Schema,
indexes and W1 follow peer-bench's pg_bench.py; Q2-Q4 are restricted to verified properties and Q3
ordered by bms's relevance (relevance.py), because that is what bms's public search answers.
"""
import time

import psycopg

import common
import relevance

SCHEMA = """
CREATE EXTENSION IF NOT EXISTS postgis;
DROP TABLE IF EXISTS bookings, rooms, properties CASCADE;
CREATE TABLE properties (
  id                  text PRIMARY KEY,
  owner_id            text NOT NULL,
  property_name       text NOT NULL,
  description         text NOT NULL,
  city                text NOT NULL,
  locality            text NOT NULL,
  lat                 double precision NOT NULL,
  lng                 double precision NOT NULL,
  geog                geography(Point, 4326) NOT NULL,
  property_type       text NOT NULL,
  amenities           text[] NOT NULL,
  verification_status text NOT NULL,
  rating              double precision NOT NULL,
  min_price           integer NOT NULL,
  tsv tsvector GENERATED ALWAYS AS
      (to_tsvector('simple', property_name || ' ' || locality || ' ' || city || ' ' || description)) STORED
);
CREATE TABLE rooms (
  id               text PRIMARY KEY,
  property_id      text NOT NULL,
  room_type        text NOT NULL,
  price            integer NOT NULL,
  security_deposit integer NOT NULL,
  capacity         smallint NOT NULL CHECK (capacity BETWEEN 1 AND 3)
);
"""

INDEXES = [
    "ALTER TABLE rooms ADD CONSTRAINT rooms_property_fk FOREIGN KEY (property_id) REFERENCES properties(id)",
    "CREATE INDEX properties_geog_gist ON properties USING gist (geog)",
    "CREATE INDEX properties_city_vs_minprice ON properties (city, verification_status, min_price, id)",
    "CREATE INDEX properties_amenities_gin ON properties USING gin (amenities)",
    "CREATE INDEX properties_tsv_gin ON properties USING gin (tsv)",
    "CREATE INDEX rooms_property_price ON rooms (property_id, price)",
]

BOOKINGS_DDL = """
DROP TABLE IF EXISTS bookings;
CREATE TABLE bookings (
  id         bigserial PRIMARY KEY,
  room_id    text NOT NULL REFERENCES rooms(id),
  check_in   date NOT NULL,
  check_out  date NOT NULL,
  status     text NOT NULL DEFAULT 'active',
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (check_out > check_in)
);
CREATE INDEX bookings_room_dates ON bookings (room_id, check_in, check_out) WHERE status = 'active';
"""

Q1 = """
SELECT p.id FROM properties p
WHERE p.city = %(city)s AND p.verification_status = 'verified'
  AND p.amenities @> %(amenities)s::text[]
  AND p.min_price <= %(high)s
  AND EXISTS (SELECT 1 FROM rooms r WHERE r.property_id = p.id AND r.price BETWEEN %(low)s AND %(high)s)
ORDER BY p.min_price, p.id
LIMIT 20"""

Q2 = """
SELECT p.id FROM properties p,
     (SELECT ST_SetSRID(ST_MakePoint(%(lng)s, %(lat)s), 4326)::geography AS g) q
WHERE ST_DWithin(p.geog, q.g, %(radius_m)s, false) AND p.min_price <= %(max_price)s
  AND p.verification_status = 'verified'
ORDER BY p.geog <-> q.g
LIMIT 20"""

Q3 = """
SELECT p.id FROM properties p
WHERE p.tsv @@ to_tsquery('simple', %%(tsquery)s) AND p.verification_status = 'verified'
ORDER BY %s DESC, p.rating DESC, p.id
LIMIT 20""" % relevance.score_sql("%(word_like)s", "%(prefix_like)s")

Q4 = """
SELECT p.id, p.owner_id, p.property_name, p.description, p.city, p.locality, p.lat, p.lng,
       p.property_type, p.amenities, p.verification_status, p.rating,
       r.id, r.room_type, r.price, r.security_deposit, r.capacity
FROM properties p LEFT JOIN rooms r ON r.property_id = p.id
WHERE p.id = %(id)s AND p.verification_status = 'verified'
ORDER BY r.id"""

VIOLATIONS = """
SELECT count(*) FROM (
  SELECT b.room_id, n.night
  FROM bookings b
  JOIN rooms r ON r.id = b.room_id
  CROSS JOIN LATERAL generate_series(b.check_in, b.check_out - 1, interval '1 day') AS n(night)
  WHERE b.status = 'active'
  GROUP BY b.room_id, n.night
  HAVING count(*) > max(r.capacity)
) v"""


def arguments(kind, params):
    if kind == "Q1":
        return Q1, {"city": params["city"], "amenities": params["amenities"].split(","),
                    "low": int(params["priceMin"]), "high": int(params["priceMax"])}
    if kind == "Q2":
        return Q2, {"lat": float(params["lat"]), "lng": float(params["lng"]),
                    "radius_m": float(params["radius"]) * 1000, "max_price": int(params["priceMax"])}
    if kind == "Q3":
        word, prefix, word_like, prefix_like = relevance.terms(params)
        return Q3, {"tsquery": "%s & %s:*" % (word, prefix), "word_like": word_like, "prefix_like": prefix_like}
    return Q4, {"id": params["id"]}


def load(conn, export):
    t0 = time.perf_counter()
    props, rooms = export.properties(), export.rooms()
    prices = common.min_prices(rooms)
    with conn.cursor() as cur:
        cur.execute(SCHEMA)
        with cur.copy("COPY properties (id, owner_id, property_name, description, city, locality, lat, lng, geog, "
                      "property_type, amenities, verification_status, rating, min_price) FROM STDIN") as cp:
            for p in props:
                cp.write_row((p["id"], p["ownerId"], p["propertyName"], p["description"], p["city"], p["locality"],
                              p["lat"], p["lng"], "SRID=4326;POINT(%r %r)" % (p["lng"], p["lat"]), p["propertyType"],
                              p["amenities"], p["verificationStatus"], p["rating"], prices[p["id"]]))
        with cur.copy("COPY rooms (id, property_id, room_type, price, security_deposit, capacity) FROM STDIN") as cp:
            for r in rooms:
                cp.write_row((r["id"], r["propertyId"], r["roomType"], r["price"], r["securityDeposit"], r["capacity"]))
        for ddl in INDEXES:
            cur.execute(ddl)
        cur.execute(BOOKINGS_DDL)
        conn.commit()
        conn.autocommit = True
        cur.execute("VACUUM ANALYZE properties")
        cur.execute("VACUUM ANALYZE rooms")
        cur.execute("CHECKPOINT")
    return {"properties": len(props), "rooms": len(rooms), "total_s": round(time.perf_counter() - t0, 2)}


class BookingClient:
    """peer-bench's W1 transaction: lock the room, count active bookings overlapping the stay, insert if
    fewer than its capacity, commit (synchronous_commit=on)."""

    def __init__(self, port):
        self.conn = psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
        self.conn.execute("SET statement_timeout = '30s'")
        self.conn.execute("SET lock_timeout = '20s'")
        self.conn.commit()

    def book(self, request):
        try:
            with self.conn.cursor() as cur:
                cur.execute("SELECT capacity FROM rooms WHERE id = %s FOR UPDATE", (request["roomId"],))
                capacity = cur.fetchone()[0]
                cur.execute("SELECT count(*) FROM bookings WHERE room_id = %s AND status = 'active' "
                            "AND check_in < %s AND check_out > %s",
                            (request["roomId"], request["checkOut"], request["checkIn"]))
                if cur.fetchone()[0] >= capacity:
                    self.conn.rollback()
                    return False
                cur.execute("INSERT INTO bookings (room_id, check_in, check_out) VALUES (%s, %s, %s)",
                            (request["roomId"], request["checkIn"], request["checkOut"]))
            self.conn.commit()
            return True
        except Exception:
            self.conn.rollback()
            raise

    def close(self):
        self.conn.close()


def overbooking(port, booked):
    """Overbooked room-nights after W1, then with a planted overbooking in a rolled-back transaction."""
    with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres") as conn:
        rows = conn.execute("SELECT count(*) FROM bookings WHERE status = 'active'").fetchone()[0]
        violations = conn.execute(VIOLATIONS).fetchone()[0]
        room, capacity = conn.execute("SELECT id, capacity FROM rooms ORDER BY id LIMIT 1").fetchone()
        for _ in range(capacity + 1):
            conn.execute("INSERT INTO bookings (room_id, check_in, check_out) VALUES (%s, '2030-01-01', '2030-01-03')",
                         (room,))
        control = conn.execute(VIOLATIONS).fetchone()[0]
        conn.rollback()
    assert rows == booked, "W1 acknowledged %d bookings but the table holds %d" % (booked, rows)
    return {"bookings_read_back": rows, "violations": violations, "negative_control_violations": control}


def main():
    args, export = common.parse_arguments(__doc__, "--port", type=int)
    result = {"engine": "postgresql"}
    with psycopg.connect(host="127.0.0.1", port=args.port, user="postgres", dbname="postgres",
                         prepare_threshold=None) as conn:
        result["load"] = load(conn, export)
        print("postgresql load: %s" % result["load"], flush=True)
        result["version"] = conn.execute("SELECT version()").fetchone()[0]
        result["postgis"] = conn.execute("SELECT postgis_full_version()").fetchone()[0].split(" GEOS")[0]
        result["settings"] = dict(conn.execute(
            "SELECT name, current_setting(name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', "
            "'full_page_writes', 'shared_buffers', 'wal_sync_method', 'jit')").fetchall())
        with conn.cursor() as cur:
            answerer = common.sql_answerer(lambda sql, values: cur.execute(sql, values).fetchall(), arguments)
            result["queries"] = common.run_queries("postgresql", answerer, export, args)
    common.run_w1("postgresql", result, args, export.bookings(), lambda _: BookingClient(args.port),
                  lambda booked: overbooking(args.port, booked))


if __name__ == "__main__":
    main()
