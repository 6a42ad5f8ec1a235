"""Fit the heading-end model of hwgraph/runon.py and report its held-out accuracy.

    python bench/fit_runon.py                       # dev corpus + sample corpus, 5-fold CV, print only
    python bench/fit_runon.py --write               # also write hwgraph/data/runon_weights.json
    python bench/fit_runon.py FOLDER... --write

Training data needs no gold: in a file that keeps its line breaks, a heading line without a full
stop followed by a body line is a heading whose end we know (positive: the seam is the line end),
and a heading line whose first sentence ends on the line is a heading that is the whole sentence
(negative: the answer is "no seam"). Features are computed exactly as at run time, on a copy of the
file with its line breaks removed. The model is a conditional logit over the candidates of each
sentence, fitted by plain SGD (no numpy needed). Cross-validation holds out whole files.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hwgraph.outline import scan_markers  # noqa: E402
from hwgraph.runon import FIXED, NONE, Candidate, Counts, HeadingEnds  # noqa: E402
from hwgraph.types import SectionKind  # noqa: E402

_SENTENCE = re.compile("[。；！？;!?]")
_TRAIL = "，,、：:；; \t\u3000"


def _lines(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]


_COUNTS: dict[Path, Counts] = {}


def counts_of(files: list[Path]) -> dict[Path, Counts]:
    """Each file's boundary counts, with how often every boundary string of any file occurs in it."""
    missing = [f for f in files if f not in _COUNTS]
    if missing:
        texts = {f: "\n".join(_lines(f)) for f in files}
        raw = {f: Counts.of(texts[f]) for f in files}
        keys = set()
        for c in raw.values():
            keys |= set(c.ends) | set(c.starts) | set(c.heads)
        for f in files:
            t = texts[f]
            n: Counter[str] = Counter()
            for k in range(1, 5):
                n.update(g for g in (t[i : i + k] for i in range(len(t) - k + 1)) if g in keys)
            c = raw[f]
            _COUNTS[f] = Counts(c.ends, c.starts, c.heads, c.chars, n=dict(n))
    return {f: _COUNTS[f] for f in files}


def prior_of(files: list[Path], counts: dict[Path, Counts]) -> Counts:
    """The counts of ``files`` added up: a prior that has seen nothing of any other file."""
    ends: Counter[str] = Counter()
    starts: Counter[str] = Counter()
    heads: Counter[str] = Counter()
    n: Counter[str] = Counter()
    chars = 0
    for f in files:
        c = counts[f]
        ends.update(c.ends)
        starts.update(c.starts)
        heads.update(c.heads)
        n.update(c.n or {})
        chars += c.chars
    return Counts(ends, starts, heads, chars, n=dict(n))


def examples(path: Path, base: Counts | None) -> list[tuple[list[Candidate], int, bool]]:
    """(candidates, gold end, is_positive) for every usable heading line of ``path``."""
    lines = _lines(path)
    ends = HeadingEnds("".join(lines), base)
    out = []
    for i, line in enumerate(lines[:-1]):
        m = next(scan_markers(line), None)
        if m is None or m.start != 0 or m.kind is SectionKind.ENUM:
            continue
        title = line[m.end - m.start :].lstrip(" \t\u3000:：")
        stop = _SENTENCE.search(title)
        if stop:
            sentence, gold = title[: stop.start()], NONE
            if not 2 <= len(sentence) <= 45 or "：" in sentence:
                continue
        else:
            nxt = lines[i + 1]
            first = next(scan_markers(nxt), None)
            if not 2 <= len(title) <= 45 or title[-1] in _TRAIL or len(nxt) < 10 or (first and first.start == 0):
                continue
            stop = _SENTENCE.search(nxt)
            sentence, gold = title + (nxt[: stop.start()] if stop else nxt), len(title)
        cands = ends.candidates(sentence)
        if any(c.end == gold for c in cands):
            out.append((cands, gold, gold != NONE))
    return out


