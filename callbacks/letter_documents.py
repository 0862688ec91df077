"""The engagement letter as documents: print view, Word and PDF (para 48).

Plain Flask routes behind the same sign-in gate as every page; the letter service
checks the user: the LA's own users get an issued letter only, the region's inspectors
the draft too, everyone else nothing.
"""

from __future__ import annotations

from dash import Dash
from flask import Response

from callbacks._documents import DOCX, PDF, attachment, slug
from dashboard.domain.engagement_letter import letter_outline
from dashboard.services.engagement_letters import letter_document
from dashboard.services.sef_export import docx_bytes, outline_html, pdf_bytes
from dashboard.web.auth import require_principal


def print_view(meeting_id: int) -> Response:
    letter, _name = letter_document(require_principal(), meeting_id)
    return Response(outline_html(letter_outline(letter), print_hint=True), mimetype="text/html",
                    headers={"Cache-Control": "no-store"})


def word_document(meeting_id: int) -> Response:
    letter, name = letter_document(require_principal(), meeting_id)
    return attachment(docx_bytes(letter_outline(letter)), DOCX,
                      f"{slug(name, 'letter')}.docx")


def pdf_document(meeting_id: int) -> Response:
    letter, name = letter_document(require_principal(), meeting_id)
    return attachment(pdf_bytes(letter_outline(letter)), PDF,
                      f"{slug(name, 'letter')}.pdf")


def register(app: Dash) -> None:
    server = app.server
    base = "/letter/<int:meeting_id>"
    server.add_url_rule(f"{base}/print", "letter_print", print_view)
    server.add_url_rule(f"{base}/letter.docx", "letter_docx", word_document)
    server.add_url_rule(f"{base}/letter.pdf", "letter_pdf", pdf_document)
