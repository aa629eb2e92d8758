"""Word documents: ``.docx``.

python-docx reads the body's paragraphs in order (table rows as lines of their
cells' text); page headers and footers, comments and footnotes are not part of
the body and are left out. The title is the document's ``title`` property, else
its first heading; the author is the ``author`` property; the date is the
``created`` property, else one the text states; the ``identifier`` property is
taken as the address when it is a web address.

Notes
-----
A ``.docx`` is a zip archive of XML parts: it is checked against the archive
limits of :mod:`graph.ingest.archive` (count, sizes, compression ratio) before
python-docx opens it, and python-docx parses its XML with entity resolution off.
Nothing it references (linked images, remote templates) is fetched.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from .core import Article, ReadOptions, _Unusable, make_article

__all__ = ["docx_text", "parse_docx", "read_docx"]


def docx_text(document) -> tuple[str, str | None]:
    """The body's text (paragraphs separated by blank lines) and the first heading.

    >>> import docx
    >>> d = docx.Document(); _ = d.add_heading("Head", 1); _ = d.add_paragraph("Body.")
    >>> docx_text(d)
    ('Head\\n\\nBody.', 'Head')
    """
    from docx.table import Table

    paragraphs: list[str] = []
    heading = None
    names: dict[str, str] = {}
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if value and (not cells or cells[-1] != value):  # merged cells repeat
                        cells.append(value)
                if cells:
                    paragraphs.append(" | ".join(cells))
            continue
        text = " ".join(block.text.split())
        if not text:
            continue
        style_id = block._p.style  # block.style would scan every style for each paragraph
        if style_id and not names:
            names = {st.style_id: st.name or "" for st in document.styles}
        style = names.get(style_id or "", "")
        if heading is None and (style.startswith("Heading") or style == "Title"):
            heading = text
        paragraphs.append(text)
    return "\n\n".join(paragraphs), heading


def read_docx(data: bytes, name: str, options: ReadOptions | None = None) -> Article:
    """Internal twin of :func:`parse_docx` raising ``_Unusable`` (for the readers)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from .archive import check_archive

    check_archive(data, options or ReadOptions(), what="Word document")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise _Unusable(f"not a Word document ({type(exc).__name__})") from None
    text, heading = docx_text(document)
    if not text.strip():
        raise _Unusable("no text in the document")
    props = document.core_properties
    identifier = props.identifier or ""
    url = identifier if urlsplit(identifier).scheme in ("http", "https") else None
    return make_article(
        text,
        name,
        title=props.title or heading,
        date=props.created,
        author=props.author,
        url=url,
        fmt="docx",
    )


def parse_docx(data: bytes, name: str = "document.docx") -> Article:
    """Make an :class:`Article` from the bytes of a Word document.

    Raises
    ------
    InputError
        For a file that is not a Word document, an empty one, or one over the
        archive limits; the message names ``name``.

    Examples
    --------
    >>> import docx, io
    >>> d = docx.Document(); d.core_properties.title = "Poland blames Russia"
    >>> _ = d.add_paragraph("Poland accused Russia of sabotage.")
    >>> buf = io.BytesIO(); d.save(buf)
    >>> parse_docx(buf.getvalue()).text
    'Poland blames Russia\\n\\nPoland accused Russia of sabotage.'
    """
    from ..errors import InputError
    from .core import display_name

    try:
        return read_docx(data, name)
    except _Unusable as exc:
        raise InputError(f"{display_name(name)}: {exc.args[0]}") from None
