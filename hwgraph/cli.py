"""hwgraph command line. The only module that imports click: commands parse options, call one
library function, and format its result. Data goes to stdout, progress and errors to stderr.

Exit codes: 0 ok; 1 the result is negative (some inputs failed, graph does not conform, ASK false);
2 could not run at all (bad options, no input that can be read, no graph, malformed query).

One vocabulary across commands: ``--graph`` names the graph a command reads (a .ttl/.nq file, a
store or a build folder; default ``outputs/``, its store else its hwgraph.nq or hwgraph.ttl),
``-o/--out`` the file or folder it writes, ``-q/--quiet`` silences stderr but for errors.
Progress (per file, then each stage's time) goes to stderr only when that is a terminal.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hwgraph._paths import find_graph
from hwgraph.errors import HwgraphError

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from hwgraph._jsonout import JsonWriter

CONTEXT = {"help_option_names": ["-h", "--help"]}


def _json_out(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


class CouldNotRun(click.ClickException):
    """A library error at the command boundary: exit code 2 with the library's one-line message."""

    exit_code = 2


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except HwgraphError as e:
            raise CouldNotRun(str(e)) from e


class _Option(click.Option):
    """An option whose old spellings (``hidden_names``) still work but are left out of --help."""

    def __init__(self, *decls: object, hidden_names: tuple[str, ...] = (), **attrs: object) -> None:
        super().__init__(*decls, **attrs)  # type: ignore[arg-type]
        self.hidden_names = hidden_names

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        shown = self.opts
        self.opts = [o for o in shown if o not in self.hidden_names]
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts = shown


class _OldArgument(click.Argument):
    """A positional argument kept so old command lines still run; left out of usage and help."""

    def get_usage_pieces(self, ctx: click.Context) -> list[str]:
        return []


_quiet_option = click.option(
    "-q", "--quiet", "--silent", "quiet", is_flag=True, cls=_Option, hidden_names=("--silent",),
    help="Print nothing to stderr but errors (no progress, no summary).",
)
_graph_option = click.option(
    "--graph", type=click.Path(path_type=Path),
    help="Graph file (.ttl/.nq), store or build folder [default: outputs/: its store, else hwgraph.nq "
    "or hwgraph.ttl].",
)
_old_graph_argument = click.argument("old_graph", required=False, type=click.Path(path_type=Path), cls=_OldArgument)


def _graph_or_old(graph: Path | None, old_graph: Path | None, command: str) -> Path | None:
    """``--graph``, or the graph given positionally as before (with a note that it is deprecated)."""
    if old_graph is None:
        return graph
    if graph is not None and graph != old_graph:
        raise click.UsageError(f"two graphs given ({old_graph} and --graph {graph}); give one with --graph")
    click.echo(f"note: `hwgraph {command} GRAPH` is deprecated; use `hwgraph {command} --graph {old_graph}`", err=True)
    return old_graph


def _is_terminal(stream: object) -> bool:
    """True when ``stream`` is an interactive terminal: progress goes there, never into pipes."""
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


def _progressbar(total: int, label: str) -> ProgressBar[str]:
    """A per-file progress bar on stderr that shows the last file read (the end of its path)."""
    return click.progressbar(
        length=total, label=label, file=sys.stderr, show_pos=True,
        item_show_func=lambda p: None if p is None else (p if len(p) <= 40 else "…" + p[-39:]),
    )


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(package_name="hwgraph")
def cli() -> None:
    """hwgraph: the outline and named programs of Chinese health-policy documents, as a knowledge graph."""


# ---- outline (issue 2) -------------------------------------------------------------------------


def _json_writer(as_json: bool, jsonl: bool) -> JsonWriter | None:
    """The writer for ``--json`` (an array written item by item) or ``--jsonl``; None for text."""
    from hwgraph._jsonout import json_writer

    if as_json and jsonl:
        raise click.UsageError("--json and --jsonl: choose one")
    if not (as_json or jsonl):
        return None
    return json_writer(lambda text: click.echo(text, nl=False), lines=jsonl)


