#!/usr/bin/env python3
"""The three-engine table: reads each engine's result file and the run's facts, checks that the engines
gave the same answers, and prints and writes the results in Markdown.

    report.py --results DIR --facts FILE --out FILE.md

"Same answers": for each of Q1-Q4 and each of the first --sample measured parameter sets, the first page
(Q1-Q3: up to 20 property ids in the engine's order; Q4: the property's room ids by id) must be the
identical list on every engine. Every order used is total (ties broken by id), so no tie is left to
chance: Q1 (lowest room price, id); Q2 by distance (two properties at exactly the same distance are not
in the data set); Q3 (relevance, rating, id); Q4 room id. Exit status 1 if any answer differs or any
W1 run overbooked (or its negative control saw nothing), after writing the file.
"""
import argparse
import json
import os
import sys

ENGINES = [("bms-inprocess", "bms in process"), ("bms-http", "bms over HTTP"),
           ("postgresql", "PostgreSQL + PostGIS"), ("sqlite", "SQLite")]
PEERS = ("postgresql", "sqlite")
QUERIES = [("Q1", "city + price range + 2 amenities, by price"), ("Q2", "5 km radius + price cap, by distance"),
           ("Q3", "locality word + prefix word, by relevance"), ("Q4", "property + rooms by id")]


def load(directory):
    """Each engine's result file; bms in process and both peers are required, bms over HTTP may be
    missing (a run without it, said so in the table)."""
    results = {}
    for key, _ in ENGINES:
        path = os.path.join(directory, key + ".json")
        if key == "bms-http" and not os.path.exists(path):
            continue
        with open(path) as f:
            results[key] = json.load(f)
    return results


def engines(results):
    return [(key, name) for key, name in ENGINES if key in results]


def answer_check(results):
    rows, problems = [], []
    for kind, _ in QUERIES:
        reference = results["bms-inprocess"]["queries"][kind]["first_pages"]
        row = [kind, str(len(reference))]
        for key, name in engines(results)[1:]:
            pages = results[key]["queries"][kind]["first_pages"]
            same = sum(1 for a, b in zip(reference, pages) if a == b)
            if len(pages) != len(reference) or same != len(reference):
                first = next(i for i, (a, b) in enumerate(zip(reference, pages + [None] * len(reference))) if a != b)
                problems.append("%s set %d: bms in process %s, %s %s" % (kind, first, reference[first], name,
                                                                         pages[first] if first < len(pages) else None))
            row.append("%d / %d" % (same, len(reference)))
        rows.append(row)
    empty = sum(1 for kind, _ in QUERIES for page in results["bms-inprocess"]["queries"][kind]["first_pages"] if not page)
    return rows, problems, empty


def ms(value):
    return "%.3f" % value if value < 10 else "%.1f" % value


def query_table(results):
    rows, misses = [], []
    for kind, title in QUERIES:
        lat = {key: results[key]["queries"][kind]["latency"] for key, _ in engines(results)}
        best = min(PEERS, key=lambda key: lat[key]["p99_ms"])
        ratio = lat["bms-inprocess"]["p99_ms"] / lat[best]["p99_ms"]
        met = ratio < 1
        if not met:
            misses.append("%s p99: bms %.3f ms vs %s %.3f ms" % (kind, lat["bms-inprocess"]["p99_ms"], best,
                                                                 lat[best]["p99_ms"]))
        rows.append(["%s %s" % (kind, title)] + ["%s / %s" % (ms(lat[key]["p50_ms"]), ms(lat[key]["p99_ms"]))
                                                  for key, _ in engines(results)]
                    + ["%.2f (%s)" % (ratio, dict(ENGINES)[best]), "met" if met else "**missed**"])
    return rows, misses


def w1_table(results):
    rows, problems = [], []
    for key, name in engines(results):
        w1 = results[key]["W1"]
        check = w1["overbooking"]
        if check["violations"] != 0 or check["negative_control_violations"] == 0:
            problems.append("%s: %d overbooked room-nights, negative control %d" % (
                name, check["violations"], check["negative_control_violations"]))
        lat = w1["latency_all_attempts"]
        rows.append([name, str(w1["clients"]), "%.0f" % w1["booked_commits_per_s"], "%.0f" % w1["attempts_per_s"],
                     "%d / %d / %d" % (w1["booked"], w1["rejected_full"], w1["errors"]),
                     ms(lat["p50_ms"]), ms(lat["p99_ms"]), ms(lat["p99_9_ms"]), ms(lat["max_ms"]),
                     "**%d**" % check["violations"], str(check["negative_control_violations"])])
    return rows, problems


