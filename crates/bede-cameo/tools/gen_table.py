#!/usr/bin/env python3
"""Generate crates/bede-cameo/src/table.rs, Bede's own encoding of CAMEO facts.

DEVELOPMENT-TIME ONLY. This script reads the third-party reference data in
`../shared/data` (relative to the repository root, i.e. /work/shared/data) and
writes a Rust table of facts: for every CAMEO event code, its number, a short
name, its Goldstein value, GDELT's QuadClass and its PLOVER type and mode.
No third-party file is copied into the repository; neither the build nor the
tests need this script or the data (the generated `src/table.rs` is committed).

Inputs:
  gdelt_cameo_lookups/CAMEO.eventcodes.txt      the code list (310 codes) and names
  gdelt_cameo_lookups/CAMEO.goldsteinscale.txt  Goldstein values
  plover/CAMEO2PLOVER-2021.txt                  PLOVER type and mode

Usage:  python3 crates/bede-cameo/tools/gen_table.py [DATA_DIR]
"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CRATE = HERE.parent
REPO = CRATE.parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"

# Names we do not take from GDELT's lookup as written. Each is a fact from the
# CAMEO 1.1b3 codebook (the code's short name), with the reason for the override.
NAME_OVERRIDES = {
    # typo in the lookup ("matyerial")
    "033": "Express intent to provide material aid",
    # mis-encoded quote marks in the lookup
    "044": "Meet at a 'third' location",
    # missing "to" in the lookup
    "0355": "Express intent to allow international involvement (non-mediation)",
    # GDELT's labels for 101, 105, 107 and 108 contradict their own sub-codes
    # (1011-1014, 1051-1056) and the codebook; the codebook's names are used.
    "101": "Demand material cooperation",
    "105": "Demand that target yields",
    "107": "Demand settling of dispute",
    "108": "Demand mediation",
    # the lookup's line carries a stray fragment of another file ("106:[-5.0] ...")
    "1056": "Demand de-escalation of military engagement",
    # missing space in the lookup
    "2041": "Use chemical, biological, or radiological weapons",
}


def clean_name(name: str) -> str:
    """GDELT's label without the residual-category suffix and stray blanks."""
    n = " ".join(name.split())
    n = re.sub(r",?\s*not spec(ified)? below$", "", n)
    return n.strip().rstrip(",").strip()


def read_tsv(path: Path) -> list[tuple[str, str]]:
    rows = []
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for line in lines[1:]:  # header
        if not line.strip():
            continue
        code, _, val = line.partition("\t")
        rows.append((code.strip(), val))
    return rows


def read_plover(path: Path) -> tuple[dict, dict]:
    """Return ({code: (type, mode)}, {root: type}) from the conversion table.

    Line shapes: `03: AGREE` (a root heading: type only), and
    `CODE: TYPE, MODE, CONTEXT # name` (MODE and CONTEXT may be blank; CONTEXT
    may list several, separated by ';'). A root heading may appear twice (08 is
    headed CONCEDE, then RETREAT); the first heading is the root's own type.
    A code listed twice with the same values (175) is accepted.
    """
    codes: dict[str, tuple[str, str | None]] = {}
    roots: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        code, rest = m.group(1), m.group(2)
        fields = [f.strip() for f in rest.split(",")]
        if len(fields) == 1:
            roots.setdefault(code, fields[0])
            continue
        ptype = fields[0]
        mode = fields[1] or None
        if code in codes and codes[code] != (ptype, mode):
            raise SystemExit(f"PLOVER table lists {code} twice with different values")
        codes[code] = (ptype, mode)
    return codes, roots


def quad_class(root: str) -> int:
    r = int(root)
    if 1 <= r <= 5:
        return 1
    if 6 <= r <= 8:
        return 2
    if 9 <= r <= 13:
        return 3
    if 14 <= r <= 20:
        return 4
    raise SystemExit(f"bad root {root}")


def parent(code: str) -> str | None:
    if len(code) == 4:
        return code[:3]
    if len(code) == 3:
        return code[:2]
    return None


def rust_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA
    lookups = data / "gdelt_cameo_lookups"
    names = read_tsv(lookups / "CAMEO.eventcodes.txt")
    gold = dict(read_tsv(lookups / "CAMEO.goldsteinscale.txt"))
    plover, plover_roots = read_plover(data / "plover" / "CAMEO2PLOVER-2021.txt")

    codes = [c for c, _ in names]
    if len(set(codes)) != len(codes):
        raise SystemExit("duplicate code in the lookup")
    if set(codes) != set(gold):
        raise SystemExit("eventcodes and goldsteinscale list different codes")

    def plover_of(code: str) -> tuple[str, str | None]:
        c: str | None = code
        while c is not None:
            if c in plover:
                return plover[c]
            if c in plover_roots:
                return plover_roots[c], None
            c = parent(c)
        return "", None

    rows = []
    unmapped = []
    for code, raw_name in names:
        if not re.fullmatch(r"\d{2,4}", code):
            raise SystemExit(f"bad code {code!r}")
        name = NAME_OVERRIDES.get(code, clean_name(raw_name))
        g = float(gold[code])
        if not -10.0 <= g <= 10.0:
            raise SystemExit(f"Goldstein out of range for {code}: {g}")
        ptype, pmode = plover_of(code)
        if not ptype:
            unmapped.append(code)
        rows.append((code, name, g, quad_class(code[:2]), ptype, pmode))
    rows.sort(key=lambda r: r[0].encode())

    out = []
    out.append("// @generated by crates/bede-cameo/tools/gen_table.py -- do not edit by hand.")
    out.append("// Facts about CAMEO event codes (number, short name, Goldstein value, GDELT")
    out.append("// QuadClass, PLOVER type and mode), encoded by Bede. See lib.rs for the rules.")
    out.append("")
    out.append("use crate::CameoCode;")
    out.append("")
    out.append("#[rustfmt::skip]")
    out.append(f"pub(crate) static TABLE: [CameoCode; {len(rows)}] = [")
    for code, name, g, q, ptype, pmode in rows:
        mode = f"Some({rust_str(pmode)})" if pmode else "None"
        out.append(
            f"    CameoCode {{ code: {rust_str(code)}, name: {rust_str(name)}, goldstein: {g:.1f}, "
            f"quad_class: {q}, plover_type: {rust_str(ptype)}, plover_mode: {mode} }},"
        )
    out.append("];")
    out.append("")
    (CRATE / "src" / "table.rs").write_text("\n".join(out), encoding="utf-8")
    print(f"wrote {len(rows)} codes; without PLOVER mapping: {' '.join(unmapped)}")


if __name__ == "__main__":
    main()
