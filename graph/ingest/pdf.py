"""PDF reports and digests: ``.pdf``.

pypdf (pure Python) reads the text layer with the position and size of every
run of text; lines are rebuilt from the positions and put in reading order (top
to bottom, left to right), then rejoined into paragraphs: a wrapped line joins
the next one, a word hyphenated at a line end is mended, and a paragraph ends
at a wider gap, an indented line or a short last line. A paragraph that runs
over a page break is joined across it. Running headers and footers (a line near
the top or the bottom of the page that repeats on other pages, digits aside)
and page numbers are dropped. The title is the document's ``/Title``, else the
first line in the largest type; the date is the document's creation date (XMP
or ``/CreationDate``), else one the text states; the author is ``/Author``.

A PDF without a text layer (a scan) is skipped with "no text layer (scanned?)";
an encrypted one that needs a password is skipped too.

Notes
-----
Hostile PDFs stay bounded: pypdf's own limits on stream lengths, decompressed
sizes, filters per stream, page-tree size and form invocations are tightened
here (see ``LIMITS``), no external program (``jbig2dec``) is ever run, at most
``MAX_PAGES`` pages are read, and text stops at ``MAX_CHARS`` characters.
Multi-column layouts are read column by column only where the columns do not
share text lines; tables come out as lines of text.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from .core import Article, _Unusable, clean_field, make_article

__all__ = ["LIMITS", "MAX_CHARS", "MAX_PAGES", "parse_pdf", "pdf_text", "read_pdf"]

MAX_PAGES = 2000
MAX_CHARS = 5_000_000
# pypdf.Configuration overrides: far below pypdf's defaults (75 MB per stream), far above
# what a news report needs
LIMITS = {
    "maximum_declared_stream_length": 20_000_000,
    "zlib_maximum_output_length": 20_000_000,
    "lzw_maximum_output_length": 20_000_000,
    "run_length_maximum_output_length": 20_000_000,
    "array_based_stream_maximum_output_length": 20_000_000,
    "brotli_maximum_output_length": 20_000_000,
    "jbig2_maximum_output_length": 20_000_000,
    "image_maximum_buffer_size": 20_000_000,
    "stream_decoding_work_maximum_length": 60_000_000,
    "stream_parsing_work_maximum_count": 1_000_000,
    "page_tree_maximum_entries": 20_000,
    "xform_maximum_invocations_per_extraction": 500,
    "jbig2dec_binary": None,
}
_MARGIN = 0.12  # share of the page height where running headers and footers sit
_PAGE_NUMBER = re.compile(
    r"^\s*(?:page|p\.|seite|página|pagina)?\s*[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?"
    r"\s*(?:(?:of|/|de|von|sur)\s*\d{1,4})?\s*$",
    re.IGNORECASE,
)
_NO_TITLE = frozenset(["untitled", "untitled document", "title", "document", "none"])
_KEEP_HYPHEN = frozenset(
    [
        "self",
        "ex",
        "anti",
        "pro",
        "non",
        "co",
        "cross",
        "well",
        "so",
        "post",
        "pre",
        "semi",
        "all",
        "half",
    ]
)


@dataclass
class _Line:
    text: str
    x: float
    y: float
    size: float


def _page_lines(page) -> list[_Line]:
    """The page's text runs joined into lines, top to bottom."""
    from pypdf import mult

    runs: list[tuple[float, float, float, str]] = []

    def visit(text, cm, tm, font, size) -> None:
        if not text or not text.strip():
            return
        m = mult(tm, cm)
        scale = abs(m[3]) or abs(m[0]) or 1.0
        runs.append((float(m[4]), float(m[5]), float(size) * scale, text))

    page.extract_text(visitor_text=visit)
    lines: list[list[tuple[float, float, float, str]]] = []
    for run in sorted(runs, key=lambda r: (-r[1], r[0])):
        x, y, size, text = run
        for part in text.split("\n"):
            if not part.strip():
                continue
            same = lines[-1] if lines and abs(lines[-1][0][1] - y) <= max(size, 4) * 0.4 else None
            if same is not None:
                same.append((x, y, size, part))
            else:
                lines.append([(x, y, size, part)])
            y -= size * 1.2  # a run holding several lines
    out = []
    for parts in lines:
        parts.sort(key=lambda r: r[0])
        text = ""
        end = None
        for x, _, size, part in parts:
            gap = end is not None and x - end > size * 0.15
            if text and gap and not text.endswith(" ") and not part.startswith(" "):
                text += " "
            text += part
            end = x + len(part) * size * 0.5
        text = " ".join(text.split())
        if text:
            out.append(_Line(text, parts[0][0], parts[0][1], max(p[2] for p in parts)))
    return out


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _furniture(pages: list[tuple[list[_Line], float, float]]) -> set[tuple[int, int]]:
    """(page, line) indexes of running headers, footers and page numbers."""
    shapes: Counter[str] = Counter()
    bands: list[list[tuple[int, str]]] = []
    for lines, bottom, top in pages:
        height = max(top - bottom, 1.0)
        band = [
            (i, _shape(ln.text))
            for i, ln in enumerate(lines)
            if ln.y >= top - _MARGIN * height or ln.y <= bottom + _MARGIN * height
        ]
        bands.append(band)
        shapes.update({shape for _, shape in band})
    drop = set()
    for p, band in enumerate(bands):
        for i, shape in band:
            if _PAGE_NUMBER.match(pages[p][0][i].text) or (len(pages) > 1 and shapes[shape] > 1):
                drop.add((p, i))
    return drop


