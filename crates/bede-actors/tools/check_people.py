#!/usr/bin/env python3
"""Strict checker for the persons dictionaries (dict/people*.txt).

Parses the files exactly as dict/FORMAT.md specifies for `person` entries and
checks the data:

  * syntax: header `person "Display name"` at column 0; attribute lines
    indented, `key: value | value ...`; keys `names`, `country`, `role` only;
    comments start with `#` at line start or after white space;
  * every person has names, exactly one `country:` (ISO3) and at least one role;
  * `role: ISO3 SECTOR ROLE FROM .. TO`: ISO3 and SECTOR upper-case codes, ROLE
    one of the offices this dictionary covers (and an agent role in
    dict/agents*.txt when that file exists), dates `YYYY`, `YYYY-MM` or
    `YYYY-MM-DD`, valid, FROM <= TO, not after TODAY;
  * the same office (country + role) is not held by two persons on overlapping
    dates, unless one of the two role lines carries a comment `# overlap ok: ...`
    (acting, suspended or rival holders).  A handover day shared by the outgoing
    and the incoming holder (predecessor's TO == successor's FROM) is allowed;
    a person's own roles for one office must not overlap at all;
  * no name (after the loader's case and diacritic folding; all-capital names
    of at most 4 letters compared in exact case) is given to two persons, and
    no display name is used twice.

Warnings (do not fail): an ISO3 code unknown to dict/countries*.txt; a person
name equal to a name of a country/IGO/agent entry in the other files; a name
repeated within one person.

Prints counts (persons, roles per country and office, open and `# verify`
roles) and exits non-zero on any error.

Usage: check_people.py [--dict DIR] [--today YYYY-MM-DD] [--list-verify]
"""

import argparse
import calendar
import datetime as dt
import glob
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

OFFICES = ("head-of-state", "head-of-government", "foreign-minister", "defence-minister")
SECTOR_OF = {o: "GOV" for o in OFFICES}
DEFAULT_TODAY = dt.date(2026, 11, 23)
KEYS = ("names", "country", "role")
CODE_RE = re.compile(r"^[A-Z0-9]{3}$")
ROLE_NAME_RE = re.compile(r"^[a-z]+(-[a-z]+)*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

MIN_DATE = dt.date(1, 1, 1)
MAX_DATE = dt.date(9999, 12, 31)


def strip_comment(line):
    """Split a raw line into (content, comment) per FORMAT.md."""
    for i, c in enumerate(line):
        if c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i], line[i + 1:].strip()
    return line, ""


def parse_date(s, end):
    m = DATE_RE.match(s)
    if not m:
        return None
    y = int(m.group(1))
    if not 1000 <= y <= 2200:
        return None
    mo = m.group(2)
    d = m.group(3)
    try:
        if mo is None:
            return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)
        mo = int(mo)
        if d is None:
            return dt.date(y, mo, calendar.monthrange(y, mo)[1] if end else 1)
        return dt.date(y, mo, int(d))
    except ValueError:
        return None


FOLD_EXTRA = {"ı": "i", "ø": "o", "Ø": "o", "ə": "e", "Ə": "e", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
              "\u2019": "'", "\u2018": "'", "`": "'"}


def fold(s):
    out = []
    for c in s:
        c = FOLD_EXTRA.get(c, c)
        for d in unicodedata.normalize("NFKD", c):
            if not unicodedata.combining(d):
                out.append(d)
    return "".join(out).lower()


def tokens(name):
    """Approximate the loader's tokenizer: hyphens, commas and brackets are
    tokens of their own, a possessive 's is split off."""
    s = re.sub(r"([-,()\"])", r" \1 ", name)
    s = re.sub(r"(\w)('s)\b", r"\1 \2", s)
    return s.split()


def is_acronym(name):
    letters = [c for c in name if c.isalpha()]
    return 0 < len(letters) <= 4 and all(c.isupper() for c in letters) and " " not in name


def name_key(name):
    toks = tokens(name)
    if is_acronym(name):
        return ("exact", " ".join(toks))
    return ("fold", fold(" ".join(toks)))


