"""Links to a document's print view, Word file and PDF (the SEF's versions and the
engagement letter are served the same way, by ``dashboard.web.downloads``)."""

from __future__ import annotations

from dash import html
from dash.development.base_component import Component


def document_links(base: str, file_stem: str, link_ids: tuple[str, str, str],
                   inline: bool = False, className: str | None = None) -> Component:
    """``base``/print, ``base``/``file_stem``.docx and ``.pdf``; inline in a sentence
    (a span) or as a paragraph of their own."""
    spacing = "me-2" if inline else "me-3"
    print_id, docx_id, pdf_id = link_ids
    links = [
        html.A("Print view", href=f"{base}/print", target="_blank", rel="noopener",
               className=spacing, id=print_id),
        html.A("Word (.docx)", href=f"{base}/{file_stem}.docx", className=spacing,
               id=docx_id),
        html.A("PDF", href=f"{base}/{file_stem}.pdf", id=pdf_id),
    ]
    extra = {"className": className} if className else {}
    return html.Span(links, **extra) if inline else html.P(links, **extra)