def _mend(prev: str, nxt: str, words: set[str]) -> str:
    """Join a line to the next: mend a word hyphenated at the line end, else add a space."""
    m = re.search(r"(\w+)-$", prev)
    first = re.match(r"(\w+)", nxt)
    if m and first and not prev.endswith("--"):
        head, tail = m.group(1), first.group(1)
        joined = (head + tail).lower()
        hyphenated = f"{head}-{tail}".lower()
        if joined in words and hyphenated not in words:
            keep = False
        elif hyphenated in words:
            keep = True
        else:  # a compound ("Russian-backed", "pro-Kremlin", "self-defence") keeps its hyphen
            keep = (
                tail[:1].isupper()
                or head.lower() in _KEEP_HYPHEN
                or any(c.isdigit() for c in head + tail)
                or (head[:1].isupper() and head.lower() in words)
            )
        return prev + nxt if keep else prev[:-1] + nxt
    return f"{prev} {nxt}"


def pdf_text(pages: list[tuple[list[_Line], float, float]]) -> str:
    """Paragraphs from the lines of each page (furniture dropped), joined by blank lines."""
    drop = _furniture(pages)
    body = [
        [ln for i, ln in enumerate(lines) if (p, i) not in drop]
        for p, (lines, _, _) in enumerate(pages)
    ]
    all_lines = [ln for lines in body for ln in lines]
    if not all_lines:
        return ""
    lengths = sorted(len(ln.text) for ln in all_lines)
    full = lengths[int(len(lengths) * 0.8)] if lengths else 0
    words = {w.lower() for ln in all_lines for w in re.findall(r"\w+(?:-\w+)*", ln.text)}
    words |= {part for w in list(words) for part in w.split("-")} - {""}
    words = {w for w in words if w}
    left = Counter(round(ln.x) for ln in all_lines).most_common(1)[0][0]
    paragraphs: list[str] = []
    current = ""
    prev: _Line | None = None
    for lines in body:
        gaps = [a.y - b.y for a, b in itertools.pairwise(lines) if 0 < a.y - b.y < 4 * a.size]
        step = statistics.median(gaps) if gaps else None
        for i, ln in enumerate(lines):
            brk = prev is None
            if prev is not None:
                same_page = i > 0
                short = len(prev.text) < 0.75 * full and re.search(r"[.!?:\"'”’)]$", prev.text)
                if same_page:
                    gap = prev.y - ln.y
                    brk = bool(step and gap > step * 1.3) or gap < 0
                brk = brk or short or abs(prev.size - ln.size) > 1.0
                brk = brk or (ln.x - left > ln.size * 0.8 and ln.x - prev.x > ln.size * 0.8)
                if not same_page and prev.text.endswith("-"):
                    brk = False
            if brk:
                if current:
                    paragraphs.append(current)
                current = ln.text
            else:
                current = _mend(current, ln.text, words)
            prev = ln
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _metadata(reader) -> dict[str, str | None]:
    # a damaged info dictionary or XMP packet is no reason to lose the text
    info: dict = {}
    try:
        meta = reader.metadata or {}
        info = {k: meta.get(k) for k in ("/Title", "/Author", "/CreationDate")}
    except Exception:  # noqa: BLE001 - any pypdf error in the info dictionary
        info = {}
    xmp_date = publisher = None
    try:
        xmp = reader.xmp_metadata
        if xmp is not None:
            xmp_date = xmp.xmp_create_date or (xmp.dc_date[0] if xmp.dc_date else None)
            publisher = xmp.dc_publisher[0] if xmp.dc_publisher else None
    except Exception:  # noqa: BLE001 - any error in the XMP packet
        xmp_date = publisher = None
    return {
        "title": clean_field(info.get("/Title")),
        "author": clean_field(info.get("/Author")),
        "date": xmp_date or info.get("/CreationDate"),
        "outlet": clean_field(publisher),
    }


