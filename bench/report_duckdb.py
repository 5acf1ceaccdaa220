#!/usr/bin/env python3
"""The talent report's aggregates computed by DuckDB (issue 4 "Speed"): the side-by-side
baseline of `bench/run.sh report`.

DuckDB gets the same rows our rollups are maintained from — one fact per published posting
(`report_posting_facts`: publication day, last live day, the dedup flag, the report's
dimensions), the applications of those postings, the graduates' destination records and the
chains — loads them into memory (`load_ms`, reported apart), then computes every aggregate
the report reads for one period (`duckdb_ms`, median of --runs): the demand slices, skills,
order-class/apprenticeship applications, the twelve-month trend and supply. The totals it
prints are compared with ours by bench/run.sh, so both sides provably count the same thing.

Usage: report_duckdb.py (--sqlite FILE | --pg URL) --dir DIR --period 2026|2026-Q3|2026-09
                        [--runs 5] [--threads 2]
The rows are first exported from the database under test to CSV files in DIR (not timed),
then loaded into DuckDB (load_ms) and aggregated (duckdb_ms).
"""
import argparse
import calendar
import csv
import datetime as dt
import os
import shutil
import sqlite3
import statistics
import time

import duckdb

ORDER_KINDS = ("order_class", "apprenticeship")
HERE = os.path.dirname(os.path.abspath(__file__))

# What DuckDB gets: the rows the rollups are maintained from.
EXPORTS = {
    "facts": """SELECT posting_id, published_on, open_until, is_unique, kind, industry_code, occupation_code,
                major_level, major_code, education, experience, pay_band, headcount, skills FROM report_posting_facts""",
    "applications": """SELECT a.posting_id, a.status FROM applications a
                JOIN report_posting_facts f ON f.posting_id = a.posting_id""",
    "destinations": """SELECT graduation_year, snapshot, major_level, major_code, destination_code, in_zone
                FROM graduate_destinations""",
    "chains": "SELECT name, industry_codes FROM report_chains ORDER BY position, id",
}