class Person:
    def __init__(self, name, where):
        self.name = name
        self.where = where
        self.names = []      # (name, where)
        self.country = None
        self.roles = []      # dicts


def parse_file(path, errors):
    persons = []
    cur = None
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for lineno, raw in enumerate(text.splitlines(), 1):
        where = f"{os.path.basename(path)}:{lineno}"
        content, comment = strip_comment(raw)
        if content.strip() == "":
            continue
        if content[0] not in " \t":
            cur = None
            m = re.match(r'^(\S+)\s+(.*)$', content.rstrip())
            if not m:
                errors.append(f"{where}: incomplete header {content.strip()!r}")
                continue
            kind, rest = m.groups()
            if kind != "person":
                errors.append(f"{where}: only `person` entries belong in a people file, got {kind!r}")
                continue
            hm = re.match(r'^"([^"]+)"$', rest.strip())
            if not hm:
                errors.append(f'{where}: malformed person header (expected `person "Display name"`): {content.strip()!r}')
                continue
            cur = Person(hm.group(1), where)
            if hm.group(1) != hm.group(1).strip():
                errors.append(f"{where}: display name has surrounding spaces")
            persons.append(cur)
            continue
        if cur is None:
            errors.append(f"{where}: attribute line outside a valid person entry")
            continue
        body = content.strip()
        if ":" not in body:
            errors.append(f"{where}: expected `key: value`, got {body!r}")
            continue
        key, value = body.split(":", 1)
        key = key.strip()
        if key not in KEYS:
            errors.append(f"{where}: key {key!r} not allowed in a person entry (allowed: {', '.join(KEYS)})")
            continue
        if key == "names":
            vals = [v.strip() for v in value.split("|")]
            if any(v == "" for v in vals):
                errors.append(f"{where}: empty value in names list")
            vals = [v for v in vals if v]
            if not vals:
                errors.append(f"{where}: names: has no values")
            for v in vals:
                cur.names.append((v, where))
        elif key == "country":
            c = value.strip()
            if cur.country is not None:
                errors.append(f"{where}: second country: line for {cur.name!r}")
            if not CODE_RE.match(c) or not c.isalpha():
                errors.append(f"{where}: country must be an ISO3 code, got {c!r}")
            cur.country = c
        elif key == "role":
            r = parse_role(value.strip(), where, errors)
            if r:
                r["comment"] = comment
                r["where"] = where
                cur.roles.append(r)
    return persons


def parse_role(v, where, errors):
    parts = v.split(None, 3)
    if len(parts) < 4:
        errors.append(f"{where}: role needs `ISO3 SECTOR ROLE FROM .. TO`, got {v!r}")
        return None
    iso, sector, role, rng = parts
    ok = True
    if not (CODE_RE.match(iso) and iso.isalpha()):
        errors.append(f"{where}: role country must be an ISO3 code, got {iso!r}")
        ok = False
    if not (CODE_RE.match(sector) and sector.isalpha()):
        errors.append(f"{where}: role sector must be a 3-letter code, got {sector!r}")
        ok = False
    if not ROLE_NAME_RE.match(role):
        errors.append(f"{where}: role name must be lower-case hyphenated, got {role!r}")
        ok = False
    elif role not in OFFICES:
        errors.append(f"{where}: role {role!r} is not one of the covered offices {OFFICES}")
        ok = False
    elif sector != SECTOR_OF[role]:
        errors.append(f"{where}: {role} must have sector {SECTOR_OF[role]}, got {sector}")
        ok = False
    if ".." not in rng:
        errors.append(f"{where}: date range {rng!r} has no '..'")
        return None
    a, b = (x.strip() for x in rng.split("..", 1))
    if " " in a or " " in b:
        errors.append(f"{where}: unexpected text in date range {rng!r}")
        return None
    frm = to = None
    if a:
        frm = parse_date(a, False)
        if frm is None:
            errors.append(f"{where}: bad date {a!r}")
            ok = False
    if b:
        to = parse_date(b, True)
        if to is None:
            errors.append(f"{where}: bad date {b!r}")
            ok = False
    if frm and to and frm > to:
        errors.append(f"{where}: date range {rng!r} ends before it starts")
        ok = False
    if not ok:
        return None
    return {"iso": iso, "sector": sector, "role": role, "from": frm, "to": to,
            "from_s": a, "to_s": b}


