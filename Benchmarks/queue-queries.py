#!/usr/bin/env python3
"""The exception queue's store queries on a SQLite store, one by one (issue 18): median ms of 7 and the plan.

Usage: queue-queries.py STORE old|new
  new - the SQL of this build (schema 11: ExceptionQueueIndexes, keyset by row value (by two seeks for an expression
        key), exception_open_groups; and
        where the store has it, schema 13's text index: a text filter of 3+ characters reads its matches' rows from
        exception_text (its last 6 characters, then its first 32), up to 2,000, and below that reads them by primary key; that read is timed with the page)
  old - the SQL before schema 11 (run it on a copy taken back to schema 10: drop the exceptions_open_by_* indexes,
        the exception_open_groups table and its four triggers, PRAGMA user_version = 10)
Run on the store keys.sh writes ($SIGNALBOX_BENCH_DIR/queue-100k.sqlite): every sort key both ways, the first page
and the page after row 50,000, text filters matching none to thousands, and both groupings.
"""
import sqlite3, statistics, sys, time
path, form = sys.argv[1], sys.argv[2]   # form: old | new
db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
COLS = ("exception_id, kind, severity, summary, subject_system, subject_key, subject_name, correlation_id, amount_units, "
        "currency, state, state_label, assignee, raised_at, version, last_by, last_at")
OPEN = "state NOT IN ('resolved', 'dismissed')"
SORTS = {"age": "raised_at", "kind": "kind", "severity": "severity_rank", "subject": "coalesce(subject_name, '')",
         "contract": "correlation_id",
         "amount": "(CASE WHEN amount_units IS NULL THEN '' ELSE coalesce(currency, '') || ' ' || printf('%019d', amount_units) END)",
         "state": "state", "assignee": "coalesce(assignee, '')"}
TEXT = ["exception_id", "summary", "subject_name", "subject_key", "correlation_id", "kind", "state_label"]

HAS_TEXT_INDEX = db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'exception_text'").fetchone()[0] == 1
RARE = 2000

def matches(text):
    """SQLiteQueueText.matches: the lowercased text's last 6 characters, then its first 32, each one phrase."""
    t = text.lower()[:32]
    phrase = lambda p: '"' + p.replace('"', '""') + '"'
    return [] if len(t) < 3 else [phrase(t[-6:]), phrase(t)] if len(t) > 6 else [phrase(t)]

def candidates(text):
    """The index's rows (a JSON array) when this build's store would read the text index for `text`, else None."""
    if form != "new" or not HAS_TEXT_INDEX or not text: return None
    for m in matches(text):
        rows = [r[0] for r in db.execute("SELECT rowid FROM exception_text WHERE exception_text MATCH ?1 LIMIT ?2", [m, RARE])]
        if len(rows) < RARE: return "[" + ",".join(map(str, rows)) + "]"
    return None

