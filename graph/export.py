"""Write and read the graph in the formats analysts open: node-link JSON, GraphML,
GEXF and CSV.

``write_graph(G, path)`` picks the writer from the file's suffix. Every writer
goes through :func:`atomic_write`: the file is written whole to a temporary
file beside the target, then renamed over it, so an interrupted build leaves
the previous output intact. The two CSV tables go through
:func:`atomic_write_many`: both are written before either replaces its old
file, and a failure on the way puts the old pair back.

What each format cannot hold:

- **JSON** (networkx node-link data, edges under ``edges``) keeps everything:
  lists, the evidence dicts, the edge key.
- **GraphML** and **GEXF** hold only scalar attributes: lists of strings are
  joined with ``" | "``, and the evidence list is stored as a JSON string in
  ``evidence`` (plus ``evidence_count``). GEXF nodes also carry ``viz`` colour and
  shape from ``data/vocab/kinds.yaml`` so the file opens styled in Gephi. GraphML
  keeps a node's ``id`` only as the node element's id (a second ``id`` attribute made
  igraph warn); :func:`read_graphml` puts it back.
- **CSV** writes two tables, ``<name>.nodes.csv`` and ``<name>.edges.csv``
  (the path given names the edges file's stem), flattened as for GraphML; one
  row per piece of evidence is not used: evidence stays a JSON string per edge.
  Both tables end with a ``build`` column holding one id, a hash of the pair's
  content, and :func:`read_csv` refuses tables from two different writes. (An
  empty table carries no id and cannot be checked.)
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from .errors import RelateError
from .style import kind_style, relation_style

__all__ = [
    "SUFFIXES",
    "atomic_write",
    "atomic_write_many",
    "generate_csv",
    "generate_gexf",
    "generate_graphml",
    "graph_from_json_data",
    "graph_to_json_data",
    "read_csv",
    "read_gexf",
    "read_graph",
    "read_graphml",
    "read_json",
    "write_csv",
    "write_gexf",
    "write_graph",
    "write_graphml",
    "write_json",
]

LIST_SEP = " | "


def _remove_stale_temps(path: Path) -> None:
    """Delete ``.<name>.<pid>.*.tmp`` files beside path left by writers that were killed
    (their process no longer exists); a live writer's file is never touched."""
    import glob

    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = tmp.name[len(path.name) + 2 :].split(".", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            try:
                tmp.unlink()
            except OSError:
                pass
        except OSError:  # alive, owned by someone else
            pass


def _stage(path: Path, data: bytes | str) -> str:
    """Write data whole, synced, to a new temporary file beside path; returns its name.

    The temporary file's name carries the writer's process id, so a later write
    removes what a killed writer left; it takes the permissions of the file it
    will replace.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    _remove_stale_temps(path)
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o644  # mkstemp's 0600 would hide a shared graph file from colleagues
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
    )
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(path: str | Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def atomic_write(path: str | Path, data: bytes | str) -> Path:
    """Write data to path whole, or not at all (temporary file, then rename).

    The temporary file's name carries the writer's process id, so a later write
    removes what a killed writer left; a replaced file keeps its permissions.
    """
    path = Path(path)
    tmp = _stage(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise
    return path


def _keep_aside(path: Path) -> str | None:
    """A second name for path's current file (a hard link, else a copy), or None."""
    if not path.exists():
        return None
    fd, aside = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
    )
    os.close(fd)
    os.unlink(aside)
    try:
        os.link(path, aside)
    except OSError:  # a file system without hard links
        import shutil

        shutil.copy2(path, aside)
    return aside


