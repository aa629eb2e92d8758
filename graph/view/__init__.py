"""The explorer's logic, one module per job; ``app.py`` only lays out widgets and
calls these functions, so everything the page shows can be tested without a browser.

==============  ===============================================================
module          what it owns
==============  ===============================================================
``filters``     :class:`ViewFilters` and the view they select
``params``      filters to and from URL query parameters
``state``       filters to and from the widgets' session state
``text``        text safe to show (untrusted article text)
``tooltips``    the rows of the page's node and edge tooltips
``legend``      the page's legend
``history``     the Timeline tab: reports per week, what changed between two ranges
``page``        the interactive vis-network page (``graph/templates/page.html``)
``documents``   the articles table, where a quote comes from, upload types
``evidence``    an entity's evidence, names marked, and its article context
``tables``      claims, sourcing, key actors, path steps, the entity picker
``curation``    the app's curation form: actions and messages
``review``      the review queue, its actions and counts; sentences to cite
``downloads``   the view as GraphML, GEXF, JSON, CSV, HTML or PNG
``uploads``     saving uploaded documents; the corpus fingerprint
``store``       the app's options and the built corpora it keeps
==============  ===============================================================

Notes
-----
Article text is untrusted. The interactive page (:func:`view_html`) carries it
only inside a JSON block in which ``<``, ``>`` and ``&`` are written as
``\\u003c``-style escapes, and its tooltips are built in the browser with
``textContent``, never ``innerHTML``. On top of that every text that reaches a
tooltip or a label has ``<`` and ``>`` replaced by ``‹`` and ``›``
(:func:`plain_text`), so no template that did use ``innerHTML`` could find a tag
in it.

The page is self-contained: vis-network is inlined from pyvis's bundled copy
(pyvis's own template is not used, because it links Bootstrap from a CDN and
switches tooltips to ``innerHTML`` as soon as a title contains "href"), a
Content-Security-Policy forbids every outside request, and the page holds no
``http://`` or ``https://`` string at all: the URLs in vis-network's licence
header and its SVG namespace string are written ``http:\\/\\/...``, which is the
same string to JavaScript.
"""

from __future__ import annotations

from .curation import (
    add_edge_action,
    drop_edge_action,
    edge_choices,
    merge_action,
    save_action,
    undo_action,
)
from .documents import (
    ARTICLE_COLUMNS,
    UPLOAD_TYPES,
    article_rows,
    cite,
    origin_text,
    quote_origin,
    safe_address,
)
from .downloads import DOWNLOAD_FORMATS, DownloadContext, download_context, generate_download
from .evidence import (
    article_context,
    entity_details,
    entity_facts,
    evidence_heading,
    evidence_labels,
    evidence_rows,
    highlight_spans,
    mark_spans,
)
from .filters import (
    MAX_HOPS,
    MODALITIES,
    ViewFilters,
    apply_filters,
    base_view,
    describe_filters,
    match_articles,
)
from .history import CHANGE_COLUMNS, changes_between, changes_csv, halves
from .legend import legend_html
from .page import LARGE_GRAPH, TipCache, view_html
from .params import params_from_filters, view_from_params
from .review import (
    REVIEW_COLUMNS,
    review_action,
    review_progress,
    review_queue,
    sentence_action,
    sentences,
)
from .state import (
    AUTO_HIDE,
    STATE_DEFAULTS,
    date_bounds,
    filter_choices,
    filters_from_state,
    hides_isolated,
    init_state,
    reset_filters,
    state_from_filters,
)
from .store import AppOptions, Corpus, CorpusStore, parse_app_options
from .tables import (
    CLAIM_COLUMNS,
    SOURCING_COLUMNS,
    claims_table,
    curation_log,
    edge_table,
    entity_name,
    entity_options,
    path_steps,
    rank_view_actors,
    view_metrics,
)
from .text import plain_text
from .tooltips import edge_tooltip, node_tooltip
from .uploads import MAX_UPLOAD_BYTES, corpus_fingerprint, save_upload, save_uploads

__all__ = [
    "ARTICLE_COLUMNS",
    "AUTO_HIDE",
    "CHANGE_COLUMNS",
    "CLAIM_COLUMNS",
    "DOWNLOAD_FORMATS",
    "LARGE_GRAPH",
    "MAX_HOPS",
    "MAX_UPLOAD_BYTES",
    "MODALITIES",
    "REVIEW_COLUMNS",
    "SOURCING_COLUMNS",
    "STATE_DEFAULTS",
    "UPLOAD_TYPES",
    "AppOptions",
    "Corpus",
    "CorpusStore",
    "DownloadContext",
    "TipCache",
    "ViewFilters",
    "add_edge_action",
    "apply_filters",
    "article_context",
    "article_rows",
    "base_view",
    "changes_between",
    "changes_csv",
    "cite",
    "claims_table",
    "corpus_fingerprint",
    "curation_log",
    "date_bounds",
    "describe_filters",
    "download_context",
    "drop_edge_action",
    "edge_choices",
    "edge_table",
    "edge_tooltip",
    "entity_details",
    "entity_facts",
    "entity_name",
    "entity_options",
    "evidence_heading",
    "evidence_labels",
    "evidence_rows",
    "filter_choices",
    "filters_from_state",
    "generate_download",
    "halves",
    "hides_isolated",
    "highlight_spans",
    "init_state",
    "legend_html",
    "mark_spans",
    "match_articles",
    "merge_action",
    "node_tooltip",
    "origin_text",
    "params_from_filters",
    "parse_app_options",
    "path_steps",
    "plain_text",
    "quote_origin",
    "rank_view_actors",
    "reset_filters",
    "review_action",
    "review_progress",
    "review_queue",
    "safe_address",
    "save_action",
    "save_upload",
    "save_uploads",
    "sentence_action",
    "sentences",
    "state_from_filters",
    "undo_action",
    "view_from_params",
    "view_html",
    "view_metrics",
]