def _per_file(
    command: str,
    paths: tuple[Path, ...],
    writer: JsonWriter | None,
    quiet: bool,
    items: Callable[[tuple], list],
    as_text: Callable[[list], str],
    as_dict: Callable[[object], dict],
) -> None:
    """Run the pipeline file by file and write each file's output (text, or JSON items to
    ``writer``) as soon as it is done, so only one file's documents are in memory at a time.

    A file that cannot be read gets one error line on stderr and the batch goes on; exit 1 if any
    did, 2 if none could be read. A progress bar shows on a terminal while stdout goes elsewhere.
    """
    from hwgraph.pipeline import analyse
    from hwgraph.reading import SUFFIXES, iter_paths

    todo = list(iter_paths(paths))
    if not todo:
        kinds = ", ".join(sorted(SUFFIXES))
        raise CouldNotRun(f"{' '.join(map(str, paths))}: no file to read ({kinds}); name files or folders that hold some")
    bar = None
    if not quiet and _is_terminal(sys.stderr) and not _is_terminal(sys.stdout):
        bar = _progressbar(len(todo), command).__enter__()
    files = docs = failed = 0
    try:
        for result in analyse(todo):
            files += 1
            if bar is not None:
                bar.update(1, result.path)
            if result.error is not None:
                failed += 1
                click.echo(f"error: {result.error}", err=True)
                continue
            docs += len(result.documents)
            got = items(result.documents)
            if writer is not None:
                for x in got:
                    writer.write(as_dict(x))
            else:
                click.echo(as_text(got))
            del result, got  # release this file's documents before reading the next
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if writer is not None:
        writer.close()
    if not quiet:
        click.echo(f"{command}: {files} files, {docs} documents" + (f", {failed} failed" if failed else ""), err=True)
    if failed:
        sys.exit(2 if failed == files else 1)


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract (an array) instead of a tree.")
@click.option("--jsonl", is_flag=True, help="Print one JSON object per document per line (JSON Lines).")
@_quiet_option
def outline(paths: tuple[Path, ...], as_json: bool, jsonl: bool, quiet: bool) -> None:
    """Print the numbered outline of each document in PATHS (files or folders).

    Output is written as each file is done (the --json array too), so memory stays flat with the
    size of the corpus.

    Example:

        hwgraph outline corpus/*.txt

        hwgraph outline corpus/ --json > outline.json
    """
    from hwgraph.report import outline_json, outline_tree

    _per_file("outline", paths, _json_writer(as_json, jsonl), quiet, list, outline_tree, outline_json)


# ---- programs (issue 3) ------------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract (an array) instead of a table.")
@click.option("--jsonl", is_flag=True, help="Print one JSON object per (document, program) per line (JSON Lines).")
@_quiet_option
def programs(paths: tuple[Path, ...], as_json: bool, jsonl: bool, quiet: bool) -> None:
    """Print the named programs (三大体系, 1+5+1, 十四五) of each document in PATHS, with their members.

    Output is written as each file is done (the --json array too), so memory stays flat with the
    size of the corpus.

    Example:

        hwgraph programs corpus/*.txt

        hwgraph programs corpus/ --json > programs.json
    """
    from hwgraph.programs import find_programs, program_json, programs_table

    def found(docs: tuple) -> list:
        return [p for d in docs for p in find_programs(d)]

    _per_file("programs", paths, _json_writer(as_json, jsonl), quiet, found, programs_table, program_json)


