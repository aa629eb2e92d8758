"""The command line: ``python -m graph build|evaluate|render``.

Each subcommand parses its options, calls the library and turns a
:class:`~graph.errors.RelateError` into one ``Error: ...`` line on stderr and
exit code 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import RelateError

__all__ = ["main", "make_parser"]

DEFAULT_OUT = Path("data") / "build" / "graph.json"


def _common_build_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="*", default=None, metavar="INPUT",
                   help="article files or folders (default: seeds/)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    p.add_argument("--no-cache", action="store_true", help="parse every article again")
    p.add_argument("--cache", default=None, metavar="PATH",
                   help="extraction cache file (default: data/cache/extractions.sqlite)")
    p.add_argument("--curation", default=None, metavar="PATH",
                   help="analyst curation file (default: data/curation.yaml if present)")
    p.add_argument("--strict-curation", action="store_true",
                   help="fail when a curation action no longer matches the graph")
    p.add_argument("--max-bytes", type=int, default=None, metavar="N",
                   help="skip article files larger than N bytes (default 20 MB)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="spaCy worker processes (default: one per core on large corpora)")
    _max_memory_option(p)
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="run extraction here or on a Dask cluster")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="Dask scheduler address (default: a local cluster)")


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


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m graph",
        description="Relate: who-does-what-to-whom graphs from news articles.",
        epilog="example: python -m graph build seeds --out data/build/graph.json "
        "(then: python -m graph COMMAND --help)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser(
        "build",
        help="build the graph from articles",
        description="Build the graph of every article under the inputs.",
        epilog="example: python -m graph build seeds --out data/build/graph.graphml",
    )
    _common_build_options(b)
    b.add_argument("--out", "-o", default=str(DEFAULT_OUT), metavar="PATH",
                   help="output file: .json, .graphml, .gexf or .csv (default: %(default)s)")

    e = sub.add_parser(
        "evaluate",
        help="score an extraction against gold annotations",
        description="Build from the gold files' articles (or read --graph) and score it.",
        epilog="example: python -m graph evaluate ../shared/gold/seed.json -v",
    )
    e.add_argument("gold", nargs="+", metavar="GOLD", help="gold annotation JSON files")
    e.add_argument("--graph", default=None, metavar="FILE", help="score this graph JSON instead")
    e.add_argument("--verbose", "-v", action="store_true", help="list every miss and extra")
    e.add_argument("--per-article", action="store_true",
                   help="also build and score each gold article on its own")
    e.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    _max_memory_option(e)

    r = sub.add_parser(
        "render",
        help="render a briefing image (PNG, SVG or PDF)",
        description="Render the graph (or a filtered view of it) as a briefing image.",
        epilog="example: python -m graph render --focus Russia --hops 1 --out russia.png",
    )
    _common_build_options(r)
    r.add_argument("--input", action="append", dest="input_dirs", default=None, metavar="DIR",
                   help="articles folder or file (same as a positional INPUT; repeatable)")
    r.add_argument("--graph", default=None, metavar="FILE", help="render this graph file")
    r.add_argument("--out", "-o", required=True, metavar="FILE", help=".png, .svg or .pdf")
    r.add_argument("--focus", default=None, metavar="NAME", help="centre on this entity")
    r.add_argument("--hops", type=int, default=1, metavar="N", help="hops around --focus")
    r.add_argument("--kinds", default=None, metavar="K1,K2", help="entity kinds to show")
    r.add_argument("--relations", default=None, metavar="R1,R2", help="relations to show")
    r.add_argument("--min-evidence", type=int, default=1, metavar="N",
                   help="hide edges with fewer pieces of evidence")
    r.add_argument("--title", default=None, help="image title (default from the filters)")
    r.add_argument("--size", default="1920x1080", metavar="WxH", help="pixels (default %(default)s)")
    r.add_argument("--dpi", type=int, default=150, help="dots per inch (default %(default)s)")
    return parser


def _progress(quiet: bool):
    if quiet or not sys.stderr.isatty():
        return None
    from .build import ProgressBar

    return ProgressBar()


def load_corpus_graph(args: argparse.Namespace):
    """Read the inputs and build the graph as the build options say."""
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
    )


def _report(bar, message: str) -> None:
    """A message on its own line, also while the progress bar is drawn."""
    if bar is not None and bar.shown:
        print(file=sys.stderr)
        bar.shown = 0
    print(message, file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
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
    if args.per_article and not args.graph:
        print("\nper article:")
        for gold, article in zip(golds, articles):
            sc = score_graph(json.loads(json.dumps(graph_to_json_data(build_graph([article])))), [gold])
            fams = " ".join(
                f"{fam}={sc.family(fam)[2]:.2f}" for fam in sc.families
            )
            print(
                f"{Path(gold['_path']).stem:32s} F1={sc.f1:.2f} P={sc.precision:.2f} "
                f"R={sc.recall:.2f} entR={sc.entity_recall:.2f} entP={sc.entity_precision:.2f}  {fams}"
            )
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from .render import render_from_args

    out = render_from_args(args)
    if not args.quiet:
        print(f"briefing image -> {out}", file=sys.stderr)
    return 0


COMMANDS = {"build": cmd_build, "evaluate": cmd_evaluate, "render": cmd_render}


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except RelateError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a file that cannot be read or written: one line, no traceback
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # pragma: no cover
        print("Error: interrupted", file=sys.stderr)
        return 130