def fit(data: list[tuple[list[Candidate], int]], epochs: int = 8, rate: float = 0.1) -> dict[str, float]:
    """Conditional-logit weights by SGD (deterministic: seeded shuffles)."""
    w: dict[str, float] = defaultdict(float, FIXED)
    data = list(data)
    for epoch in range(epochs):
        random.Random(epoch).shuffle(data)
        for cands, gold in data:
            scores = [c.score(w) for c in cands]
            top = max(scores)
            exp = [math.exp(s - top) for s in scores]
            z = sum(exp)
            for c, e in zip(cands, exp, strict=True):
                g = (1.0 if c.end == gold else 0.0) - e / z
                if abs(g) > 1e-4:
                    for k, v in c.features:
                        if k not in FIXED:  # an expert's rule keeps its weight
                            w[k] += rate * g * v
        rate *= 0.75
    return {k: round(v, 4) for k, v in sorted(w.items()) if abs(v) >= 1e-4 and k not in FIXED} | FIXED


def predict(cands: list[Candidate], w: dict[str, float], split: bool = False) -> int:
    """The best candidate's end; with ``split``, the best real seam (the group said: glued)."""
    if split:
        cands = [c for c in cands if c.end != NONE] or cands
    return max(cands, key=lambda c: c.score(w)).end


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="*", type=Path,
                    default=[ROOT.parent / "shared" / "devcorpus" / "gov-reports-2026", ROOT / "corpus"])
    ap.add_argument("--write", action="store_true", help="write hwgraph/data/runon_weights.json")
    args = ap.parse_args()
    files = sorted(f for d in args.folders for f in d.rglob("*.txt"))
    names = sorted(f.name for f in files)
    counts = counts_of(files)
    tally: Counter[tuple[object, bool]] = Counter()
    for fold in range(5):
        held = set(names[fold::5])
        train = [f for f in files if f.name not in held]
        # a file never sees itself in the prior: the held-out ones because they are held out,
        # the training ones because each is left out of its own
        by_file = {f.name: examples(f, prior_of([g for g in train if g != f], counts)) for f in files}
        w = fit([(c, g) for n in names if n not in held for c, g, _ in by_file[n]])
        for n in held:
            for c, g, positive in by_file[n]:
                tally[(positive, predict(c, w) == g)] += 1
                if positive:
                    tally[("forced", predict(c, w, split=True) == g)] += 1
    pos = tally[(True, True)] / max(1, tally[(True, True)] + tally[(True, False)])

    neg = tally[(False, True)] / max(1, tally[(False, True)] + tally[(False, False)])
    n_pos = tally[(True, True)] + tally[(True, False)]
    n_neg = tally[(False, True)] + tally[(False, False)]
    print(f"files={len(files)} glued headings={n_pos} whole-sentence headings={n_neg}")
    forced = tally[("forced", True)] / max(1, n_pos)
    print(f"5-fold CV by file: seam found {pos:.3f}, whole sentence kept {neg:.3f}, "
          f"seam found when told the heading is glued {forced:.3f}")
    if args.write:
        base = prior_of(files, counts)
        by_file = {f.name: examples(f, prior_of([g for g in files if g != f], counts)) for f in files}
        w = fit([(c, g) for n in names for c, g, _ in by_file[n]])
        prior_path = ROOT / "hwgraph" / "data" / "runon_prior.json"
        prior_path.write_text(json.dumps(base.to_json(), ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
                              encoding="utf-8")
        out = ROOT / "hwgraph" / "data" / "runon_weights.json"
        meta = {"fitted_by": "bench/fit_runon.py", "files": len(files), "glued": n_pos, "whole": n_neg,
                "cv_seam": round(pos, 3), "cv_whole": round(neg, 3)}
        w = {k: v for k, v in w.items() if k not in FIXED}
        out.write_text(json.dumps({"about": meta, "weights": w}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)} ({len(w)} weights)")


if __name__ == "__main__":
    main()