# ---- entities (issue 11) -----------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract (an array) instead of a table.")
@click.option("--jsonl", is_flag=True, help="Print one JSON object per entity per line (JSON Lines).")
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice(["citation", "target", "organization", "responsibility"]),
    help="Only these kinds (repeatable) [default: all].",
)
@_quiet_option
def entities(paths: tuple[Path, ...], as_json: bool, jsonl: bool, types: tuple[str, ...], quiet: bool) -> None:
    """Print the cited policies, quantitative targets, organizations and responsibilities of PATHS.

    A cited 《title》 that names another document among PATHS is resolved to it. With --json or
    --jsonl each file is read once and its rows are spooled to a temporary file, keeping only
    titles in memory; the rows are printed, resolved, once every file is read. Exit code 1 when
    some files could not be read, 2 when none could.

    Example:

        hwgraph entities corpus/ --type target

        hwgraph entities plan.docx --json > entities.json
    """
    from hwgraph._jsonout import EntityStream, stream_entities
    from hwgraph.entities import KINDS, EntityType, collect_entities, count_entities, entities_table

    selected = {EntityType(t) for t in types} or None
    writer = _json_writer(as_json, jsonl)
    if writer is not None:
        got = stream_entities(paths, selected, writer, lambda error: click.echo(f"error: {error}", err=True))
        writer.close()
    else:
        found, resolved, errors, files = collect_entities(paths)
        for error in errors:
            click.echo(f"error: {error}", err=True)
        table = entities_table(found, resolved, selected)
        if table:
            click.echo(table)
        got = EntityStream(files, len(errors), len(found), **count_entities(found))
    if not quiet:
        counts = f"{got.documents} documents, " + ", ".join(
            f"{getattr(got, kind)} {kind}" for kind in KINDS
        )
        click.echo(f"entities: {got.files} files, {counts}" + (f", {got.failed} failed" if got.failed else ""), err=True)
    if got.failed:
        sys.exit(2 if got.failed == got.files else 1)


# ---- graph: build / validate / query / export / serve (issue 4) --------------------------------


@cli.command(context_settings=CONTEXT)
@click.argument("corpus", required=False, default="corpus", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", default="outputs", show_default=True, type=click.Path(path_type=Path),
              help="Folder for hwgraph.ttl, hwgraph.nq, store/, hwgraph.html and report.json.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes that read and extract the files [default: the cores; fewer when "
              "there is little to extract].")
@click.option("--full", is_flag=True, help="Re-extract every file, not only the new and changed ones.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Extract the files on the workers of the Dask scheduler at ADDRESS (tcp://host:8786) "
              "instead of --jobs processes here; needs pip install 'hwgraph[cluster]'.")
@_quiet_option
def build(corpus: Path, out_dir: Path, jobs: int | None, full: bool, scheduler: str | None, quiet: bool) -> None:
    """Build the knowledge graph of CORPUS (default corpus/) into OUT (default outputs/).

    Exit code 1 when a file could not be read or the graph does not conform to the shapes; 2 when
    no file could be read, OUT cannot be written or another build is writing it (the last build is
    left as it was: a build replaces OUT in one rename once every output is complete). A rebuild
    re-extracts only the files that changed since the last one. On a terminal, stderr shows each
    file as it is read and how long each stage took; the summary ends the run. With --scheduler,
    a Dask cluster extracts the files (same outputs, byte for byte); exit code 2 when it cannot.

    Example:

        hwgraph build

        hwgraph build corpus/ -o outputs/

        hwgraph build corpus/ -o outputs/ --scheduler tcp://10.0.0.5:8786
    """
    from hwgraph.build import build as build_corpus
    from hwgraph.building.workers import default_jobs

    if jobs is not None and scheduler is not None:
        raise click.UsageError("--jobs and --scheduler: give one (the cluster's workers replace the processes)")
    bar = None

    def progress(done: int, total: int, path: str) -> None:
        nonlocal bar
        if bar is None:
            bar = _progressbar(total, "reading").__enter__()
        bar.update(1, path)

    def stage(name: str, seconds: float) -> None:
        nonlocal bar
        if bar is not None:  # the files are read: the bar gives way to the stage times
            bar.__exit__(None, None, None)
            bar = None
        click.echo(f"{name:<20} {seconds:6.1f} s", err=True)

    show = not quiet and _is_terminal(sys.stderr)
    try:
        report = build_corpus(
            corpus, out_dir, progress=progress if show else None, stage=stage if show else None,
            jobs=jobs or default_jobs(), incremental=not full, scheduler=scheduler,
        )
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if not quiet:
        click.echo(report.summary(), err=True)
    if not report.ok:
        sys.exit(1)


