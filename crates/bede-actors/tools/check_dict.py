#!/usr/bin/env python3
"""Strict checker for Bede's default actor dictionaries (countries, IGOs, agents).

Parses crates/bede-actors/dict/{countries,igos,agents}.txt strictly by
dict/FORMAT.md and checks, on top of what the Rust loader accepts:

  * header forms per kind, attribute indentation, keys allowed per kind,
    no empty values (`a || b`, trailing `|`), each key at most once per entry;
  * each file holds only its own kind (countries.txt: country, ...);
  * country codes are three capital letters, unique, and either one of the
    193 UN member states (list below) or a known extra (PSE, VAT, KSV, TWN);
    every UN member is present;
  * IGO codes are CAMEO-shaped (3-letter groups, starting with an
    international generic code or a CAMEO region code); a code used by two
    entries must be marked on both headers with a comment saying "shares code";
  * agent sectors are CAMEO sector codes, role names are lower-case
    hyphenated, (sector, role) pairs are unique and the roles FORMAT.md
    names are all present;
  * a name (as the loader folds it) used by two different entities is an
    error unless every line carrying it has a comment containing "shared";
    a name repeated within one entry and form is reported as a note.

Prints counts and exits non-zero on any error.

Usage: check_dict.py [DICT_DIR]      (default: ../dict next to this script)
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

# --- reference data (typed from knowledge) ---------------------------------

UN_MEMBERS = set("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split())

# Non-members commonly in the news. Kosovo: CAMEO/Phoenix use KSV (ISO has no
# code; XKX is the user-assigned code some bodies use).
EXTRA_STATES = {"PSE", "VAT", "KSV", "TWN"}

# CAMEO role/sector codes an agent header may carry (CAMEO actor codebook
# tables 3.1/3.2, plus REL as the Phoenix agents dictionary uses it).
SECTORS = set("""
GOV MIL COP JUD LEG OPP REB INS SEP SPY UAF
AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB MED REF MOD RAD PTY SET REL
IGO IMG INT MNC NGM NGO UIS
""".split())

# First group of an IGO-file code: international generic codes and CAMEO
# international region codes (codebook tables 3.2, 3.3).
IGO_PREFIXES = set("""
IGO NGO NGM INT UIS IMG MNC
AFR ASA BLK CRB CAU CFR CAS CEU EIN EAF EEU EUR LAM MEA MDT NAF NMR PGS SCN SAM
SAS SEA SAF WAF WST
""".split())

REQUIRED_ROLES = {
    "head-of-state", "head-of-government", "foreign-minister", "defence-minister",
    "ministry", "foreign-ministry", "spokesperson", "military", "police", "rebels",
    "counterpart",
}

KEYS = {
    "country": {"names", "adjectives", "demonyms", "capital", "government"},
    "igo": {"names", "adjectives"},
    "agent": {"names", "plurals"},
    "person": {"names", "country", "role"},
}
NAME_KEYS = {"names", "adjectives", "demonyms", "capital", "government", "plurals"}

FILE_KIND = {"countries.txt": "country", "igos.txt": "igo", "agents.txt": "agent"}

# --- lexical helpers mirroring the Rust loader ------------------------------

FOLD = {}
for chars, base in [
    ("àáâãäåāăąÀÁÂÃÄÅ", "a"), ("çćčÇĆČ", "c"), ("èéêëēėęěÈÉÊËƏə", "e"), ("ğĞ", "g"),
    ("ìíîïıİÌÍÎÏ", "i"), ("ñńňÑ", "n"), ("òóôõöøőÒÓÔÕÖØ", "o"), ("řŘ", "r"),
    ("śšşșŚŠŞȘ", "s"), ("ţțťŢȚ", "t"), ("ùúûüūůűÙÚÛÜ", "u"), ("ýÿÝ", "y"),
    ("žźżŽŹŻ", "z"),
]:
    for ch in chars:
        FOLD[ch] = base
FOLD["\u2019"] = FOLD["\u2018"] = FOLD["`"] = "'"


def fold(s: str) -> str:
    out = []
    for c in s:
        if c in FOLD:
            out.append(FOLD[c])
        elif c.isascii():
            out.append(c.lower())
        else:
            out.append(c.lower())
    return "".join(out)


def tokens(name: str) -> list[str]:
    """Approximate the sentence tokenizer (FORMAT.md: `Nagorno-Karabakh` ->
    `Nagorno - Karabakh`, `Turkey's` -> `Turkey 's`); abbreviations with
    inner periods (`U.S.`) stay one token."""
    s = re.sub(r"([-–—,;:()/&+\"])", r" \1 ", name)
    s = re.sub(r"(\w)('s)\b", r"\1 \2", s)
    return s.split()


def name_key(name: str) -> str:
    return " ".join(fold(t) for t in tokens(name))


def is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and len(letters) <= 4 and all(c.isupper() for c in letters) and " " not in name


def match_key(name: str) -> tuple[str, bool]:
    """(key, exact): exact-case names are keyed by their exact tokens."""
    if is_acronym(name):
        return (" ".join(tokens(name)), True)
    return (name_key(name), False)


def strip_comment(line: str) -> tuple[str, str]:
    for i, c in enumerate(line):
        if c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i], line[i + 1:]
    return line, ""


def plural_of(word: str) -> str:
    head, _, last = word.rpartition(" ")
    head = head + " " if head else ""
    if last.endswith(("s", "x", "ch", "sh")):
        p = last + "es"
    elif last.endswith("y") and not last.endswith(("ay", "ey", "oy")):
        p = last[:-1] + "ies"
    elif last.endswith("man"):
        p = last[:-3] + "men"
    else:
        p = last + "s"
    return head + p


# --- parsing -----------------------------------------------------------------

@dataclass
class Entry:
    kind: str
    code: str
    role: str | None
    display: str
    file: str
    line: int
    header_comment: str
    attrs: dict = field(default_factory=dict)  # key -> list of (value, line, comment)
    comments: list = field(default_factory=list)  # every comment inside the entry

    @property
    def ident(self) -> str:
        if self.kind == "agent":
            return f"agent {self.code} {self.role}"
        return f"{self.kind} {self.code}" if self.code else f"{self.kind} {self.display!r}"

    def where(self) -> str:
        return f"{self.file}:{self.line}"


class Checker:
    def __init__(self):
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.notes: list[str] = []
        self.entries: list[Entry] = []

    def err(self, where: str, msg: str):
        self.errors.append(f"{where}: error: {msg}")

    def warn(self, where: str, msg: str):
        self.warnings.append(f"{where}: warning: {msg}")

    def note(self, where: str, msg: str):
        self.notes.append(f"{where}: note: {msg}")

    def parse(self, path: Path):
        fname = path.name
        want = FILE_KIND.get(fname)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            self.err(fname, f"not UTF-8: {e}")
            return
        cur: Entry | None = None
        for lineno, raw in enumerate(text.splitlines(), 1):
            where = f"{fname}:{lineno}"
            body, comment = strip_comment(raw)
            if not body.strip():
                if cur is not None and comment:
                    cur.comments.append(comment)
                continue
            if cur is not None and comment and body[0] in " \t":
                cur.comments.append(comment)
            if body[0] not in " \t":
                cur = self.header(body.rstrip(), comment, fname, lineno, want)
                if cur:
                    self.entries.append(cur)
                continue
            if cur is None:
                self.err(where, "attribute line before any entry header (or after a bad header)")
                continue
            line = body.strip()
            if ":" not in line:
                self.err(where, f"expected 'key: value', got {line!r}")
                continue
            key, value = line.split(":", 1)
            key = key.strip()
            if key != key.lower() or not re.fullmatch(r"[a-z]+", key):
                self.err(where, f"bad key {key!r} (keys are lower case words)")
                continue
            if key not in KEYS[cur.kind]:
                self.err(where, f"key {key!r} is not allowed in a {cur.kind} entry")
                continue
            if key in cur.attrs:
                self.err(where, f"key {key!r} repeated in {cur.ident} (first at line {cur.attrs[key][0][1]})")
            if key in NAME_KEYS:
                parts = [p.strip() for p in value.split("|")]
                if any(p == "" for p in parts):
                    self.err(where, f"{key}: empty value (stray '|')")
                parts = [p for p in parts if p]
                if not parts:
                    self.err(where, f"{key}: has no values")
                for p in parts:
                    if '"' in p:
                        self.err(where, f"{key}: value {p!r} contains a double quote")
                    if not re.search(r"\w", p):
                        self.err(where, f"{key}: value {p!r} has no letters")
                    cur.attrs.setdefault(key, []).append((p, lineno, comment))
            else:
                cur.attrs.setdefault(key, []).append((value.strip(), lineno, comment))

    def header(self, line: str, comment: str, fname: str, lineno: int, want: str | None) -> Entry | None:
        where = f"{fname}:{lineno}"
        m = re.fullmatch(r'(\S+)\s+(.*?)"([^"]*)"\s*', line)
        if not m:
            self.err(where, f"malformed header {line!r} (expected: kind FIELDS \"Display name\")")
            return None
        kind, fields, display = m.group(1), m.group(2).split(), m.group(3)
        if kind not in KEYS:
            self.err(where, f"unknown entry kind {kind!r}")
            return None
        if want and kind != want:
            self.err(where, f"{kind} entry in {fname} (this file holds {want} entries only)")
        if not display.strip() or display != display.strip() or "|" in display or "#" in display:
            self.err(where, f"bad display name {display!r}")
        code, role = "", None
        if kind == "country":
            if len(fields) != 1 or not re.fullmatch(r"[A-Z]{3}", fields[0]):
                self.err(where, f"country header needs one ISO3 code (three capitals), got {fields}")
                return None
            code = fields[0]
        elif kind == "igo":
            if len(fields) != 1 or not re.fullmatch(r"[A-Z]{3,12}", fields[0]):
                self.err(where, f"igo header needs one CAMEO code of 3-12 capitals, got {fields}")
                return None
            code = fields[0]
            if len(code) % 3:
                self.err(where, f"IGO code {code} is not made of 3-letter groups")
            if code[:3] not in IGO_PREFIXES:
                self.err(where, f"IGO code {code} does not start with an international or region code")
        elif kind == "agent":
            if len(fields) != 2:
                self.err(where, f"agent header needs SECTOR ROLE, got {fields}")
                return None
            code, role = fields
            if not re.fullmatch(r"[A-Z]{3}", code) or code not in SECTORS:
                self.err(where, f"agent sector {code!r} is not a CAMEO sector code")
            if not re.fullmatch(r"[a-z]+(-[a-z]+)*", role):
                self.err(where, f"agent role {role!r} is not lower-case hyphenated")
        elif kind == "person":
            if fields:
                self.err(where, f"person header takes only a display name, got {fields}")
        return Entry(kind, code, role, display, fname, lineno, comment)

    # --- whole-dictionary checks --------------------------------------------

    def check(self):
        countries = [e for e in self.entries if e.kind == "country"]
        igos = [e for e in self.entries if e.kind == "igo"]
        agents = [e for e in self.entries if e.kind == "agent"]

        seen: dict[str, Entry] = {}
        for e in countries:
            if e.code in seen:
                self.err(e.where(), f"duplicate country code {e.code} (also {seen[e.code].where()})")
            seen[e.code] = e
            if e.code not in UN_MEMBERS and e.code not in EXTRA_STATES:
                self.err(e.where(), f"{e.code} is neither a UN member nor a known extra ({sorted(EXTRA_STATES)})")
            if "names" not in e.attrs:
                self.err(e.where(), f"{e.ident} has no names:")
            said = " ".join([e.header_comment] + e.comments).lower()
            for k, word in (("adjectives", "adjective"), ("demonyms", "demonym"), ("capital", "capital")):
                if k not in e.attrs:
                    # Deliberate omissions carry a comment such as "no adjective: ...".
                    (self.note if f"no {word}" in said else self.warn)(e.where(), f"{e.ident} has no {k}:")
        missing = sorted(UN_MEMBERS - set(seen))
        if missing:
            self.err("countries.txt", f"UN members missing: {' '.join(missing)}")
        if len(UN_MEMBERS) != 193:
            self.err("check_dict.py", f"UN member list has {len(UN_MEMBERS)} codes, expected 193")

        by_code = defaultdict(list)
        for e in igos:
            by_code[e.code].append(e)
            if "names" not in e.attrs:
                self.warn(e.where(), f"{e.ident} has only its display name")
        for code, es in by_code.items():
            if len(es) > 1:
                for e in es:
                    if "shares code" not in e.header_comment:
                        self.err(e.where(), f"IGO code {code} used by {len(es)} entries "
                                 f"({', '.join(x.display for x in es)}); mark each header '# shares code ...'")

        pairs = {}
        for e in agents:
            k = (e.code, e.role)
            if k in pairs:
                self.err(e.where(), f"duplicate agent {e.code} {e.role} (also {pairs[k].where()})")
            pairs[k] = e
            if "names" not in e.attrs:
                self.err(e.where(), f"{e.ident} has no names:")
            if "plurals" not in e.attrs:
                for v, ln, _ in e.attrs.get("names", []):
                    if not is_acronym(v) and re.search(r"\b(of|to|for|in)\b", v):
                        self.warn(f"{e.file}:{ln}", f"{v!r}: rule plural {plural_of(v)!r} is probably wrong; give plurals:")
        missing_roles = REQUIRED_ROLES - {e.role for e in agents}
        if agents and missing_roles:
            self.err("agents.txt", f"roles named in FORMAT.md missing: {sorted(missing_roles)}")

        # Names: (key, exact) -> list of (entry, form, value, line, comment)
        uses = defaultdict(list)
        for e in self.entries:
            if e.kind == "person":
                continue
            if e.kind != "agent":
                uses[match_key(e.display)].append((e, "display", e.display, e.line, e.header_comment))
            for k, vals in e.attrs.items():
                if k not in NAME_KEYS:
                    continue
                for v, ln, c in vals:
                    uses[match_key(v)].append((e, k, v, ln, c))
        self.name_count = 0
        self.folded_variants = 0
        for key, us in uses.items():
            ents = {id(u[0]): u[0] for u in us}
            # within-entry repeats of the same form (the display name repeated
            # under names: is normal and silent)
            per = defaultdict(list)
            for u in us:
                per[(id(u[0]), "names" if u[1] == "display" else u[1])].append(u)
            self.name_count += len(per)
            for (_, form), lst in per.items():
                written = [x for x in lst if x[1] != "display"]
                texts = [x[2] for x in written]
                if len(set(texts)) < len(texts):
                    self.warn(f"{lst[0][0].file}:{written[-1][3]}",
                              f"{lst[0][0].ident}: {form} repeats {texts}")
                elif len(texts) > 1:
                    # Spelling variants (diacritics, case) the loader folds together:
                    # harmless, they document what text looks like.
                    self.folded_variants += len(texts) - 1
            if len(ents) > 1:
                kinds = {u[0].kind for u in us}
                ok = all("shared" in u[4] for u in us)
                if not ok:
                    desc = "; ".join(f"{u[0].ident} {u[1]} {u[2]!r} ({u[0].file}:{u[3]})" for u in us)
                    self.err(us[0][0].file + f":{us[0][3]}",
                             f"name {key[0]!r} used by {len(ents)} entities ({'/'.join(sorted(kinds))}): {desc}; "
                             "comment every such line with 'shared' if deliberate")

        # Rule plurals of agents (as the loader forms them) must not collide either.
        for e in agents:
            if "plurals" in e.attrs:
                continue
            for v, ln, _ in e.attrs.get("names", []):
                if is_acronym(v):
                    continue
                p = plural_of(name_key(v))
                self.name_count += 1
                for other in uses.get((p, False), []):
                    if other[0] is not e:
                        self.err(f"{e.file}:{ln}", f"rule plural {p!r} of {v!r} collides with {other[0].ident} {other[1]} {other[2]!r}")

    def report(self):
        countries = [e for e in self.entries if e.kind == "country"]
        igos = [e for e in self.entries if e.kind == "igo"]
        agents = [e for e in self.entries if e.kind == "agent"]
        for m in self.notes:
            print(m)
        for m in self.warnings:
            print(m)
        for m in self.errors:
            print(m)
        un = sum(1 for e in countries if e.code in UN_MEMBERS)
        print(f"countries: {len(countries)} ({un} UN members + {len(countries) - un} others: "
              f"{' '.join(sorted(e.code for e in countries if e.code not in UN_MEMBERS))})")
        print(f"igos: {len(igos)} entries, {len({e.code for e in igos})} distinct codes")
        print(f"agents: {len(agents)} entries, {len({e.role for e in agents})} roles")
        for kind, es in (("country", countries), ("igo", igos), ("agent", agents)):
            vals = sum(len(v) for e in es for k, v in e.attrs.items() if k in NAME_KEYS)
            print(f"  {kind} name values written: {vals}")
        print(f"names (as the loader would store them, incl. display names and rule plurals): {self.name_count}"
              f" ({self.folded_variants} written spelling variants fold into these)")
        print(f"{len(self.errors)} errors, {len(self.warnings)} warnings, {len(self.notes)} notes")


def main(argv: list[str]) -> int:
    d = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "dict"
    c = Checker()
    for fname in FILE_KIND:
        p = d / fname
        if not p.exists():
            c.err(fname, "file missing")
            continue
        c.parse(p)
    c.check()
    c.report()
    return 1 if c.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
