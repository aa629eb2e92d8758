"""The command line: ``python -m graph build|evaluate|read|render``.

Each subcommand parses its options, calls the library and turns a
:class:`~graph.errors.RelateError` into one ``Error: ...`` line on stderr and
exit code 1.

The subcommands are the rows of :data:`COMMANDS`: a new one is a function adding
its options, a function running it, and one row.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import RelateError

if TYPE_CHECKING:  # the build is imported only when a command needs it
    from .build import BuildResult

__all__ = ["COMMANDS", "Command", "load_corpus_graph", "main", "make_parser", "render_from_args"]

DEFAULT_OUT = Path("data") / "build" / "graph.json"


@dataclass(frozen=True)
class Command:
    """One subcommand: its help line, description, usage example, options and runner."""

    help: str
    description: str
    example: str
    add_options: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


# ------------------------------------------------------------------ options
def _common_build_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "inputs",
        nargs="*",
        default=None,
        metavar="INPUT",
        help="article files or folders (default: seeds/)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    p.add_argument("--no-cache", action="store_true", help="parse every article again")
    p.add_argument(
        "--cache",
        default=None,
        metavar="PATH",
        help="extraction cache file (default: data/cache/extractions.sqlite)",
    )
    p.add_argument(
        "--curation",
        default=None,
        metavar="PATH",
        help="analyst curation file (default: data/curation.yaml if present)",
    )
    p.add_argument(
        "--strict-curation",
        action="store_true",
        help="fail when a curation action no longer matches the graph",
    )
    p.add_argument(
        "--max-bytes",
        type=int,
        default=None,
        metavar="N",
        help="skip article files larger than N bytes (default 20 MB)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="spaCy worker processes (default: one per core on large corpora)",
    )
    p.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="run extraction here or on a Dask cluster",
    )
    p.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="Dask scheduler address (default: a local cluster)",
    )
    _max_memory_option(p)
    _columns_option(p)


def _max_memory_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--max-memory",
        default=None,
        metavar="SIZE",
        help="memory budget of the build, e.g. 2G or 1500M; an article that would "
        "go over it is skipped (default: 75%% of the machine's memory less 512 MB)",
    )


def _max_memory(args: argparse.Namespace) -> int | None:
    from .memory import parse_size

    value = getattr(args, "max_memory", None)
    return None if value is None else parse_size(value)


def _columns_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--columns",
        default=None,
        metavar="FIELD=COLUMN,...",
        help="corpus-table columns to use, e.g. text=story,date=day (fields: text, "
        "title, date, outlet, url, author)",
    )


def _read_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="PATH", help="document files or folders")
    p.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per document and line: path, title, date, outlet, "
        "url, author, format, id, text",
    )
    p.add_argument(
        "--max-bytes",
        type=int,
        default=None,
        metavar="N",
        help="skip files larger than N bytes (default 20 MB)",
    )
    _columns_option(p)


def _build_options(p: argparse.ArgumentParser) -> None:
    _common_build_options(p)
    p.add_argument(
        "--out",
        "-o",
        default=str(DEFAULT_OUT),
        metavar="PATH",
        help="output file: .json, .graphml, .gexf or .csv (default: %(default)s)",
    )


def _evaluate_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold", nargs="+", metavar="GOLD", help="gold annotation JSON files")
    p.add_argument("--graph", default=None, metavar="FILE", help="score this graph JSON instead")
    p.add_argument("--verbose", "-v", action="store_true", help="list every miss and extra")
    p.add_argument(
        "--explain",
        action="store_true",
        help="for each miss, its sentence and the first step that lost it (entity missing, "
        "wrong direction, other relation, other ends, coreference, no frame); for each "
        "extra, the sentences it came from",
    )
    p.add_argument(
        "--per-article",
        action="store_true",
        help="also build and score each gold article on its own",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    _max_memory_option(p)


def _render_options(p: argparse.ArgumentParser) -> None:
    _common_build_options(p)
    p.add_argument(
        "--input",
        action="append",
        dest="input_dirs",
        default=None,
        metavar="DIR",
        help="articles folder or file (same as a positional INPUT; repeatable)",
    )
    p.add_argument("--graph", default=None, metavar="FILE", help="render this graph file")
    p.add_argument("--out", "-o", required=True, metavar="FILE", help=".png, .svg or .pdf")
    p.add_argument("--focus", default=None, metavar="NAME", help="centre on this entity")
    p.add_argument("--hops", type=int, default=1, metavar="N", help="hops around --focus")
    p.add_argument("--kinds", default=None, metavar="K1,K2", help="entity kinds to show")
    p.add_argument("--relations", default=None, metavar="R1,R2", help="relations to show")
    p.add_argument(
        "--min-evidence",
        type=int,
        default=1,
        metavar="N",
        help="hide edges with fewer pieces of evidence",
    )
    p.add_argument(
        "--show-isolated",
        action="store_true",
        help="keep entities the filters leave unconnected (hidden above 40 entities)",
    )
    p.add_argument("--title", default=None, help="image title (default from the filters)")
    p.add_argument(
        "--size", default="1920x1080", metavar="WxH", help="pixels (default %(default)s)"
    )
    p.add_argument("--dpi", type=int, default=150, help="dots per inch (default %(default)s)")


# ------------------------------------------------------------------ running
def _progress(quiet: bool) -> Callable[[int, int], None] | None:
    if quiet or not sys.stderr.isatty():
        return None
    from .build import ProgressBar

    return ProgressBar()


def load_corpus_graph(args: argparse.Namespace) -> BuildResult:
    """Read the inputs and build the graph as the build options say.

    Returns
    -------
    graph.build.BuildResult : the graph, the articles read and the files skipped.
    """
    from .pipeline import build_corpus

    inputs = args.inputs or ["seeds"]
    bar = _progress(args.quiet)
    return build_corpus(
        inputs,
        cache_path=None if args.no_cache else (args.cache or "default"),
        curation_path=args.curation,
        strict_curation=getattr(args, "strict_curation", False),
        max_bytes=args.max_bytes,
        n_process=args.workers,
        engine=args.engine,
        scheduler=args.scheduler,
        progress=bar,
        on_piece=bar.on_piece if bar else None,
        max_memory=_max_memory(args),
        report=lambda msg: _report(bar, msg),
        columns=_columns(args),
    )


def _report(bar, message: str) -> None:
    """A message on its own line, also while the progress bar is drawn."""
    if bar is not None and bar.shown:
        print(file=sys.stderr)
        bar.shown = 0
    print(message, file=sys.stderr)


def _columns(args: argparse.Namespace) -> dict[str, str] | None:
    from .ingest.table import parse_columns

    return parse_columns(args.columns) if getattr(args, "columns", None) else None


def cmd_build(args: argparse.Namespace) -> int:
    """``build``: write the graph of the inputs and print a one-line summary."""
    from .build import summarize_graph
    from .export import _suffix, write_graph

    _suffix(Path(args.out))  # an unknown output format fails before any article is parsed
    result = load_corpus_graph(args)
    out = write_graph(result.graph, args.out)
    if not args.quiet:
        s = summarize_graph(result.graph)
        kinds = ", ".join(f"{k} {v}" for k, v in s["kinds"].items())
        rels = ", ".join(f"{k} {v}" for k, v in s["relations"].items())
        print(
            f"{len(result.articles)} articles read, {len(result.problems)} skipped"
            f"{f', {result.cached} from cache' if result.cached else ''}; "
            f"{s['nodes']} nodes ({kinds}); {s['edges']} edges ({rels}) -> {out}",
            file=sys.stderr,
        )
    return 0


def _gold_article(gold: dict) -> Path:
    base = Path(gold["_path"]).resolve().parent
    for field in ("article", "source"):
        value = gold.get(field)
        if not value or "://" in str(value):
            continue
        for root in (base, base.parent, Path.cwd()):
            candidate = (root / value).resolve()
            if candidate.is_file():
                return candidate
    raise RelateError(f"{gold['_path']}: cannot find the article it annotates")


def cmd_evaluate(args: argparse.Namespace) -> int:
    """``evaluate``: score a graph (built from the gold files' articles) against gold."""
    from .build import build_graph
    from .evaluate import format_score, load_gold, score_graph
    from .export import graph_to_json_data, read_graph
    from .ingest import Problem, read_article

    golds = load_gold(args.gold)
    if args.graph:
        G = read_graph(args.graph)
    else:
        articles = [read_article(_gold_article(g)) for g in golds]
        bar = _progress(args.quiet)
        G = build_graph(
            articles,
            progress=bar,
            on_piece=bar.on_piece if bar else None,
            on_skipped=lambda a, reason: _report(bar, f"skipped {Problem(a.path, reason)}"),
            max_memory=_max_memory(args),
        )
    data = json.loads(json.dumps(graph_to_json_data(G)))
    print(format_score(score_graph(data, golds), verbose=args.verbose))
    if args.explain:
        from .explain import explain

        print("\nwhy:")
        for line in explain(data, golds):
            print(f"  {line}")
    if args.per_article and not args.graph:
        print("\nper article:")
        for gold, article in zip(golds, articles):
            one = graph_to_json_data(build_graph([article]))
            sc = score_graph(json.loads(json.dumps(one)), [gold])
            fams = " ".join(f"{fam}={sc.family(fam)[2]:.2f}" for fam in sc.families)
            print(
                f"{Path(gold['_path']).stem:32s} F1={sc.f1:.2f} P={sc.precision:.2f} "
                f"R={sc.recall:.2f} entR={sc.entity_recall:.2f} "
                f"entP={sc.entity_precision:.2f}  {fams}"
            )
    return 0


def render_from_args(args: argparse.Namespace) -> Path:
    """The ``render`` subcommand's work: check the options, build (or read ``--graph``),
    filter, draw and write; returns the image's path."""
    from .render import image_format, parse_names, parse_size, render
    from .vocab import load_vocab

    vocab = load_vocab()
    kinds = parse_names(args.kinds, vocab.kinds, "kind")
    relations = parse_names(args.relations, vocab.relations, "relation")
    size = parse_size(args.size)
    image_format(Path(args.out))
    if args.hops < 0:
        raise RelateError(f"--hops {args.hops} must be 0 or more")
    extra = getattr(args, "input_dirs", None) or []
    if args.graph and (args.inputs or extra):
        raise RelateError(
            "--graph and INPUT/--input cannot be used together: render one or the other"
        )
    n_articles = None
    if args.graph:
        from .export import read_graph

        if not Path(args.graph).is_file():
            raise RelateError(f"{args.graph}: no such graph file")
        G = read_graph(args.graph)
    else:
        if extra:
            args.inputs = [*(args.inputs or []), *extra]
        result = load_corpus_graph(args)
        G = result.graph
        n_articles = len(result.articles)
    return render(
        G,
        args.out,
        focus=args.focus,
        hops=args.hops,
        kinds=kinds,
        relations=relations,
        min_evidence=args.min_evidence,
        title=args.title,
        size=size,
        dpi=args.dpi,
        n_articles=n_articles,
        hide_isolated=False if args.show_isolated else None,
    )


def cmd_render(args: argparse.Namespace) -> int:
    """``render``: write the briefing image of the graph or of a filtered view of it."""
    out = render_from_args(args)
    if not args.quiet:
        print(f"briefing image -> {out}", file=sys.stderr)
    return 0


def cmd_read(args: argparse.Namespace) -> int:
    """``read``: print each document's metadata and the exact text Relate analyses."""
    from .errors import InputError
    from .ingest import display_name, read_articles

    if args.max_bytes is not None and args.max_bytes <= 0:
        raise InputError(f"--max-bytes must be a positive number of bytes, not {args.max_bytes}")
    corpus = read_articles(args.inputs, max_bytes=args.max_bytes, columns=_columns(args))
    for problem in corpus.problems:
        print(f"skipped {problem}", file=sys.stderr)
    for a in corpus.articles:
        if args.json:
            row = {
                "path": a.path,
                "title": a.title,
                "date": a.date,
                "outlet": a.outlet,
                "url": a.url,
                "author": a.author,
                "format": a.format,
                "id": a.id,
                "text": a.text,
            }
            print(json.dumps(row, ensure_ascii=False))
            continue
        print(f"== {display_name(a.path)}")
        for field in ("title", "date", "outlet", "url", "author"):
            print(f"{field + ':':8}{getattr(a, field) or '-'}")
        print(f"{'format:':8}{a.format} (id {a.id}, {len(a.text):,} characters)\n")
        print(a.text.rstrip("\n"), end="\n\n")
    if not corpus.articles:
        names = ", ".join(display_name(p) for p in args.inputs)
        raise InputError(f"no document could be read from {names}")
    return 0


# ------------------------------------------------------------------ the table
COMMANDS: dict[str, Command] = {
    "build": Command(
        help="build the graph from articles",
        description="Build the graph of every article under the inputs.",
        example="python -m graph build seeds --out data/build/graph.graphml",
        add_options=_build_options,
        run=cmd_build,
    ),
    "evaluate": Command(
        help="score an extraction against gold annotations",
        description="Build from the gold files' articles (or read --graph) and score it.",
        example="python -m graph evaluate ../shared/gold/seed.json -v",
        add_options=_evaluate_options,
        run=cmd_evaluate,
    ),
    "read": Command(
        help="show each document's metadata and the exact text Relate analyses",
        description="Read documents as build does and print, for each, its metadata and "
        "the exact text that is analysed (to check a surprising result).",
        example="python -m graph read --json saved/page.html report.pdf",
        add_options=_read_options,
        run=cmd_read,
    ),
    "render": Command(
        help="render a briefing image (PNG, SVG or PDF)",
        description="Render the graph (or a filtered view of it) as a briefing image.",
        example="python -m graph render --focus Russia --hops 1 --out russia.png",
        add_options=_render_options,
        run=cmd_render,
    ),
}


def make_parser() -> argparse.ArgumentParser:
    """The argument parser: one subparser per row of :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="python -m graph",
        description="Relate: who-does-what-to-whom graphs from news articles.",
        epilog="example: python -m graph build seeds --out data/build/graph.json "
        "(then: python -m graph COMMAND --help)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, command in COMMANDS.items():
        p = sub.add_parser(
            name,
            help=command.help,
            description=command.description,
            epilog=f"example: {command.example}",
        )
        command.add_options(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; a Relate or file error is one ``Error:`` line and exit 1.

    >>> main(["render", "--graph", "absent.json", "--out", "x.gif"])
    1
    """
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command].run(args)
    except RelateError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a file that cannot be read or written: one line, no traceback
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # pragma: no cover
        print("Error: interrupted", file=sys.stderr)
        return 130