@cli.command(context_settings=CONTEXT)
@_old_graph_argument
@_graph_option
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def validate(old_graph: Path | None, graph: Path | None, as_json: bool) -> None:
    """Check the graph (default the last build) against the SHACL shapes of ontology/shapes.ttl.

    Exit codes: 0 conforms, 1 does not conform, 2 could not run.

    Example:

        hwgraph validate

        hwgraph validate --graph outputs/hwgraph.ttl --json
    """
    from hwgraph.validate import validate as validate_graph

    result = validate_graph(_graph_or_old(graph, old_graph, "validate"))
    if as_json:
        _json_out(result.to_json())
    else:
        click.echo(result.text())
    sys.exit(result.exit_code)


@cli.command(context_settings=CONTEXT)
@click.argument("query_or_file", required=False)
@_graph_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml"]), default="table",
              show_default=True, help="Output format of SELECT/ASK results (CONSTRUCT/DESCRIBE give Turtle); "
              "csv/tsv/json/xml stream as the engine answers.")
@click.option("--list", "list_only", is_flag=True, help="List the named queries and exit.")
def query(query_or_file: str | None, graph: Path | None, fmt: str, list_only: bool) -> None:
    """Run a SPARQL query: a named query, a .rq file, or SPARQL text, on the last build.

    Prefixes hw:, dcterms:, skos:, oa:, rdfs: and the id prefixes are predeclared. ASK exits 1
    when false.

    Example:

        hwgraph query --list

        hwgraph query shared-programs --format csv

        hwgraph query 'SELECT ?t WHERE { ?d a hw:Document ; dcterms:title ?t }'
    """
    from hwgraph.query import list_queries, resolve_query, write_query

    if list_only:
        for named in list_queries():
            click.echo(f"{named.name:24} {named.summary}")
        return
    if not query_or_file:
        raise click.UsageError("give a query name, a .rq file or SPARQL text (or --list)")
    out = sys.stdout.buffer
    answer = write_query(resolve_query(query_or_file), out, graph, fmt)
    out.flush()
    if answer is False:
        sys.exit(1)


@cli.command(context_settings=CONTEXT)
@click.option("--format", "fmt", required=True,
              type=click.Choice(["turtle", "ntriples", "nquads", "trig", "jsonld", "graphml", "csv"]),
              help="Output format.")
@click.option("--graph", type=click.Path(path_type=Path), help="Graph file or build folder [default: outputs/].")
@click.option("-o", "--out", type=click.Path(path_type=Path), help="Write to FILE instead of stdout.")
@click.option("--table", type=click.Choice(["triples", "matrix", "programs"]), default="triples", show_default=True,
              help="CSV only: one row per quad, the program × document matrix of compare, or the programs of stats.")
@click.option("--by", type=click.Choice(["place", "year", "level"]), default="place", show_default=True,
              help="CSV matrix only: group the document columns as compare --by does.")
@click.option("--bom", is_flag=True, help="CSV only: start with a UTF-8 byte order mark (for Excel).")
def export(fmt: str, graph: Path | None, out: Path | None, table: str, by: str, bom: bool) -> None:
    """Export the last build's graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD, GraphML or CSV.

    Example:

        hwgraph export --format graphml -o outputs/hwgraph.graphml

        hwgraph export --format jsonld > hwgraph.jsonld

        hwgraph export --format csv --table matrix --bom -o matrix.csv
    """
    from hwgraph.export import export as export_graph

    if fmt != "csv" and (table != "triples" or by != "place" or bom):
        raise click.UsageError("--table, --by and --bom go with --format csv")
    if by != "place" and table != "matrix":
        raise click.UsageError("--by goes with --table matrix")
    data = export_graph(fmt, find_graph(graph), out, table=table, by=by, bom=bom)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        click.echo(f"wrote {out} ({len(data)} bytes)", err=True)