def other_names(dict_dir):
    """Names, country codes and agent roles from the non-people dictionary files."""
    names = {}
    isos = set()
    roles = set()
    have_countries = have_agents = False
    for path in sorted(glob.glob(os.path.join(dict_dir, "*.txt"))):
        base = os.path.basename(path)
        if base.startswith("people"):
            continue
        header = None
        with open(path, encoding="utf-8") as f:
            for raw in f:
                content, _ = strip_comment(raw.rstrip("\n"))
                if not content.strip():
                    continue
                if content[0] not in " \t":
                    parts = content.split()
                    header = f"{base}: {content.strip()}"
                    if parts[0] == "country" and len(parts) > 1:
                        isos.add(parts[1])
                        have_countries = True
                    if parts[0] == "agent" and len(parts) > 2:
                        roles.add(parts[2])
                        have_agents = True
                    continue
                if ":" in content:
                    k, v = content.strip().split(":", 1)
                    if k.strip() in ("names", "adjectives", "demonyms", "capital", "government"):
                        for n in v.split("|"):
                            n = n.strip()
                            if n:
                                names.setdefault(name_key(n), header)
    return names, (isos if have_countries else None), (roles if have_agents else None)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--dict", default=os.path.join(here, "..", "dict"))
    ap.add_argument("--today", default=DEFAULT_TODAY.isoformat())
    ap.add_argument("--list-verify", action="store_true", help="list every `# verify` line")
    args = ap.parse_args()
    today = dt.date.fromisoformat(args.today)

    files = sorted(glob.glob(os.path.join(args.dict, "people*.txt")))
    if not files:
        print(f"no people*.txt files in {args.dict}", file=sys.stderr)
        return 1
    errors, warnings = [], []
    persons = []
    for f in files:
        persons.extend(parse_file(f, errors))

    # Per-person checks.
    display = {}
    for p in persons:
        if p.name in display:
            errors.append(f"{p.where}: display name {p.name!r} already used at {display[p.name]}")
        display[p.name] = p.where
        if not p.names:
            errors.append(f"{p.where}: {p.name!r} has no names: line")
        if p.country is None:
            errors.append(f"{p.where}: {p.name!r} has no country: line")
        if not p.roles:
            errors.append(f"{p.where}: {p.name!r} has no role: line")
        for r in p.roles:
            if r["from"] and r["from"] > today:
                errors.append(f"{r['where']}: role starts after today ({today})")
            if r["to"] and r["to"] > today:
                errors.append(f"{r['where']}: role ends after today ({today}); leave it open instead")
            if r["from"] is None:
                warnings.append(f"{r['where']}: role has no start date")
        # A person's own roles for one office must not overlap.
        by_office = defaultdict(list)
        for r in p.roles:
            by_office[(r["iso"], r["role"])].append(r)
        for rs in by_office.values():
            for i in range(len(rs)):
                for j in range(i + 1, len(rs)):
                    if overlap(rs[i], rs[j], allow_touch=False):
                        errors.append(f"{rs[j]['where']}: overlaps the same person's role at {rs[i]['where']}")

    # Same office, different persons.
    offices = defaultdict(list)
    for p in persons:
        for r in p.roles:
            offices[(r["iso"], r["role"])].append((p, r))
    overlaps_ok = 0
    for (iso, role), holders in sorted(offices.items()):
        for i in range(len(holders)):
            for j in range(i + 1, len(holders)):
                (p1, r1), (p2, r2) = holders[i], holders[j]
                if p1 is p2 or not overlap(r1, r2, allow_touch=True):
                    continue
                if "overlap ok:" in r1["comment"] or "overlap ok:" in r2["comment"]:
                    overlaps_ok += 1
                    continue
                errors.append(f"{r2['where']}: {iso} {role} of {p2.name!r} ({span(r2)}) overlaps "
                              f"{p1.name!r} ({span(r1)}, {r1['where']}); add `# overlap ok: <why>` if intended")

    # Names.
    owner = {}
    for p in persons:
        seen, seen_raw = set(), set()
        for n, where in p.names:
            k = name_key(n)
            if k in seen:
                # Diacritic variants (Erdoğan | Erdogan) are deliberate; a
                # variant differing only in letter case is redundant.
                if n.lower() in seen_raw:
                    warnings.append(f"{where}: name {n!r} repeated for {p.name!r} (differs only in case)")
                seen_raw.add(n.lower())
                continue
            seen.add(k)
            seen_raw.add(n.lower())
            if k in owner and owner[k][0] is not p:
                q, qwhere = owner[k]
                errors.append(f"{where}: name {n!r} given to {p.name!r} and to {q.name!r} ({qwhere})")
            else:
                owner[k] = (p, where)

    # Cross-checks with the other dictionary files (warnings only).
    other, isos, agent_roles = other_names(args.dict)
    for k, (p, where) in owner.items():
        if k in other:
            warnings.append(f"{where}: name {k[1]!r} of {p.name!r} is also a name in {other[k]}")
    if isos is not None:
        for p in persons:
            codes = {p.country} | {r["iso"] for r in p.roles}
            for c in sorted(x for x in codes if x and x not in isos):
                warnings.append(f"{p.where}: {p.name!r}: country code {c} not in dict/countries*.txt")
    if agent_roles is not None:
        for role in OFFICES:
            if role not in agent_roles:
                warnings.append(f"office {role!r} has no agent entry in the dictionary files")

    # Counts.
    n_roles = sum(len(p.roles) for p in persons)
    per_country = defaultdict(Counter)
    persons_per_country = Counter()
    for p in persons:
        persons_per_country[p.country] += 1
        for r in p.roles:
            per_country[r["iso"]][r["role"]] += 1
    open_roles = [(p, r) for p in persons for r in p.roles if r["to"] is None]
    verify = [(p, r) for p in persons for r in p.roles if "verify" in r["comment"]]
    verify_lines = 0
    for f in files:
        with open(f, encoding="utf-8") as fh:
            verify_lines += sum(1 for line in fh if re.search(r"(^|\s)#.*\bverify\b", line))

    print(f"files: {', '.join(os.path.basename(f) for f in files)}")
    print(f"persons: {len(persons)}   roles: {n_roles}   names: {sum(len(p.names) for p in persons)}")
    print(f"open roles: {len(open_roles)}   roles marked verify: {len(verify)}   "
          f"lines marked verify: {verify_lines}   tolerated overlaps: {overlaps_ok}")
    abbrev = {"head-of-state": "HoS", "head-of-government": "HoG", "foreign-minister": "FM", "defence-minister": "DM"}
    print(f"{'ISO3':5} {'persons':>7} {'roles':>5}  " + "  ".join(f"{abbrev[o]:>3}" for o in OFFICES))
    for iso in sorted(per_country):
        c = per_country[iso]
        print(f"{iso:5} {persons_per_country.get(iso, 0):7} {sum(c.values()):5}  "
              + "  ".join(f"{c[o]:3}" for o in OFFICES))
    if args.list_verify:
        print("\nverify:")
        for p, r in verify:
            print(f"  {r['where']}: {p.name}: {r['iso']} {r['role']} {span(r)}  # {r['comment']}")
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    if errors:
        print(f"FAILED: {len(errors)} error(s), {len(warnings)} warning(s)", file=sys.stderr)
        return 1
    print(f"OK ({len(warnings)} warning(s))")
    return 0


def span(r):
    return f"{r['from_s']} .. {r['to_s']}".strip()


def overlap(a, b, allow_touch):
    af, at = a["from"] or MIN_DATE, a["to"] or MAX_DATE
    bf, bt = b["from"] or MIN_DATE, b["to"] or MAX_DATE
    lo, hi = max(af, bf), min(at, bt)
    if lo > hi:
        return False
    if allow_touch and lo == hi and (at == bf or bt == af):
        return False  # a handover day
    return True


if __name__ == "__main__":
    sys.exit(main())