def atomic_write_many(files: Sequence[tuple[str | Path, bytes | str]]) -> list[Path]:
    """Write several files as one: all of them, or, on any error, none.

    Every file is first written whole to a temporary file beside its target; only
    then are they renamed into place, one after the other. If writing or renaming
    fails, the files already replaced get their old content back and the
    temporary files are removed. (A machine that stops between two renames leaves
    a mixed set; :func:`read_csv` tells by the build id.)

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in atomic_write_many([(d / "a.csv", "x"), (d / "b.csv", "y")])]
    ['a.csv', 'b.csv']
    """
    targets = [Path(p) for p, _ in files]
    staged: list[str] = []
    aside: list[str | None] = []
    replaced = 0
    try:
        for path, (_, data) in zip(targets, files):
            staged.append(_stage(path, data))
        for path in targets:
            aside.append(_keep_aside(path))
        for path, tmp in zip(targets, staged):
            os.replace(tmp, path)
            replaced += 1
    except BaseException:
        for path, old in list(zip(targets, aside))[:replaced]:
            if old is None:
                _unlink(path)
            else:
                os.replace(old, path)
        for tmp in staged[replaced:]:
            _unlink(tmp)
        raise
    finally:
        for old in aside:  # those moved back are gone already
            if old is not None and os.path.lexists(old):
                _unlink(old)
    return targets