@cli.command(context_settings=CONTEXT)
@click.option("--graph", type=click.Path(path_type=Path), help="Graph file or build folder [default: outputs/].")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback opens the endpoint to your network.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port (0 picks a free one).")
@click.option("--timeout", default=30.0, show_default=True, type=float,
              help="Seconds of execution a query may take (waiting for a slot does not count).")
@click.option("--cors", "cors", multiple=True, metavar="ORIGIN",
              help="Let pages from ORIGIN (e.g. https://app.example) read answers; repeatable. Default: none.")
@click.option("--allow-federation", is_flag=True, help="Run SERVICE clauses (the server then sends requests out).")
@click.option("--max-result", default=64, show_default=True, type=int, metavar="MB",
              help="Largest result sent; a larger one is refused with 413.")
@click.option("--query-memory", "--memory", "memory", default=1024, show_default=True, type=int, metavar="MB",
              cls=_Option, hidden_names=("--memory",),
              help="Memory one query may use beyond the store; past it the query fails with 503.")
@click.option("--store", "store", type=click.Choice(["auto", "memory", "disk"]), default="auto", show_default=True,
              help="Answer from a copy of the graph in memory (queries several times faster; slower start, more "
              "RAM) or from the store on disk; auto: memory for a store of at most 512 MB on disk whose copy "
              "fits in half the free memory.")
@click.option("--backend", type=click.Choice(["hwgraph", "oxigraph-server"]), default="hwgraph", show_default=True,
              help="oxigraph-server: run `oxigraph serve-read-only` on the build's store instead.")
