#!/usr/bin/env python3
"""Generate a large article corpus for the event-store benchmark (scripts/bench_store.sh).

Each generated *story* is one seed article moved in time: every date in its
text and its publication date shift by the same number of years, months and
days (years, month names, "23rd July", "July 23", ISO dates), so the events it
codes spread over two decades instead of piling onto the seeds' few days. Each story is then
"reported" by 1-12 outlets: copies with their own id, outlet and a trailing
reference line (so each copy has its own content hash and is stored, not
recognised as a repost). The same event from several copies clusters, as the
same wire story does in real feeds.

Nothing here is data: the seeds are read from --seeds at run time and the output
goes to --out (outside the repository). Deterministic for a given --seed.
"""

import argparse
import datetime
import json
import random
import re

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

MONTH_NAMES = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
# ISO dates; day-and-month ("23rd July", "July 23"); years; month names alone
# ("May" only next to a number, else it is the verb).
DATE_RE = re.compile(
    r"\b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b"
    rf"|\b(?P<dm_day>\d{{1,2}})(?P<dm_suf>st|nd|rd|th)?(?P<dm_sp>\s+)(?P<dm_mon>{MONTH_NAMES})\b"
    rf"|\b(?P<md_mon>{MONTH_NAMES})(?P<md_sp>\s+)(?P<md_day>\d{{1,2}})(?P<md_suf>st|nd|rd|th)?\b"
    r"|\b(?P<year>(?:19|20)\d\d)\b"
    r"|\b(?P<month>January|February|March|April|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b"
    r"|(?P<may>\bMay\b(?=\s+\d)|(?<=\d\s)May\b)"
)


def ordinal(d):
    return "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


def shift_month(y, m, dy, dm):
    return y + dy, (m - 1 + dm) % 12 + 1


def shift_day(d, dd):
    """Days move within 1-28, so every shifted date exists."""
    return (min(d, 28) - 1 + dd) % 28 + 1


def shift_month_name(name, dm):
    if name in MONTHS:
        return MONTHS[(MONTHS.index(name) + dm) % 12]
    i = ABBR.index("Sep" if name == "Sept" else name)
    return ABBR[(i + dm) % 12]


def shift_text(text, dy, dm, dd):
    def sub(m):
        if m.group("iso"):
            y, mo, d = (int(x) for x in m.group("iso").split("-"))
            y, mo = shift_month(y, mo, dy, dm)
            return f"{y:04d}-{mo:02d}-{shift_day(d, dd):02d}"
        if m.group("dm_day"):
            d = int(m.group("dm_day"))
            if not 1 <= d <= 31:
                return m.group(0)
            nd = shift_day(d, dd)
            suf = ordinal(nd) if m.group("dm_suf") else ""
            return f"{nd}{suf}{m.group('dm_sp')}{shift_month_name(m.group('dm_mon'), dm)}"
        if m.group("md_mon"):
            d = int(m.group("md_day"))
            if not 1 <= d <= 31:
                return m.group(0)
            nd = shift_day(d, dd)
            suf = ordinal(nd) if m.group("md_suf") else ""
            return f"{shift_month_name(m.group('md_mon'), dm)}{m.group('md_sp')}{nd}{suf}"
        if m.group("year"):
            return str(int(m.group("year")) + dy)
        return shift_month_name(m.group("month") or m.group("may"), dm)

    return DATE_RE.sub(sub, text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", required=True, help="seed articles (JSONL)")
    ap.add_argument("--articles", type=int, default=100_000, help="articles to generate")
    ap.add_argument("--outlets", type=int, default=300, help="size of the outlet pool")
    ap.add_argument("--seed", type=int, default=4, help="random seed")
    ap.add_argument("--out", required=True, help="output JSONL")
    a = ap.parse_args()

    seeds = [json.loads(l) for l in open(a.seeds, encoding="utf-8") if l.strip()]
    rng = random.Random(a.seed)
    outlets = [f"Outlet {i:03d}" for i in range(a.outlets)]
    n = 0
    story = 0
    with open(a.out, "w", encoding="utf-8") as out:
        while n < a.articles:
            base = seeds[story % len(seeds)]
            dy, dm, dd = rng.randint(-12, 4), rng.randint(0, 11), rng.randint(0, 27)
            text = shift_text(base["text"], dy, dm, dd)
            published = None
            if base.get("published"):
                p = datetime.date.fromisoformat(base["published"][:10])
                y, mo = shift_month(p.year, p.month, dy, dm)
                published = datetime.date(y, mo, shift_day(p.day, dd)).isoformat()
            for copy in range(min(rng.randint(1, 12), a.articles - n)):
                doc_id = f"bench-{story:06d}-{copy:02d}"
                rec = {"id": doc_id, "outlet": rng.choice(outlets), "text": f"{text}\n\n(Ref. {doc_id}.)"}
                if published:
                    rec["published"] = published
                if base.get("title"):
                    rec["title"] = shift_text(base["title"], dy, dm, dd)
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
            story += 1
    print(f"wrote {n} articles ({story} stories) to {a.out}")


if __name__ == "__main__":
    main()