def export(args):
    """The rows of the database under test as CSV files in args.dir."""
    os.makedirs(args.dir, exist_ok=True)
    if args.sqlite:
        con = sqlite3.connect(args.sqlite)
        for name, sql in EXPORTS.items():
            cur = con.execute(sql)
            cols = [d[0] for d in cur.description]
            # SQLite keeps booleans as 0/1.
            flags = [c in ("is_unique", "in_zone") for c in cols]
            with open(f"{args.dir}/{name}.csv", "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f)
                w.writerow(cols)
                for row in cur:
                    w.writerow([("true" if v else "false") if flag else v for v, flag in zip(row, flags)])
        con.close()
    else:
        import psycopg2

        con = psycopg2.connect(args.pg)
        with con.cursor() as cur:
            for name, sql in EXPORTS.items():
                with open(f"{args.dir}/{name}.csv", "w", encoding="utf-8") as f:
                    cur.copy_expert(f"COPY ({sql}) TO STDOUT WITH CSV HEADER", f)
        con.close()
    shutil.copy(os.path.join(HERE, "..", "data", "reference", "codes", "destination_codes.csv"), f"{args.dir}/destination_codes.csv")


def period_bounds(p):
    """First and last day of a period key as the report spells it."""
    if "-Q" in p:
        y, q = p.split("-Q")
        y, q = int(y), int(q)
        m0 = 3 * (q - 1) + 1
        return dt.date(y, m0, 1), dt.date(y, m0 + 2, calendar.monthrange(y, m0 + 2)[1])
    if "-" in p:
        y, m = map(int, p.split("-"))
        return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
    y = int(p)
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def trend_months(end):
    """The twelve months ending with the period's last month (the report's trend)."""
    y, m = end.year, end.month
    out = []
    for _ in range(12):
        out.append((y, m))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return list(reversed(out))


def chain_of(chains, industry):
    """Longest chain code that prefixes the industry code; ties to the first chain listed
    (zhijiao_domain::talent_report::chain_of)."""
    best, best_len = "", -1
    for name, codes in chains:
        for c in codes:
            if industry.startswith(c) and len(c) > best_len:
                best, best_len = name, len(c)
    return best


def destination_classes(path):
    """Top-level code of each destination code → class (zhijiao_domain::employment::classify)."""
    parent = {}
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        next(r)
        for row in r:
            parent[row[0]] = row[1] or row[0]
    cls = {}
    for code, top in parent.items():
        if top in ("10", "11", "27", "46", "50", "51", "75", "12", "76", "77"):
            cls[code] = "employed"
        elif top in ("80", "85"):
            cls[code] = "further_study"
        elif top == "70":
            cls[code] = "seeking"
        else:
            cls[code] = "other"
    return cls


def load(con, d):
    """Read the CSVs into in-memory tables; the industry → chain and destination-code → class
    dimensions are small tables joined by equality."""
    con.execute(f"""CREATE TABLE facts AS SELECT * FROM read_csv('{d}/facts.csv', header=true, columns={{
        'posting_id':'BIGINT','published_on':'DATE','open_until':'DATE','is_unique':'BOOLEAN','kind':'VARCHAR',
        'industry_code':'VARCHAR','occupation_code':'VARCHAR','major_level':'VARCHAR','major_code':'VARCHAR',
        'education':'VARCHAR','experience':'VARCHAR','pay_band':'VARCHAR','headcount':'BIGINT','skills':'VARCHAR'}})""")
    con.execute(f"""CREATE TABLE applications AS SELECT * FROM read_csv('{d}/applications.csv', header=true,
        columns={{'posting_id':'BIGINT','status':'VARCHAR'}})""")
    con.execute(f"""CREATE TABLE destinations AS SELECT * FROM read_csv('{d}/destinations.csv', header=true, columns={{
        'graduation_year':'INTEGER','snapshot':'VARCHAR','major_level':'VARCHAR','major_code':'VARCHAR',
        'destination_code':'VARCHAR','in_zone':'BOOLEAN'}})""")
    chains = []
    with open(f"{d}/chains.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            chains.append((row["name"], [c for c in row["industry_codes"].split(",") if c]))
    industries = [r[0] for r in con.execute("SELECT DISTINCT coalesce(industry_code, '') FROM facts").fetchall()]
    con.execute("CREATE TABLE industry_chain (industry_code VARCHAR, chain VARCHAR)")
    con.executemany("INSERT INTO industry_chain VALUES (?, ?)", [(i, chain_of(chains, i)) for i in industries])
    con.execute("CREATE TABLE destination_class (destination_code VARCHAR, class VARCHAR)")
    con.executemany("INSERT INTO destination_class VALUES (?, ?)", list(destination_classes(f"{d}/destination_codes.csv").items()))
    for t in ("facts", "applications", "destinations"):
        con.execute(f"SELECT count(*) FROM {t}").fetchone()


def aggregates(con, s, e):
    """Every aggregate the report reads for the period [s, e]; returns the result sets."""
    live = f"(f.is_unique AND f.published_on <= DATE '{e}' AND f.open_until >= DATE '{s}')"
    pub = f"(f.published_on BETWEEN DATE '{s}' AND DATE '{e}')"
    counted = f"""SELECT f.*, c.chain, {pub} AS published_in, {live} AS live
        FROM facts f JOIN industry_chain c ON c.industry_code = coalesce(f.industry_code, '')
        WHERE {pub} OR {live}"""
    sums = """sum(published_in::INT) AS total, sum(live::INT) AS uniq, sum((live AND published_in)::INT) AS new,
        sum(CASE WHEN live THEN greatest(headcount, 1) ELSE 0 END) AS headcount"""
    out = {}
    con.execute(f"CREATE OR REPLACE TEMP TABLE counted AS {counted}")
    out["industry"] = con.execute(f"SELECT chain, industry_code, {sums} FROM counted GROUP BY ALL").fetchall()
    for dim in ("education", "experience", "pay_band"):
        out[dim] = con.execute(f"SELECT chain, occupation_code, {dim}, {sums} FROM counted GROUP BY ALL").fetchall()
    out["major"] = con.execute(f"SELECT chain, occupation_code, major_level, major_code, {sums} FROM counted GROUP BY ALL").fetchall()
    out["skills"] = con.execute("""SELECT chain, occupation_code, skill, count(*) FROM
        (SELECT chain, occupation_code, unnest(string_split(skills, ',')) AS skill FROM counted WHERE live)
        WHERE skill <> '' GROUP BY ALL""").fetchall()
    kinds = ", ".join(f"'{k}'" for k in ORDER_KINDS)
    out["applications"] = con.execute(f"""
        WITH o AS (SELECT * FROM counted WHERE published_in AND kind IN ({kinds})),
        a AS (SELECT a.posting_id, sum((a.status <> 'withdrawn')::INT) AS applicants,
                     sum((a.status IN ('offer', 'hired'))::INT) AS admitted
              FROM applications a JOIN o ON o.posting_id = a.posting_id GROUP BY ALL)
        SELECT o.chain, o.kind, o.occupation_code, sum(greatest(o.headcount, 1)),
               coalesce(sum(a.applicants), 0), coalesce(sum(a.admitted), 0)
        FROM o LEFT JOIN a ON a.posting_id = o.posting_id GROUP BY ALL""").fetchall()
    months = trend_months(e)
    bounds = ", ".join(
        f"({y * 100 + m}, DATE '{dt.date(y, m, 1)}', DATE '{dt.date(y, m, calendar.monthrange(y, m)[1])}')" for y, m in months
    )
    out["monthly"] = con.execute(f"""
        WITH m(month, s, e) AS (VALUES {bounds})
        SELECT m.month, c.chain,
               sum((f.published_on BETWEEN m.s AND m.e)::INT),
               sum((f.is_unique AND f.published_on <= m.e AND f.open_until >= m.s)::INT),
               sum((f.is_unique AND f.published_on BETWEEN m.s AND m.e)::INT)
        FROM facts f JOIN industry_chain c ON c.industry_code = coalesce(f.industry_code, '')
        JOIN m ON f.published_on <= m.e AND (f.published_on >= m.s OR (f.is_unique AND f.open_until >= m.s))
        GROUP BY ALL""").fetchall()
    out["supply"] = con.execute("""SELECT d.graduation_year, d.snapshot, d.major_level, d.major_code, count(*),
            sum((k.class = 'employed')::INT), sum((k.class = 'further_study')::INT), sum((k.class = 'seeking')::INT),
            sum((k.class = 'employed' AND d.in_zone)::INT)
        FROM destinations d LEFT JOIN destination_class k ON k.destination_code = d.destination_code
        GROUP BY ALL""").fetchall()
    # Per cohort the year-end snapshot, else the initial one (as the report reads supply).
    snapshots = {}
    for r in out["supply"]:
        snapshots.setdefault(r[0], set()).add(r[1])
    out["supply"] = [r for r in out["supply"] if r[1] == ("year_end" if "year_end" in snapshots[r[0]] else "initial")]
    return out


def main():
    ap = argparse.ArgumentParser()
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--sqlite")
    src.add_argument("--pg")
    ap.add_argument("--dir", required=True)
    ap.add_argument("--period", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    s, e = period_bounds(a.period)
    export(a)

    con = duckdb.connect(":memory:")
    con.execute(f"SET threads = {a.threads}")
    t0 = time.perf_counter()
    load(con, a.dir)
    load_ms = (time.perf_counter() - t0) * 1000

    aggregates(con, s, e)  # warm-up
    times = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        out = aggregates(con, s, e)
        times.append((time.perf_counter() - t0) * 1000)
    ind = out["industry"]
    facts = con.execute("SELECT count(*) FROM facts").fetchone()[0]
    print(
        f"duckdb facts={facts} load_ms={load_ms:.0f} duckdb_ms={statistics.median(times):.1f} "
        f"total_postings={sum(r[2] for r in ind)} unique_postings={sum(r[3] for r in ind)} "
        f"new_postings={sum(r[4] for r in ind)} headcount={sum(r[5] for r in ind)} "
        f"skill_mentions={sum(r[3] for r in out['skills'])} places={sum(r[3] for r in out['applications'])} "
        f"applicants={sum(r[4] for r in out['applications'])} admitted={sum(r[5] for r in out['applications'])} "
        f"graduates={sum(r[4] for r in out['supply'])}"
    )


if __name__ == "__main__":
    main()