def serve(graph: Path | None, host: str, port: int, timeout: float, cors: tuple[str, ...],
          allow_federation: bool, max_result: int, memory: int, store: str, backend: str) -> None:
    """Serve the last build as a read-only SPARQL 1.1 endpoint on 127.0.0.1 until Ctrl-C.

    Updates, LOAD and SERVICE are refused with 403; each query is bounded in time, memory and
    result size; GET /sparql without a query gives the Service Description. A small build is
    copied into memory at start; --store disk answers from the store where it is (starts at once,
    stays small, long queries take more CPU).

    Example:

        hwgraph serve --port 8000

        curl -g 'http://127.0.0.1:8000/sparql?query=ASK{?s?p?o}'

        hwgraph serve --cors https://app.example --timeout 10

        hwgraph serve --store disk

    (-g: without it curl reads the braces as a pattern of URLs.)
    """
    if backend == "oxigraph-server":
        from hwgraph.serving.oxigraph import oxigraph_command, run

        if not allow_federation:
            raise click.UsageError("the Oxigraph server follows SERVICE to any URL; add --allow-federation to accept that")
        if store == "memory":
            raise click.UsageError("--store memory: the Oxigraph server reads the store on disk")
        command = oxigraph_command(find_graph(graph), host, port, timeout, cors=bool(cors))
        click.echo(f"serving http://{host}:{port}/query with `{' '.join(command)}` (Ctrl-C stops)", err=True)
        sys.exit(run(command))
    from hwgraph.serve import default_limits, make_server

    limits = default_limits(timeout, max_result=max_result << 20, memory=memory << 20)
    server = make_server(find_graph(graph), host=host, port=port, cors=cors, allow_federation=allow_federation,
                         limits=limits, store=store)
    click.echo(f"serving {server.url} (read-only, answering from {server.store_mode}; Ctrl-C stops)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@cli.command(context_settings=CONTEXT)
@click.argument("url")
@click.option("--graph", type=click.Path(path_type=Path), help="Graph file, store or build folder [default: outputs/].")
@click.option("--union/--no-union", default=True, show_default=True,
              help="Also put the union of the graphs into the store's default graph (--no-union for stores "
              "that already query all graphs by default: Virtuoso, GraphDB, --union-default-graph).")
@click.option("--timeout", default=120.0, show_default=True, type=float, help="Seconds to wait for each request.")
@_quiet_option
def push(url: str, graph: Path | None, union: bool, timeout: float, quiet: bool) -> None:
    """Load the last build into a triple store at URL (its SPARQL 1.1 Graph Store endpoint), one
    named graph per document; pushing a rebuild replaces them and deletes graphs no longer built.

    Example:

        oxigraph serve --location db &  hwgraph push http://localhost:7878/store

        hwgraph push http://admin:pw@localhost:3030/hwgraph/data --graph outputs/
    """
    from hwgraph.push import push as push_graph

    report = push_graph(url, find_graph(graph), union=union, timeout=timeout)
    if not quiet:
        click.echo(report.summary(), err=True)


# ---- html (issue 5) ----------------------------------------------------------------------------


@cli.command("html", context_settings=CONTEXT)
@_old_graph_argument
@_graph_option
@click.option(
    "--view",
    type=click.Choice(["corpus", "document", "programs"]),
    default="corpus",
    show_default=True,
    help="corpus: every outline with its programs; document: one outline; programs: no outline.",
)
@click.option("--document", "document", metavar="TITLE", help="The document to draw (its title or part of it).")
@click.option(
    "-o",
    "--out",
    "--output",
    "out",
    cls=_Option,
    hidden_names=("--output",),
    type=click.Path(path_type=Path),
    default="outputs/hwgraph.html",
    show_default=True,
    help="The HTML file to write.",
)
@_quiet_option
def html_view(
    old_graph: Path | None, graph: Path | None, view: str, document: str | None, out: Path, quiet: bool
) -> None:
    """Write the graph (default the last build) as one interactive HTML page that works offline.

    Example:

        hwgraph html

        hwgraph html --view document --document 2022年省卫生健康委工作总结 -o doc.html
    """
    from hwgraph.html import write_html

    found = find_graph(_graph_or_old(graph, old_graph, "html"))
    if found is None:
        raise CouldNotRun("outputs: no build found; run `hwgraph build` first or pass --graph FILE")
    report = write_html(found, out, view=view, document=document)
    if not quiet:
        click.echo(report.summary(), err=True)


# ---- stats / compare (issue 12) ------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
@_graph_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with every number.")
@click.option("--top", default=20, show_default=True, type=int, help="Rows per table in the text output.")
def stats(graph: Path | None, as_json: bool, top: int) -> None:
    """The corpus in numbers: documents by year, level and kind, and every program with the
    documents that use it, its first year, levels and whether the members agree (with entities:
    indicators with their targets, and cited policies).

    Example:

        hwgraph stats

        hwgraph stats --graph outputs/hwgraph.nq --json > stats.json
    """
    from hwgraph.analytics.stats import stats as corpus_stats
    from hwgraph.analytics.stats import stats_text

    result = corpus_stats(graph)
    if as_json:
        _json_out(result.to_json())
    else:
        click.echo(stats_text(result, top=top), nl=False)


@cli.command(context_settings=CONTEXT)
@_graph_option
@click.option("--by", type=click.Choice(["place", "year", "level"]), default="place", show_default=True,
              help="Group the documents of the matrix by issuing place (province), year or level.")
@click.option("-o", "--out", type=click.Path(path_type=Path), default="outputs/compare.html", show_default=True,
              help="The HTML report to write.")
@_quiet_option
def compare(graph: Path | None, by: str, out: Path, quiet: bool) -> None:
    """Write one offline HTML report that compares the documents: a program × document heat map
    (click a cell for the quotes), the diffusion of programs over years and levels, targets side by
    side, the program co-occurrence network with communities and centrality, document similarity.

    Example:

        hwgraph compare

        hwgraph compare --graph outputs --by year -o compare.html
    """
    from hwgraph.analytics.compare import write_compare

    report = write_compare(graph, out, by=by)
    if not quiet:
        click.echo(report.summary(), err=True)


def main() -> None:
    """Console-script entry point."""
    cli()
