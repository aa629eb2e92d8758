"""The examples in the docstrings of the presentation and curation modules run and
give what they say."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import graph.curate
import graph.render
import graph.view


def _modules() -> list[str]:
    names = ["graph.cli", "graph.edges", "graph.search", "graph.select", "graph.style"]
    for package in (graph.curate, graph.render, graph.view):
        names.append(package.__name__)
        names += [f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)]
    return sorted(names)


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
