"""The engagement letter as documents: print view, Word and PDF (para 48).

Plain Flask routes behind the same sign-in gate as every page; the letter service
checks the user: the LA's own users get an issued letter only, the region's inspectors
the draft too, everyone else nothing.
"""

from __future__ import annotations

import re

from dash import Dash
from flask import Response

from dashboard.auth import require_principal
from dashboard.domain.engagement_letter import letter_outline
from dashboard.engagement_letters import letter_document
from dashboard.sef_export import docx_bytes, outline_html, pdf_bytes

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _file_name(name: str, extension: str) -> str:
    return (re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-") or "letter") + f".{extension}"


def _download(body: bytes, mimetype: str, name: str) -> Response:
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "no-store",
    })


def print_view(meeting_id: int) -> Response:
    letter, _name = letter_document(require_principal(), meeting_id)
    return Response(outline_html(letter_outline(letter), print_hint=True), mimetype="text/html",
                    headers={"Cache-Control": "no-store"})


def word_document(meeting_id: int) -> Response:
    letter, name = letter_document(require_principal(), meeting_id)
    return _download(docx_bytes(letter_outline(letter)), DOCX, _file_name(name, "docx"))


def pdf_document(meeting_id: int) -> Response:
    letter, name = letter_document(require_principal(), meeting_id)
    return _download(pdf_bytes(letter_outline(letter)), "application/pdf",
                     _file_name(name, "pdf"))


def register(app: Dash) -> None:
    server = app.server
    base = "/letter/<int:meeting_id>"
    server.add_url_rule(f"{base}/print", "letter_print", print_view)
    server.add_url_rule(f"{base}/letter.docx", "letter_docx", word_document)
    server.add_url_rule(f"{base}/letter.pdf", "letter_pdf", pdf_document)