# ------------------------------------------------------------------ JSON
def graph_to_json_data(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Node-link data with edges under ``edges``."""
    return nx.node_link_data(G, edges="edges")


def graph_from_json_data(data: dict[str, Any]) -> nx.MultiDiGraph:
    key = "edges" if "edges" in data else "links"
    G = nx.node_link_graph(data, directed=True, multigraph=True, edges=key)
    for n, attrs in G.nodes(data=True):  # node-link keeps the id only as the node's key
        attrs["id"] = n
    return G


def write_json(G: nx.MultiDiGraph, path: str | Path) -> Path:
    text = json.dumps(graph_to_json_data(G), ensure_ascii=False, indent=1, sort_keys=True)
    return atomic_write(path, text + "\n")


def read_json(path: str | Path) -> nx.MultiDiGraph:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RelateError(f"{path}: cannot read graph JSON ({exc})") from None
    if not isinstance(data, dict) or "nodes" not in data:
        raise RelateError(f"{path}: not a node-link graph (no 'nodes')")
    return graph_from_json_data(data)


# ------------------------------------------------------------------ flattening
def _flat_value(value: Any) -> Any:
    if isinstance(value, (bool, int, float)):
        return value
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        if all(isinstance(v, str) for v in value):
            return LIST_SEP.join(value)
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def flatten_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of G whose attributes are all scalars (for GraphML, GEXF, CSV)."""
    H = nx.MultiDiGraph()
    for n, data in G.nodes(data=True):
        H.add_node(n, **{k: _flat_value(v) for k, v in data.items() if k != "viz"})
    for s, t, k, data in G.edges(keys=True, data=True):
        flat = {a: _flat_value(v) for a, v in data.items()}
        flat["evidence_count"] = len(data.get("evidence") or [])
        H.add_edge(s, t, key=k, **flat)
    return H


def _unflatten_node(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for key in ("aliases", "documents", "merged_from", "merged_labels", "curation_notes"):
        if isinstance(out.get(key), str):
            out[key] = [v for v in out[key].split(LIST_SEP) if v]
    return out


def _unflatten_edge(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    if isinstance(out.get("evidence"), str) and out["evidence"].startswith("["):
        out["evidence"] = json.loads(out["evidence"])
    for key in ("documents", "sources", "curation_notes"):
        if isinstance(out.get(key), str):
            out[key] = [v for v in out[key].split(LIST_SEP) if v]
    out.pop("evidence_count", None)
    return out


def _unflatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    for n, data in G.nodes(data=True):
        H.add_node(n, **_unflatten_node(data))
    for s, t, k, data in G.edges(keys=True, data=True):
        H.add_edge(s, t, key=data.get("relation", k), **_unflatten_edge(data))
    return H


# ------------------------------------------------------------------ GraphML
def _without_node_ids(H: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Drop the ``id`` node attribute, which repeats the node's own id: GraphML stores that
    as the node element's ``id``, and igraph warns about a second ``id``."""
    for _, data in H.nodes(data=True):
        data.pop("id", None)
    return H


def generate_graphml(G: nx.MultiDiGraph) -> str:
    buf = io.BytesIO()
    nx.write_graphml(_without_node_ids(flatten_graph(G)), buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> Path:
    return atomic_write(path, generate_graphml(G))


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    H = nx.read_graphml(path, force_multigraph=True)
    G = _unflatten(nx.MultiDiGraph(H))
    for n, data in G.nodes(data=True):  # the node's id is the element's id (see generate_graphml)
        data.setdefault("id", n)
    return G


# ------------------------------------------------------------------ GEXF
def _hex_rgb(colour: str) -> dict[str, int]:
    colour = colour.lstrip("#")
    return {
        "r": int(colour[0:2], 16),
        "g": int(colour[2:4], 16),
        "b": int(colour[4:6], 16),
        "a": 1.0,
    }


_GEXF_SHAPES = {"dot": "disc", "square": "square", "diamond": "diamond", "triangle": "triangle"}


def generate_gexf(G: nx.MultiDiGraph) -> str:
    H = flatten_graph(G)
    for n, data in H.nodes(data=True):
        kind = kind_style(data.get("kind", ""))  # the app's colours (graph.style)
        if kind.known:
            size = 10.0 + 4.0 * min(G.degree(n), 10)
            data["viz"] = {
                "color": _hex_rgb(kind.colour),
                "size": size,
                "shape": _GEXF_SHAPES.get(kind.shape, "disc"),
            }
    for s, t, k, data in H.edges(keys=True, data=True):
        spec = relation_style(data.get("relation", ""))
        if spec.known:
            data["viz"] = {"color": _hex_rgb(spec.colour), "thickness": float(spec.width)}
    buf = io.BytesIO()
    nx.write_gexf(H, buf, encoding="utf-8", version="1.2draft")
    return buf.getvalue().decode("utf-8")


def write_gexf(G: nx.MultiDiGraph, path: str | Path) -> Path:
    return atomic_write(path, generate_gexf(G))


def read_gexf(path: str | Path) -> nx.MultiDiGraph:
    H = nx.read_gexf(path)
    out = nx.MultiDiGraph()
    for n, data in H.nodes(data=True):
        data = {k: v for k, v in data.items() if k not in ("viz",)}
        if "label" in data and "id" not in data:
            data["id"] = n
        out.add_node(n, **_unflatten_node(data))
    edges = (
        H.edges(keys=True, data=True)
        if H.is_multigraph()
        else ((s, t, None, d) for s, t, d in H.edges(data=True))
    )
    for s, t, k, data in edges:
        data = {a: v for a, v in data.items() if a not in ("viz", "id")}
        out.add_edge(s, t, key=data.get("relation", k), **_unflatten_edge(data))
    return out


# ------------------------------------------------------------------ CSV
NODE_COLUMNS = ["id", "label", "kind", "role", "aliases", "mentions", "documents"]
EDGE_COLUMNS = [
    "source",
    "target",
    "relation",
    "modality",
    "rule",
    "confidence",
    "date",
    "evidence_count",
    "documents",
    "sources",
    "evidence",
]


BUILD_COLUMN = "build"


def _csv_text(rows: list[dict[str, Any]], columns: list[str], build: str | None = None) -> str:
    buf = io.StringIO()
    extra = sorted({k for r in rows for k in r} - set(columns) - {BUILD_COLUMN})
    fields = columns + extra + ([BUILD_COLUMN] if build else [])
    writer = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, BUILD_COLUMN: build} if build else row)
    return buf.getvalue()


def generate_csv(G: nx.MultiDiGraph) -> tuple[str, str]:
    """The (nodes, edges) tables as CSV text, both stamped with the same build id.

    The id is a hash of the two tables, so the same graph always gives the same
    bytes and a pair can be checked: see :func:`read_csv`.
    """
    H = flatten_graph(G)
    nodes = [{"id": n, **d} for n, d in H.nodes(data=True)]
    edges = [{"source": s, "target": t, **d} for s, t, d in H.edges(data=True)]
    plain = _csv_text(nodes, NODE_COLUMNS) + "\0" + _csv_text(edges, EDGE_COLUMNS)
    build = hashlib.sha256(plain.encode("utf-8")).hexdigest()[:16]
    return _csv_text(nodes, NODE_COLUMNS, build), _csv_text(edges, EDGE_COLUMNS, build)


def csv_paths(path: str | Path) -> tuple[Path, Path]:
    path = Path(path)
    stem = path.name.removesuffix(".csv")
    return path.with_name(f"{stem}.nodes.csv"), path.with_name(f"{stem}.edges.csv")


def write_csv(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``<stem>.nodes.csv`` and ``<stem>.edges.csv`` as a pair (both or neither,
    :func:`atomic_write_many`); returns the edges path."""
    nodes_text, edges_text = generate_csv(G)
    nodes_path, edges_path = csv_paths(path)
    atomic_write_many([(nodes_path, nodes_text), (edges_path, edges_text)])
    return edges_path


def _csv_value(value: str, column: str = "") -> Any:
    if column == "confidence" and value:
        return float(value)
    if value.isdigit() and column not in ("aliases", "documents", "sources"):
        return int(value)
    if value in ("True", "False"):  # curated marks
        return value == "True"
    return value


def _read_table(path: Path) -> tuple[list[dict[str, str]], set[str] | None]:
    """The rows of a CSV table without the build column, and the build ids it holds
    (None for a table written before tables were stamped)."""
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            rows = list(reader)
            stamped = BUILD_COLUMN in (reader.fieldnames or [])
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise RelateError(f"{path}: cannot read CSV table ({exc})") from None
    if not stamped:
        return rows, None
    return rows, {row.pop(BUILD_COLUMN) or "" for row in rows}


def read_csv(path: str | Path) -> nx.MultiDiGraph:
    """Read the pair written by :func:`write_csv` (``path`` names either file's stem).

    Raises
    ------
    RelateError
        When a table cannot be read, or the two tables come from different writes
        (their build ids differ), as when one of them was replaced by hand.
    """
    nodes_path, edges_path = csv_paths(path)
    node_rows, node_builds = _read_table(nodes_path)
    edge_rows, edge_builds = _read_table(edges_path)
    stamps = [b for b in (node_builds, edge_builds) if b]  # an empty table has no id
    if (node_builds is None) != (edge_builds is None) or len(set().union(*stamps)) > 1:
        ids = " and ".join(",".join(sorted(b or {"none"})) for b in (node_builds, edge_builds))
        raise RelateError(
            f"{nodes_path.name} and {edges_path.name} are not one pair: they come from "
            f"different writes (build {ids}); write the graph again"
        )
    G = nx.MultiDiGraph()
    for row in node_rows:
        data = {k: _csv_value(v, k) for k, v in row.items()}
        data["label"] = str(row["label"])
        G.add_node(row["id"], **_unflatten_node(data))
    for row in edge_rows:
        data = {
            k: _csv_value(v, k)
            for k, v in row.items()
            if k not in ("source", "target") and (v or k not in ("rule", "confidence"))
        }
        data = _unflatten_edge(data)
        G.add_edge(row["source"], row["target"], key=row["relation"], **data)
    return G


# ------------------------------------------------------------------ dispatch
WRITERS: dict[str, Callable[[nx.MultiDiGraph, Path], Path]] = {
    ".json": write_json,
    ".graphml": write_graphml,
    ".gexf": write_gexf,
    ".csv": write_csv,
}
READERS: dict[str, Callable[[Path], nx.MultiDiGraph]] = {
    ".json": read_json,
    ".graphml": read_graphml,
    ".gexf": read_gexf,
    ".csv": read_csv,
}
SUFFIXES = tuple(WRITERS)


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in WRITERS:
        raise RelateError(
            f"{path}: unknown graph format {suffix or '(none)'!r}; use one of {', '.join(SUFFIXES)}"
        )
    return suffix


def write_graph(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write G in the format its suffix names (.json, .graphml, .gexf, .csv)."""
    path = Path(path)
    return WRITERS[_suffix(path)](G, path)


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_graph`."""
    path = Path(path)
    return READERS[_suffix(path)](path)
