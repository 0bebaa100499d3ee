#!/usr/bin/env python3
"""Check Bede's verb-pattern dictionary against crates/bede-coder/dict/FORMAT.md.

Usage:  python3 crates/bede-cameo/tools/check_verbs.py [DICT_DIR ...]
        (default: crates/bede-coder/dict)

Reads every `*.txt` file of each directory in name order, like the coder, and
reports every problem as `file:line: reason`. Exit status 1 if any.

FORMAT.md rules checked:
  * `#` starts a comment at line start or after white space; blank lines ignored.
  * `&NAME = phrase | phrase ...` defines a synonym set; sets are defined
    before use (across files, in load order).
  * `== LEMMA | LEMMA ... [CODE] ; FLAGS` is a block header; `noun:` before the
    lemmas makes the triggers nominal.
  * `CODE PATTERN ; FLAGS` is a pattern line, after a header. PATTERN elements:
    `word`, `{a|b c}`, `&NAME`, `+` (the target), `*` (skip).
  * CAMEO codes are 2-4 digits and exist in the CAMEO table (read from
    crates/bede-cameo/src/table.rs, Bede's own table).
  * Flags: recip, solo, accuse-complement, report, deny-complement.

House rules on top of the grammar (they keep the dictionary predictable):
  * every block header has a default code;
  * a verbal trigger has at most two words (the coder looks up a verb's lemma
    alone, or the lemma plus the next word) and no hyphen;
  * a verbal (resp. nominal) trigger is declared in one block only, so its
    default code is unambiguous;
  * at most one `+` per pattern; no `*` at the end or two `*` in a row (a skip
    at the end matches anything and adds nothing);
  * no pattern repeated within a block; no synonym set defined twice;
  * no word that can never match: the tokenizer keeps words with a bound prefix
    whole (`co-operation`, `de-escalation`), while the dictionary splits every
    hyphen, so such a word would never match a token.
"""

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
TABLE = HERE.parent / "src" / "table.rs"
DEFAULT_DIR = REPO / "crates" / "bede-coder" / "dict"

FLAGS = {"recip", "solo", "accuse-complement", "report", "deny-complement"}
CODE_RE = re.compile(r"^\d{2,4}$")
SET_NAME_RE = re.compile(r"^[A-Za-z0-9_]+$")
WORD_RE = re.compile(r"^[a-z0-9][a-z0-9'.-]*$")
# Prefixes after which bede-nlp's tokenizer keeps a hyphenated word whole.
HYPHEN_PREFIXES = {
    "anti", "arch", "bi", "bio", "co", "counter", "cross", "cyber", "de", "e", "eco", "ex",
    "extra", "hyper", "infra", "inter", "intra", "macro", "mega", "micro", "mid", "mini",
    "mis", "multi", "neo", "non", "over", "pan", "post", "pre", "pro", "pseudo", "psycho",
    "quasi", "re", "semi", "socio", "sub", "super", "supra", "trans", "ultra", "un", "under",
    "vice",
}


def cameo_codes() -> set:
    text = TABLE.read_text(encoding="utf-8")
    codes = set(re.findall(r'CameoCode \{ code: "(\d{2,4})"', text))
    if len(codes) < 300:
        sys.exit(f"could not read the CAMEO table from {TABLE}")
    return codes


def strip_comment(line: str) -> str:
    for i, c in enumerate(line):
        if c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