def page(sort, desc, after=None, text=None):
    s = SORTS[sort]; d = "DESC" if desc else "ASC"; c = "<" if desc else ">"
    where, params = OPEN, []
    if text:
        m = candidates(text)
        if m is not None:
            where += (" AND exception_id IN (SELECT exception_id FROM exception_text_ids WHERE text_id IN"
                      " (SELECT value FROM json_each(?2)))")
        where += " AND (" + " OR ".join(f"lower(coalesce({col}, '')) LIKE ?1 ESCAPE '\\'" for col in TEXT) + ")"
        params.append(f"%{text}%")
        if m is not None: params.append(m)
    if after and form == "new" and not text and sort not in ("age", "kind", "severity", "contract", "state"):
        # An expression key: the cursor's ties after its id, then the rows past its value, two seeks (ExceptionQuerySQL).
        v, i = after
        select = f"SELECT {COLS}, CAST({s} AS TEXT) AS sort_value FROM exceptions WHERE {where}"
        ties = f"{select} AND {s} = ?1 AND exception_id {c} ?2 ORDER BY exception_id {d} LIMIT 100"
        past = f"{select} AND {s} {c} ?1 ORDER BY {s} {d}, exception_id {d} LIMIT 100"
        return (f"SELECT {COLS}, sort_value FROM (SELECT *, 0 AS part FROM ({ties}) UNION ALL SELECT *, 1 FROM ({past})) "
                f"ORDER BY part, sort_value {d}, exception_id {d} LIMIT 100", [v, i])
    if after:
        v, i = after
        n = len(params)
        if form == "old":
            where += f" AND ({s} {c} ?{n+1} OR ({s} = ?{n+1} AND exception_id {c} ?{n+2}))"
        elif sort in ("age", "kind", "severity", "contract", "state"):
            where += f" AND ({s}, exception_id) {c} (?{n+1}, ?{n+2})"
        else:
            where += f" AND ({s} {c}= ?{n+1} AND ({s} {c} ?{n+1} OR exception_id {c} ?{n+2}))"
        params += [v, i]
    return f"SELECT {COLS}, CAST({s} AS TEXT) FROM exceptions WHERE {where} ORDER BY {s} {d}, exception_id {d} LIMIT 100", params

def groups(grouping):
    if form == "new":
        return ("SELECT group_key, coalesce(max(CASE WHEN named THEN label END), '(no subject)'), sum(open_count) "
                "FROM exception_open_groups WHERE grouping = ?1 GROUP BY group_key ORDER BY 3 DESC, group_key", [grouping])
    key, label = {"kind": ("kind", "kind"),
                  "subject": ("coalesce(subject_system || '/' || subject_key, '')", "coalesce(max(subject_name), '(no subject)')")}[grouping]
    return f"SELECT {key}, {label}, count(*) FROM exceptions WHERE {OPEN} GROUP BY 1 ORDER BY 3 DESC, {key}", []

def timed(label, sql, params, again=None):
    """Median of 7; `again` (a text filter's page) is timed whole, its count of the index's matches included."""
    plan = "; ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, params))
    samples = []
    for _ in range(7):
        start = time.perf_counter()
        if again: sql, params = again()
        rows = db.execute(sql, params).fetchall(); samples.append((time.perf_counter() - start) * 1000)
    print(f"| {label} | {statistics.median(samples):.2f} | {len(rows)} | {plan} |")
    return rows

print(f"| query ({form}) | median ms | rows | plan |\n|---|---|---|---|")
for sort in SORTS:
    for desc in (False, True):
        timed(f"sort {sort} {'desc' if desc else 'asc'}, first page", *page(sort, desc))
        mid = db.execute(page(sort, desc)[0].replace("LIMIT 100", "LIMIT 1 OFFSET 50000")).fetchone()
        value = int(mid[-1]) if sort in ("age", "severity") else mid[-1]
        timed(f"sort {sort} {'desc' if desc else 'asc'}, page after row 50,000", *page(sort, desc, after=(value, mid[0])))
def text(what, sort, pattern, desc=False):
    """A text filter's first page; the label says how many open exceptions match (counted once, not timed)."""
    sql, params = page(sort, desc, text=pattern)
    total = db.execute(f"SELECT count(*) FROM ({sql.replace('LIMIT 100', '')})", params).fetchone()[0]
    label = f"text '{pattern}' ({what}, {total:,} open match), by {sort}{' desc' if desc else ''}"
    timed(label, sql, params, again=lambda: page(sort, desc, text=pattern))

text("common", "contract", "posting")
text("none", "contract", "zzz")
text("one", "age", "exception 99999 ")
text("an id", "severity", "EXC-Q0099999", desc=True)
text("a subject", "subject", "customer 1234")
text("a few hundred", "amount", "customer 123")
text("near the 2,000 cap", "assignee", "customer 12")
text("over the cap", "age", "q0012")
text("too short for the index", "contract", "zz")
timed("group by kind", *groups("kind"))
timed("group by subject", *groups("subject"))
