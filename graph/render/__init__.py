"""Briefing images: the graph (or a filtered view of it) as a clean PNG, SVG or PDF.

The picture has a title, a subtitle (counts, the articles' dates), a legend of
every entity kind and relation shown, and a footer naming the sources. Node
positions come from :func:`graph.select.layout_positions`, the function the app
uses, so the exported image looks like the view the analyst explored; colours,
markers and line styles come from :mod:`graph.style` (``data/vocab/kinds.yaml`` and
``relations.yaml``), as on the app's page.

Everything is deterministic: the same graph and options give the same bytes
(no timestamps or software names in the files, a fixed SVG hash salt, a fixed
font). SVG keeps its text as text, so labels can be searched and edited.

Above :data:`LABEL_ALL_LIMIT` entities only the most connected ones are
labelled, and the footer says so.

============  ==================================================================
module        what it owns
============  ==================================================================
``canvas``    the figure in pixel units, typography, neutral colours, line styles
``geometry``  curves, close pairs, pushing markers apart, rectangle overlaps
``labels``    placing labels beside markers without covering others
``draw``      edges, markers, labels and the legend of a view
``text``      the title from the filters, the subtitle's facts, render options
``compose``   header, drawing and footer; :func:`render_image` and :func:`render`
============  ==================================================================
"""

from __future__ import annotations

from .compose import FORMATS, briefing_view, image_format, render, render_image
from .draw import LABEL_ALL_LIMIT
from .text import parse_names, parse_size, view_title

__all__ = [
    "FORMATS",
    "LABEL_ALL_LIMIT",
    "briefing_view",
    "image_format",
    "parse_names",
    "parse_size",
    "render",
    "render_image",
    "view_title",
]