class Checker:
    def __init__(self, codes):
        self.codes = codes
        self.errors = []
        self.sets = {}
        self.verb_triggers = {}
        self.noun_triggers = {}
        self.patterns_by_file = Counter()
        self.patterns_by_root = Counter()
        self.blocks_by_file = Counter()
        self.lemma_count = 0

    def err(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    def check_word(self, where, w):
        w = w.lower()
        if not WORD_RE.match(w):
            self.err(where, f"bad word {w!r}")
            return
        if "-" in w:
            first = w.split("-", 1)[0]
            if first in HYPHEN_PREFIXES:
                self.err(where, f"{w!r} is one token for the tokenizer but the dictionary splits it: it can never match")

    def check_phrase(self, where, phrase):
        words = phrase.split()
        if not words:
            self.err(where, "empty phrase")
        for w in words:
            self.check_word(where, w)
        return words

    def parse_flags(self, where, s):
        flags = set()
        for f in re.split(r"[\s,]+", s.strip()):
            if not f:
                continue
            if f not in FLAGS:
                self.err(where, f"unknown flag {f!r}")
            flags.add(f)
        return flags

    def check_code(self, where, code):
        if not CODE_RE.match(code):
            self.err(where, f"bad CAMEO code {code!r}")
            return False
        if code not in self.codes:
            self.err(where, f"CAMEO code {code} is not in the CAMEO table")
            return False
        return True

    def parse_pattern(self, where, pat):
        elems = []
        rest = pat.strip()
        while rest:
            if rest.startswith("{"):
                close = rest.find("}")
                if close < 0:
                    self.err(where, "unclosed '{'")
                    return elems
                alts = [a.strip() for a in rest[1:close].split("|")]
                if any(not a for a in alts):
                    self.err(where, "empty alternative in '{}'")
                for a in alts:
                    if a:
                        self.check_phrase(where, a)
                if len(set(alts)) != len(alts):
                    self.err(where, "repeated alternative in '{}'")
                elems.append(("alt", tuple(alts)))
                rest = rest[close + 1:].lstrip()
                continue
            tok, _, rest = rest.partition(" ")
            rest = rest.lstrip()
            if tok == "+":
                elems.append(("target",))
            elif tok == "*":
                elems.append(("skip",))
            elif tok.startswith("&"):
                name = tok[1:]
                if name not in self.sets:
                    self.err(where, f"synonym set &{name} is not defined (define it before use)")
                elems.append(("set", name))
            elif any(c in tok for c in "{}[]$|"):
                self.err(where, f"unexpected token {tok!r}")
            else:
                self.check_word(where, tok)
                elems.append(("word", tok.lower()))
        if sum(1 for e in elems if e[0] == "target") > 1:
            self.err(where, "more than one '+' in a pattern")
        if elems and elems[-1] == ("skip",):
            self.err(where, "pattern ends with '*' (a trailing skip matches anything)")
        for a, b in zip(elems, elems[1:]):
            if a == b == ("skip",):
                self.err(where, "two '*' in a row")
        return elems

    def load(self, path: Path):
        name = path.name
        block = None
        for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{name}:{lineno}"
            if "\t" in raw:
                self.err(where, "tab character (use spaces)")
            line = strip_comment(raw).strip()
            if not line:
                continue
            if line.startswith("&"):
                head, eq, val = line[1:].partition("=")
                nm = head.strip()
                if not eq:
                    self.err(where, "synonym set needs '&NAME = a | b'")
                    continue
                if not SET_NAME_RE.match(nm):
                    self.err(where, f"bad synonym set name {nm!r}")
                if nm in self.sets:
                    self.err(where, f"synonym set &{nm} defined twice (first at {self.sets[nm][0]})")
                phrases = [p.strip() for p in val.split("|")]
                if any(not p for p in phrases):
                    self.err(where, "empty phrase in synonym set")
                phrases = [p for p in phrases if p]
                for p in phrases:
                    self.check_phrase(where, p)
                dup = [p for p, n in Counter(p.lower() for p in phrases).items() if n > 1]
                if dup:
                    self.err(where, f"repeated phrase(s) in &{nm}: {dup}")
                self.sets[nm] = (where, phrases)
                continue
            body, semi, flagtext = line.partition(";")
            body = body.strip()
            flags = self.parse_flags(where, flagtext) if semi else set()
            if body.startswith("=="):
                rest = body[2:].strip()
                m = re.search(r"\[([^\]]*)\]\s*$", rest)
                if not m:
                    # No default: only the block's patterns code events (FORMAT.md).
                    code = None
                else:
                    code = m.group(1).strip()
                    self.check_code(where, code)
                    rest = rest[: m.start()].strip()
                if "[" in rest or "]" in rest:
                    self.err(where, "unexpected '[' or ']' in block header")
                nominal = rest.startswith("noun:")
                if nominal:
                    rest = rest[len("noun:"):]
                lemmas = [" ".join(l.split()).lower() for l in rest.split("|")]
                if any(not l for l in lemmas):
                    self.err(where, "empty trigger in block header")
                lemmas = [l for l in lemmas if l]
                if not lemmas:
                    self.err(where, "block header lists no trigger lemma")
                for l in lemmas:
                    self.check_phrase(where, l)
                    if not nominal:
                        if len(l.split()) > 2:
                            self.err(where, f"verbal trigger {l!r} has more than two words")
                        if "-" in l:
                            self.err(where, f"verbal trigger {l!r} has a hyphen")
                    table = self.noun_triggers if nominal else self.verb_triggers
                    if l in table:
                        self.err(where, f"trigger {l!r} already has a block at {table[l]}")
                    else:
                        table[l] = where
                self.lemma_count += len(lemmas)
                block = {"where": where, "patterns": set(), "nominal": nominal}
                self.blocks_by_file[name] += 1
                continue
            if block is None:
                self.err(where, "pattern before any '==' block header")
                continue
            code, _, pat = body.partition(" ")
            if not self.check_code(where, code):
                continue
            elems = self.parse_pattern(where, pat)
            key = (code, tuple(elems))
            if key in block["patterns"]:
                self.err(where, "pattern repeated in this block")
            block["patterns"].add(key)
            shape = tuple(elems)
            if any(k[1] == shape and k[0] != code for k in block["patterns"]):
                self.err(where, "the same pattern with another code in this block (the first one always wins)")
            self.patterns_by_file[name] += 1
            self.patterns_by_root[code[:2]] += 1


def main():
    dirs = [Path(a) for a in sys.argv[1:]] or [DEFAULT_DIR]
    ch = Checker(cameo_codes())
    for d in dirs:
        files = sorted(p for p in d.iterdir() if p.suffix == ".txt")
        if not files:
            ch.err(str(d), "no .txt files")
        for f in files:
            ch.load(f)
    for e in ch.errors:
        print(e)
    total = sum(ch.patterns_by_file.values())
    print(f"{len(ch.sets)} synonym sets, {sum(ch.blocks_by_file.values())} blocks, "
          f"{ch.lemma_count} triggers, {total} patterns")
    for f in sorted(ch.patterns_by_file):
        print(f"  {f:24} {ch.blocks_by_file[f]:4} blocks {ch.patterns_by_file[f]:5} patterns")
    roots = " ".join(f"{r}:{n}" for r, n in sorted(ch.patterns_by_root.items()))
    print(f"  patterns by code root: {roots}")
    missing = [f"{r:02}" for r in range(1, 21) if f"{r:02}" not in ch.patterns_by_root]
    if missing:
        print(f"  roots without any pattern: {' '.join(missing)}")
    if ch.errors:
        print(f"{len(ch.errors)} error(s)")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
