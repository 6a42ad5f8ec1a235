"""Throughput of the entity extractors, and of outline + programs + entities, on real documents.

    python bench/bench_entities.py                  # the 25 provincial 政府工作报告 of 2026
    python bench/bench_entities.py corpus/ --runs 9
    python bench/bench_entities.py --against 0e6642b    # side by side with a git revision

Files are read and decoded once, outside the timing; documents are outlined once. Each run times,
on one core, ``find_entities`` over every document (as the build runs it) and, for the breakdown,
each extractor over all documents (citations, targets, organizations, responsibilities), in CPU time
(``time.process_time``); it reports the fastest of ``--runs`` runs after one warm-up, beside the
outline and programs stages measured the same way (bench_programs.measure), and the total in MB/s:
issue 11 asks outline + programs + entities to stay at 10 MB/s or more per core.

With ``--against REV`` both trees are measured in fresh processes, alternating three rounds (as
``bench_programs.py --against``), and the medians of each stage are printed side by side.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from bench_programs import alternating, parse_args
from bench_programs import measure as measure_outline_programs


def measure(folder: Path, runs: int) -> dict[str, float]:
    """Least CPU seconds of each extractor over the documents of ``folder``, and their counts."""
    from hwgraph.entities import find_entities
    from hwgraph.entities.citations import find_citations
    from hwgraph.entities.organizations import find_organizations
    from hwgraph.entities.responsibilities import find_responsibilities
    from hwgraph.entities.targets import find_targets
    from hwgraph.pipeline import analyse_source
    from hwgraph.reading import read_source

    sources = [read_source(p) for p in sorted(folder.glob("*.txt"))]
    docs = [d for s in sources for d in analyse_source(s)]
    times: dict[str, list[float]] = {
        "citations": [], "targets": [], "organizations": [], "responsibilities": [], "all": []
    }
    counts: dict[str, int] = {}
    for i in range(runs + 1):
        t = time.process_time()
        for d in docs:  # as the build runs them: every extractor on one document, then the next
            find_entities(d)
        t_all = time.process_time() - t
        t0 = time.process_time()
        citations = [c for d in docs for c in find_citations(d)]
        t1 = time.process_time()
        targets = [t for d in docs for t in find_targets(d)]
        t2 = time.process_time()
        orgs = [find_organizations(d) for d in docs]
        t3 = time.process_time()
        resps = [r for d, o in zip(docs, orgs, strict=True) for r in find_responsibilities(d, o)]
        t4 = time.process_time()
        if i:
            for name, secs in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t_all), strict=True):
                times[name].append(secs)
        counts = {"citations": len(citations), "targets": len(targets),
                  "organizations": sum(map(len, orgs)), "responsibilities": len(resps)}
    return {**{f"{k}_s": min(v) for k, v in times.items()}, **{f"{k}_n": v for k, v in counts.items()}}


def measure_all(folder: Path, runs: int) -> dict[str, float]:
    """Outline and programs (bench_programs.measure) and every extractor (:func:`measure`) over
    ``folder``: the figures one tree gives for ``--against``."""
    return {**measure_outline_programs(folder, runs), **measure(folder, runs)}


_STAGES = (("outline", "outline_s"), ("programs", "programs_s"), ("citations", "citations_s"),
           ("targets", "targets_s"), ("organizations", "organizations_s"),
           ("responsibilities", "responsibilities_s"), ("entities (find_entities)", "all_s"))


def against(rev: str, folder: Path, runs: int, rounds: int = 3) -> None:
    """Each stage of this tree and of ``rev``, medians of ``rounds`` alternating rounds."""
    got = alternating(rev, folder, runs, rounds, module="bench_entities", func="measure_all")
    mb = got["this tree"][0]["mb"]
    print(f"{folder}: {mb:.2f} MB; median over {rounds} alternating rounds of the fastest of {runs} runs, "
          f"CPU time, one core")
    print(f"  {'':26} {'this tree':>22}  {rev:>22}")
    for label, key in (*_STAGES, ("outline+programs+entities", "")):
        cells = []
        for rs in got.values():
            keys = ("outline_s", "programs_s", "all_s") if not key else (key,)
            secs = statistics.median(sum(r[k] for k in keys) for r in rs)
            cells.append(f"{secs * 1000:7.1f} ms {mb / secs:7.2f} MB/s")
        print(f"  {label:26} {cells[0]:>22}  {cells[1]:>22}")


def main() -> None:
    args = parse_args(__doc__)
    if args.against:
        against(args.against, args.folder.resolve(), args.runs)
        return
    base = measure_outline_programs(args.folder, args.runs)
    ents = measure(args.folder, args.runs)
    mb = base["mb"]
    print(f"{args.folder}: {base['files']} files, {mb:.2f} MB, {base['documents']} documents; "
          f"fastest of {args.runs} runs, CPU time, one core")
    rows = [("outline", base["outline_s"], ""), ("programs", base["programs_s"], f"{base['programs']} uses")]
    rows += [(k, ents[f"{k}_s"], f"{ents[f'{k}_n']} found")
             for k in ("citations", "targets", "organizations", "responsibilities")]
    entities = ents["all_s"]
    rows += [("entities (find_entities)", entities, "each extractor's pass above runs over all documents"),
             ("outline+programs+entities", base["outline_s"] + base["programs_s"] + entities, "")]
    for label, secs, note in rows:
        print(f"  {label:26} {secs * 1000:8.1f} ms  {mb / secs:8.2f} MB/s  {note}")


if __name__ == "__main__":
    main()
