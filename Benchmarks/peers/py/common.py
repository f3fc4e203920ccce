"""What every engine's run shares: the exported data set and parameters, timing loops, percentiles.

The export (written by `bms-peer-bench prepare`) is the single source of rows and parameters, so the
engines load the same rows and answer the same parameter sets in the same order.
"""
import argparse
import datetime
import itertools
import json
import math
import os
import sys
import threading
import time


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class Export:
    """DIR/properties.jsonl, rooms.jsonl, queries.jsonl and w1.jsonl."""

    def __init__(self, directory):
        self.directory = directory

    def properties(self):
        return read_jsonl(os.path.join(self.directory, "properties.jsonl"))

    def rooms(self):
        return read_jsonl(os.path.join(self.directory, "rooms.jsonl"))

    def queries(self, kind):
        return [q for q in read_jsonl(os.path.join(self.directory, "queries.jsonl")) if q["kind"] == kind]

    def bookings(self):
        return read_jsonl(os.path.join(self.directory, "w1.jsonl"))


def min_prices(rooms):
    prices = {}
    for r in rooms:
        prices[r["propertyId"]] = min(prices.get(r["propertyId"], r["price"]), r["price"])
    return prices


def pct(samples, p):
    """Nearest rank, as peer-bench's common.py and the Swift side compute it."""
    s = sorted(samples)
    return s[max(0, min(len(s) - 1, int(math.ceil(p / 100.0 * len(s))) - 1))]


def summary_ms(samples_s):
    if not samples_s:
        return None
    ms = [x * 1000.0 for x in samples_s]
    return {"n": len(ms), "p50_ms": round(pct(ms, 50), 3), "p99_ms": round(pct(ms, 99), 3),
            "p99_9_ms": round(pct(ms, 99.9), 3), "mean_ms": round(sum(ms) / len(ms), 3),
            "max_ms": round(max(ms), 3)}


def time_queries(answer, sets, warmup, reps, sample):
    """Runs answer(line) -> list of ids over the parameter sets (queries.jsonl lines: kind, path, params)
    in order, cycling: `warmup` unmeasured,
    then `reps` measured. Returns the latency summary, the first `sample` measured answers and the mean
    row count."""
    times, pages, rows = [], [], 0
    for i in range(warmup + reps):
        line = sets[i % len(sets)]
        t0 = time.perf_counter()
        page = answer(line)
        dt = time.perf_counter() - t0
        if i < warmup:
            continue
        times.append(dt)
        rows += len(page)
        if len(pages) < sample:
            pages.append([str(x) for x in page])
    return {"latency": summary_ms(times), "first_pages": pages, "avg_rows": round(rows / reps, 2)}


def run_queries(engine, answerer, export, args):
    out = {}
    for kind in ("Q1", "Q2", "Q3", "Q4"):
        out[kind] = time_queries(answerer(kind), export.queries(kind), args.warmup, args.reps, args.sample)
        lat = out[kind]["latency"]
        print("%s %s: p50 %.3f ms, p99 %.3f ms, %.1f rows" % (engine, kind, lat["p50_ms"], lat["p99_ms"],
                                                             out[kind]["avg_rows"]), flush=True)
    return out


def sql_answerer(fetch, arguments):
    """answerer for an SQL engine: fetch(sql, args) returns the rows, arguments(kind, params) the query and
    its arguments. Q1-Q3 rows start with the property id; Q4's are the property joined with its rooms,
    the room id in column 12."""
    def for_kind(kind):
        def answer(line):
            rows = fetch(*arguments(kind, line["params"]))
            return [r[12] for r in rows if r[12] is not None] if kind == "Q4" else [r[0] for r in rows]
        return answer
    return for_kind


def run_w1(engine, result, args, requests, make_client, overbooking):
    """Runs W1 (run_bookings), then overbooking(booked) -> the check's counts, and writes `result` with it
    to args.out."""
    w1 = run_bookings(args.w1_clients, args.w1_seconds, requests, make_client)
    w1["overbooking"] = overbooking(w1["booked"])
    result["W1"] = w1
    print("%s W1: %.1f booked/s, %d overbooked room-nights" % (engine, w1["booked_commits_per_s"],
                                                              w1["overbooking"]["violations"]), flush=True)
    write_json(args.out, result)


def run_bookings(clients, seconds, requests, make_client):
    """W1's driver: `clients` threads, each with its own client from make_client(index), take the next
    request of the shared list until `seconds` have passed or the list runs out. A client's book(request)
    returns True (booked), False (rejected: a night is full) or raises (an error, counted).
    """
    next_request = itertools.count()  # next() on it is atomic under the GIL
    results = [None] * clients
    ready = threading.Barrier(clients + 1)

    def worker(index):
        client = make_client(index)
        all_s, booked_s, rejected, errors = [], [], 0, 0
        ready.wait()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            position = next(next_request)
            if position >= len(requests):
                break
            t0 = time.perf_counter()
            try:
                if client.book(requests[position]):
                    booked_s.append(time.perf_counter() - t0)
                else:
                    rejected += 1
            except Exception as error:  # counted, and the loop stays bounded by the deadline
                errors += 1
                if errors == 1:
                    print("W1 client %d: %r" % (index, error), file=sys.stderr, flush=True)
            all_s.append(time.perf_counter() - t0)
        client.close()
        results[index] = (all_s, booked_s, rejected, errors)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    ready.wait(timeout=120)
    t0 = time.perf_counter()
    for t in threads:
        t.join(timeout=seconds + 60)
    wall = time.perf_counter() - t0
    done = [r for r in results if r]
    booked = sum(len(r[1]) for r in done)
    rejected = sum(r[2] for r in done)
    return {"clients": clients, "seconds": seconds, "wall_s": round(wall, 2), "booked": booked,
            "rejected_full": rejected, "errors": sum(r[3] for r in done),
            "clients_still_running": sum(1 for t in threads if t.is_alive()),
            "booked_commits_per_s": round(booked / wall, 1), "attempts_per_s": round((booked + rejected) / wall, 1),
            "latency_all_attempts": summary_ms([x for r in done for x in r[0]]),
            "latency_booked": summary_ms([x for r in done for x in r[1]])}


def overbooked_nights(stays, capacities):
    """(room, night) pairs whose beds exceed the room's capacity; stays are (room, check-in, check-out,
    beds) with ISO dates, the nights being check-in up to the day before check-out."""
    beds = {}
    for room, check_in, check_out, count in stays:
        night = datetime.date.fromisoformat(check_in)
        last = datetime.date.fromisoformat(check_out)
        while night < last:
            beds[(room, night)] = beds.get((room, night), 0) + count
            night += datetime.timedelta(days=1)
    return sum(1 for (room, _), n in beds.items() if n > capacities[room])


def planted_overbooking(room, capacity):
    """capacity + 1 overlapping two-night stays of one bed on one room: the negative control."""
    return [(room, "2030-01-01", "2030-01-03", 1)] * (capacity + 1)


def write_json(path, value):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        json.dump(value, f, indent=2, sort_keys=True)


def parse_arguments(doc, option, **spec):
    """The command line of an engine's run: its own `option` (argparse `spec`) and the shared ones.
    Returns the arguments and the export they name."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(option, required=True, **spec)
    parser.add_argument("--export", required=True, help="the directory bms-peer-bench prepare exported")
    parser.add_argument("--out", required=True, help="the result file (JSON)")
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--reps", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=20, help="answers kept for the cross-engine check")
    parser.add_argument("--w1-clients", type=int, required=True)
    parser.add_argument("--w1-seconds", type=float, default=20.0)
    args = parser.parse_args()
    return args, Export(args.export)