def read_pdf(data: bytes, name: str) -> Article:
    """Internal twin of :func:`parse_pdf` raising ``_Unusable`` (for the readers)."""
    import pypdf
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    with pypdf.apply_configuration(**LIMITS):
        try:
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    if not reader.decrypt(""):
                        raise _Unusable("encrypted PDF (needs a password)")
                except (NotImplementedError, FileNotDecryptedError):
                    raise _Unusable("encrypted PDF (needs a password)") from None
            n_pages = len(reader.pages)
        except PdfReadError as exc:
            raise _Unusable(f"damaged PDF ({' '.join(str(exc).split())[:100]})") from None
        if n_pages > MAX_PAGES:
            raise _Unusable(f"too many pages ({n_pages}, the limit is {MAX_PAGES})")
        pages = []
        chars = 0
        for page in reader.pages:
            box = page.mediabox
            lines = _page_lines(page)
            chars += sum(len(ln.text) for ln in lines)
            if chars > MAX_CHARS:
                raise _Unusable(f"too much text (over {MAX_CHARS:,} characters)")
            pages.append((lines, float(box.bottom), float(box.top)))
        meta = _metadata(reader)
    text = pdf_text(pages)
    if not text.strip():
        raise _Unusable("no text layer (scanned?)")
    title = meta["title"]
    if title and title.lower() in _NO_TITLE:
        title = None
    if not title:
        first = [ln for ln in pages[0][0]] if pages and pages[0][0] else []
        if first:
            biggest = max(ln.size for ln in first)
            title = next(ln.text for ln in first if ln.size == biggest)
    return make_article(
        text,
        name,
        title=title,
        date=meta["date"],
        author=meta["author"],
        outlet=meta["outlet"],
        fmt="pdf",
    )


def parse_pdf(data: bytes, name: str = "report.pdf") -> Article:
    """Make an :class:`Article` from the bytes of a PDF.

    Raises
    ------
    InputError
        For a PDF without a text layer ("no text layer (scanned?)"), an encrypted
        or damaged one, or one over the limits; the message names ``name``.

    Examples
    --------
    >>> parse_pdf(b"%PDF-1.4 not really", "r.pdf")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.InputError: r.pdf: ...
    """
    from ..errors import InputError
    from .core import display_name

    try:
        return read_pdf(data, name)
    except _Unusable as exc:
        raise InputError(f"{display_name(name)}: {exc.args[0]}") from None
    except Exception as exc:  # noqa: BLE001 - pypdf's errors on a hostile file: one message
        raise InputError(f"{display_name(name)}: cannot read pdf ({type(exc).__name__})") from None
