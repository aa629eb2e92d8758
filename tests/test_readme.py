"""The README's commands work: this file fails when they break or drift from the CLI.

The README opens with two fenced bash blocks, the install-and-run command and the
install-and-test command; ``.ci/run`` runs exactly the second. Every
``python -m graph ...`` line in a fenced block must parse with the real argument
parser, and runs (with its output sent to a temporary folder).
"""

from __future__ import annotations

import glob
import re
import shlex
from pathlib import Path

import pytest

from graph.cli import main, make_parser

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks(lang: str = "bash") -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [body for kind, body in FENCE.findall(text) if kind == lang]


def _lines(block: str) -> list[str]:
    return [line.strip() for line in block.splitlines() if line.strip()]


def _graph_commands() -> list[list[str]]:
    """Every ``python -m graph`` line of a fenced bash block, as argv after ``graph``."""
    out = []
    for block in _blocks():
        for line in _lines(block):
            words = shlex.split(line, comments=True)
            for i in range(len(words) - 1):
                if words[i] == "-m" and words[i + 1] == "graph":
                    out.append(words[i + 2 :])
                    break
    return out


def _subcommands() -> list[str]:
    parser = make_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


def test_first_block_installs_and_opens_the_app():
    first = _lines(_blocks()[0])
    assert len(first) == 1
    command = first[0]
    assert command.startswith("python3 -m venv .venv && ")
    assert ".venv/bin/pip install" in command and "-r requirements.txt" in command
    assert command.endswith(".venv/bin/streamlit run app.py")
    assert (ROOT / "app.py").is_file()


def test_second_block_installs_and_runs_the_tests():
    second = _lines(_blocks()[1])
    assert len(second) == 1
    command = second[0]
    assert command.startswith("python3 -m venv .venv && ")
    assert "-r requirements.txt" in command
    assert command.endswith(".venv/bin/python -m pytest -q -rs")  # skips show their reason


def test_ci_runs_exactly_the_readme_test_command():
    command = _lines(_blocks()[1])[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    runs = [
        line.strip()
        for line in ci.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert runs.count(command) == 1
    after = runs[runs.index(command) + 1 :]  # then only the linters, over the whole tree
    assert after == [".venv/bin/ruff check .", ".venv/bin/ruff format --check ."]


def test_requirements_hold_what_the_commands_run():
    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8").lower()
    names = {
        re.split(r"[=<>~!\[ ;]", line.strip(), maxsplit=1)[0]
        for line in pins.splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {"streamlit", "pytest", "spacy", "networkx"} <= names


def test_readme_documents_graph_commands():
    commands = _graph_commands()
    assert {argv[0] for argv in commands} >= {"build", "evaluate"}


@pytest.mark.parametrize("argv", _graph_commands(), ids=lambda a: " ".join(a))
def test_documented_command_parses(argv):
    args = make_parser().parse_args(argv)
    assert args.command == argv[0]


@pytest.mark.parametrize("name", _subcommands())
def test_every_subcommand_is_documented(name):
    assert name in {argv[0] for argv in _graph_commands()}


def _redirected(argv: list[str], tmp_path: Path) -> list[str]:
    """The command with its output in tmp_path and its cache there too."""
    # the shell expands globs before the program sees them
    argv = [m for a in argv for m in (sorted(glob.glob(a)) if "*" in a else [a])]
    for flag in ("--out", "-o"):
        if flag in argv:
            i = argv.index(flag)
            argv[i + 1] = str(tmp_path / Path(argv[i + 1]).name)
    if argv[0] == "build":
        argv += ["--cache", str(tmp_path / "cache.sqlite")]
    return argv


@pytest.mark.parametrize(
    "argv",
    [a for a in _graph_commands() if a[0] in ("build", "evaluate")],
    ids=lambda a: " ".join(a),
)
def test_documented_command_runs(argv, tmp_path, monkeypatch, capsys, nlp):
    if any(word.startswith("../shared") for word in argv) and not (ROOT.parent / "shared").is_dir():
        pytest.skip("../shared is not beside the project")
    monkeypatch.chdir(ROOT)
    assert main(_redirected(argv, tmp_path)) == 0, capsys.readouterr().err
    captured = capsys.readouterr()
    if argv[0] == "build":
        outs = [
            p
            for p in tmp_path.iterdir()
            if p.name != "cache.sqlite" and not p.name.startswith("cache.sqlite")
        ]
        assert outs, captured.err
        assert "articles read" in captured.err
    else:
        assert any(line.startswith("relations F1=") for line in captured.out.splitlines())