def w1_targets(results):
    best = max(PEERS, key=lambda key: results[key]["W1"]["booked_commits_per_s"])
    ours = results["bms-inprocess"]["W1"]
    ratio = ours["booked_commits_per_s"] / max(0.1, results[best]["W1"]["booked_commits_per_s"])
    p999 = ours["latency_all_attempts"]["p99_9_ms"]
    return [
        ["W1 booked commits/s >= 2x the best peer (%s)" % dict(ENGINES)[best], "%.2fx" % ratio,
         "met" if ratio >= 2 else "**missed**"],
        ["W1 overbooked room-nights = 0", str(ours["overbooking"]["violations"]),
         "met" if ours["overbooking"]["violations"] == 0 else "**missed**"],
        ["W1 p99.9 < 20 ms", "%s ms" % ms(p999), "met" if p999 < 20 else "**missed**"],
    ]


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def render(results, facts):
    checks, answer_problems, empty = answer_check(results)
    queries, misses = query_table(results)
    w1, w1_problems = w1_table(results)
    pg, lite = results["postgresql"], results["sqlite"]
    out = ["# Three-engine benchmark: bms, PostgreSQL + PostGIS, SQLite", "",
           "Written by `py/report.py` after `%s`. One run, one machine, one data set "
           "(ListingDataSet seed %s: %s properties, %s rooms), the same parameter sets on every engine." % (
               facts["command"], facts["seed"], facts["properties"], pg["load"]["rooms"]), "",
           "## Machine and versions", ""]
    out += ["- %s: %s" % (name, facts[key]) for key, name in [
        ("started", "Started"), ("finished", "Finished"), ("load_start", "Load average at the start (1/5/15 min)"),
        ("load_end", "Load average at the end"), ("nproc", "nproc"), ("cpu", "CPU"), ("memory", "Memory"),
        ("kernel", "Kernel"), ("disk", "Data directory's file system"), ("swift", "Swift"), ("python", "Python")]]
    out += ["- PostgreSQL: %s; %s" % (pg["version"].split(" on ")[0], pg["postgis"]),
            "- PostgreSQL settings: %s" % ", ".join("%s=%s" % kv for kv in sorted(pg["settings"].items())),
            "- psycopg: %s" % facts["psycopg"],
            "- SQLite: %s (Python's sqlite3), %s" % (lite["version"], ", ".join("%s=%s" % kv for kv in sorted(lite["settings"].items()))),
            "- Load (s): PostgreSQL COPY + indexes + VACUUM ANALYZE %.1f; SQLite inserts + indexes + ANALYZE %.1f; "
            "bms `importListings` %s" % (pg["load"]["total_s"], lite["load"]["total_s"], facts["bms_load"]), "",
            "## Q1-Q4: p50 / p99 in ms", "",
            "%s warm-up + %s measured parameter sets per query, one at a time on one connection (bms in process: "
            "one call on one thread); client-side wall time of the query and all its rows." % (
                facts["warmup"], facts["reps"]), "",
            table(["query"] + [name for _, name in engines(results)] + ["bms in process p99 / best peer p99", "target: lower"],
                  queries), "",
            "## W1: durable booking creation", "",
            "%s s per engine, clients taking the next request of one shared list (the same requests for every "
            "engine); latency in ms over every attempt (booked or rejected as full)." % facts["w1_seconds"], "",
            table(["engine", "clients", "booked commits/s", "attempts/s", "booked / full / errors", "p50", "p99",
                   "p99.9", "max", "overbooked room-nights", "negative control"], w1), "",
            table(["target (bms in process vs the best peer)", "measured", ""], w1_targets(results)), "",
            "## Same answers", "",
            "First pages of the first %s measured parameter sets of each query, compared with bms in process "
            "(identical ordered lists / compared; %d of those pages were empty)." % (facts["sample"], empty), "",
            table(["query", "compared"] + [name for _, name in engines(results)[1:]], checks), ""]
    if "bms-http" not in results:
        out += ["bms over HTTP was not measured in this run.", ""]
    if answer_problems:
        out += ["**Answers differ:**", ""] + ["- " + p for p in answer_problems] + [""]
    return "\n".join(out), answer_problems + w1_problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", required=True, help="the directory holding <engine>.json")
    parser.add_argument("--facts", required=True, help="the run's facts (JSON, written by run.sh)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.facts) as f:
        facts = json.load(f)
    text, problems = render(load(args.results), facts)
    with open(args.out, "w") as f:
        f.write(text)
    print(text)
    for problem in problems:
        print("PROBLEM: " + problem, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
