"""The command line: help with examples, the build summary, one-line errors, exit codes.

Most tests call ``graph.cli.main`` in-process (the spaCy pipeline is loaded once
per run); one runs ``python -m graph build`` as a real subprocess.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli import main, make_parser
from graph.export import read_graph

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(
    r"^(?P<read>\d+) articles read, (?P<skipped>\d+) skipped(?:, (?P<cached>\d+) from cache)?; "
    r"(?P<nodes>\d+) nodes \((?P<kinds>[^)]*)\); (?P<edges>\d+) edges \((?P<rels>[^)]*)\) "
    r"-> (?P<out>.+)$"
)
SUBCOMMANDS = ["build", "evaluate", "read", "render"]


def _summary(err: str) -> re.Match:
    last = err.strip().splitlines()[-1]
    m = SUMMARY.match(last)
    assert m, err
    return m


def _one_error_line(err: str) -> str:
    lines = [line for line in err.strip().splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("Error: ")]
    assert len(errors) == 1, err
    assert lines[-1] == errors[0], err
    return errors[0]


# --- help -------------------------------------------------------------------------


def test_program_help(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: python -m graph")
    for name in SUBCOMMANDS:
        assert name in out
    assert "example: python -m graph " in " ".join(out.split())


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_subcommand_help_has_an_example(capsys, name):
    with pytest.raises(SystemExit) as exc:
        main([name, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: python -m graph {name}")
    assert f"example: python -m graph {name} " in out
    example = out.split("example: python -m graph ", 1)[1].split()
    assert make_parser().parse_args(example).command == name


def test_a_new_command_is_one_row_of_the_table(monkeypatch, capsys):
    from graph import cli

    def add_options(p):
        p.add_argument("word")

    def run(args):
        print(f"hello {args.word}")
        return 0

    row = cli.Command(
        help="say hello",
        description="Say hello.",
        example="python -m graph hello there",
        add_options=add_options,
        run=run,
    )
    monkeypatch.setitem(cli.COMMANDS, "hello", row)
    assert main(["hello", "there"]) == 0 and capsys.readouterr().out == "hello there\n"
    with pytest.raises(SystemExit):
        main(["hello", "--help"])
    assert "example: python -m graph hello there" in capsys.readouterr().out


def test_every_subcommand_is_tested():
    parser = make_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    assert sorted(action.choices) == sorted(SUBCOMMANDS)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["explode"],
        ["build", "--workers", "many"],
        ["render"],
        ["evaluate"],
        ["build", "--engine", "spark"],
    ],
    ids=[
        "no-command",
        "unknown-command",
        "bad-int",
        "render-needs-out",
        "evaluate-needs-gold",
        "bad-choice",
    ],
)
def test_usage_errors_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: python -m graph")
    assert "error:" in err


# --- build ----------------------------------------------------------------------------


def test_build_writes_graph_and_summary(seed_copy, tmp_path, capsys, nlp):
    out = tmp_path / "out" / "graph.json"
    cache = tmp_path / "cache.sqlite"
    assert main(["build", str(seed_copy), "--out", str(out), "--cache", str(cache)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    m = _summary(captured.err)
    G = read_graph(out)
    assert int(m["read"]) == len(list(seed_copy.glob("*.txt"))) >= 1
    assert m["skipped"] == "0" and m["cached"] is None
    assert int(m["nodes"]) == G.number_of_nodes()
    assert int(m["edges"]) == G.number_of_edges()
    kinds = dict(part.rsplit(" ", 1) for part in m["kinds"].split(", "))
    assert sum(map(int, kinds.values())) == G.number_of_nodes()
    assert set(kinds) <= {"state", "person", "agency", "incident"}
    rels = dict(part.rsplit(" ", 1) for part in m["rels"].split(", "))
    assert sum(map(int, rels.values())) == G.number_of_edges()
    assert Path(m["out"]) == out

    # again: every article comes from the cache, the same graph is written
    assert main(["build", str(seed_copy), "--out", str(out), "--cache", str(cache)]) == 0
    again = _summary(capsys.readouterr().err)
    assert again["cached"] == again["read"]
    assert (again["nodes"], again["edges"]) == (m["nodes"], m["edges"])


def test_build_reports_skipped_files(seed_copy, tmp_path, capsys, nlp):
    (seed_copy / "empty.txt").write_text("", encoding="utf-8")
    (seed_copy / "notes.pdf").write_bytes(b"%PDF-1.4")
    out = tmp_path / "graph.gexf"
    assert main(["build", str(seed_copy), "--out", str(out), "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "empty.txt" in err
    m = _summary(err)
    assert int(m["skipped"]) >= 1
    assert out.is_file()


def test_build_quiet_prints_nothing(seed_copy, tmp_path, capsys, nlp):
    out = tmp_path / "graph.graphml"
    assert main(["build", str(seed_copy), "--out", str(out), "--no-cache", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert read_graph(out).number_of_nodes() > 0


@pytest.mark.parametrize("name", ["graph.xlsx", "graph", "graph.txt"])
def test_build_unknown_suffix(seed_copy, tmp_path, capsys, nlp, name):
    out, cache = tmp_path / name, tmp_path / "cache.sqlite"
    assert main(["build", str(seed_copy), "--out", str(out), "--cache", str(cache)]) == 1
    line = _one_error_line(capsys.readouterr().err)
    assert str(out) in line
    assert ".json, .graphml, .gexf, .csv" in line
    assert not out.exists()
    assert not cache.exists()  # it failed before reading any article


def test_build_unwritable_output(seed_copy, tmp_path, capsys, nlp):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["build", str(seed_copy), "--out", str(blocker / "g.json"), "--no-cache"]) == 1
    line = _one_error_line(capsys.readouterr().err)
    assert str(blocker) in line
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_build_keeps_the_old_output_when_nothing_is_read(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "graph.json"
    out.write_text("previous", encoding="utf-8")
    assert main(["build", str(empty), "--out", str(out), "--no-cache"]) == 1
    line = _one_error_line(capsys.readouterr().err)
    assert str(empty) in line
    assert out.read_text(encoding="utf-8") == "previous"


def test_build_missing_input(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    assert main(["build", str(missing), "--out", str(tmp_path / "g.json"), "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert str(missing) in _one_error_line(err)
    assert not (tmp_path / "g.json").exists()


def test_build_as_a_subprocess(tmp_path):
    out = tmp_path / "graph.graphml"
    proc = subprocess.run(
        [sys.executable, "-m", "graph", "build", "seeds", "--no-cache", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    m = _summary(proc.stderr)
    assert Path(m["out"]) == out
    G = read_graph(out)
    assert G.number_of_nodes() == int(m["nodes"]) > 0
    assert G.number_of_edges() == int(m["edges"]) > 0


def test_subprocess_error_is_one_line(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "graph", "evaluate", str(tmp_path / "absent.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1
    assert proc.stderr.startswith("Error: ") and "absent.json" in proc.stderr
    assert "Traceback" not in proc.stderr


# --- evaluate and render, the parts not covered elsewhere --------------------------------


def test_evaluate_reads_any_graph_format(seed_graph, tmp_path, capsys, shared_dir):
    from graph.export import write_graph

    gold = shared_dir / "gold" / "seed.json"
    lines = set()
    for suffix in (".json", ".graphml", ".gexf", ".csv"):
        path = write_graph(seed_graph, tmp_path / f"graph{suffix}")
        if suffix == ".csv":
            path = tmp_path / "graph.csv"
        assert main(["evaluate", "--graph", str(path), str(gold)]) == 0
        lines.add(capsys.readouterr().out)
    assert len(lines) == 1


def test_evaluate_missing_graph_file(tmp_path, capsys, shared_dir):
    gold = shared_dir / "gold" / "seed.json"
    for name in ("absent.json", "absent.graphml"):
        path = tmp_path / name
        assert main(["evaluate", "--graph", str(path), str(gold)]) == 1
        assert str(path) in _one_error_line(capsys.readouterr().err)
