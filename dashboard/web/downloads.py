"""The SEF's versions and the engagement letter as documents: print view, Word and PDF.

Plain Flask routes behind the same sign-in gate as every page. The services check the
signed-in user: the SEF's drafts only for the LA's own users; the letter for the LA's
own users once issued, for the region's inspectors as a draft too, for no one else.
"""

from __future__ import annotations

import re

from flask import Flask, Response

from dashboard.domain.engagement_letter import letter_outline
from dashboard.domain.sef_outline import Outline
from dashboard.services.engagement_letters import letter_document
from dashboard.services.sef import read_version
from dashboard.services.sef_export import docx_bytes, outline_html, pdf_bytes, version_outline
from dashboard.services.sef_review import withdrawn_quoted
from dashboard.web.auth import require_principal

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def slug(text: str, fallback: str) -> str:
    """Letters, digits and dashes only, for a file name: a name from the data cannot
    break the Content-Disposition header."""
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or fallback


def attachment(body: bytes, mimetype: str, file_name: str) -> Response:
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{file_name}"',
        "Cache-Control": "no-store",
    })


# ---------------------------------------------------------------- the SEF, one version


def _sef_file_name(la_name: str, number: int, extension: str) -> str:
    return f"{slug(la_name, 'local-authority')}-self-evaluation-v{number}.{extension}"


def _sef_outline(la_code: str, number: int) -> tuple[Outline, str]:
    sef, info, la_name = read_version(require_principal(), la_code, number)
    return version_outline(sef, la_name, info, withdrawn_quoted(sef)), la_name


def sef_print_view(la_code: str, number: int) -> Response:
    outline, _name = _sef_outline(la_code, number)
    return Response(outline_html(outline, print_hint=True), mimetype="text/html")


def sef_word_document(la_code: str, number: int) -> Response:
    outline, name = _sef_outline(la_code, number)
    return attachment(docx_bytes(outline), DOCX, _sef_file_name(name, number, "docx"))


def sef_pdf_document(la_code: str, number: int) -> Response:
    outline, name = _sef_outline(la_code, number)
    return attachment(pdf_bytes(outline), PDF, _sef_file_name(name, number, "pdf"))


# ---------------------------------------------------------------- the letter (para 48)


def letter_print_view(meeting_id: int) -> Response:
    letter, _name = letter_document(require_principal(), meeting_id)
    return Response(outline_html(letter_outline(letter), print_hint=True), mimetype="text/html",
                    headers={"Cache-Control": "no-store"})


def letter_word_document(meeting_id: int) -> Response:
    letter, name = letter_document(require_principal(), meeting_id)
    return attachment(docx_bytes(letter_outline(letter)), DOCX,
                      f"{slug(name, 'letter')}.docx")


def letter_pdf_document(meeting_id: int) -> Response:
    letter, name = letter_document(require_principal(), meeting_id)
    return attachment(pdf_bytes(letter_outline(letter)), PDF,
                      f"{slug(name, 'letter')}.pdf")


def register_downloads(server: Flask) -> None:
    sef = "/sef/<la_code>/versions/<int:number>"
    server.add_url_rule(f"{sef}/print", "sef_print", sef_print_view)
    server.add_url_rule(f"{sef}/document.docx", "sef_docx", sef_word_document)
    server.add_url_rule(f"{sef}/document.pdf", "sef_pdf", sef_pdf_document)
    letter = "/letter/<int:meeting_id>"
    server.add_url_rule(f"{letter}/print", "letter_print", letter_print_view)
    server.add_url_rule(f"{letter}/letter.docx", "letter_docx", letter_word_document)
    server.add_url_rule(f"{letter}/letter.pdf", "letter_pdf", letter_pdf_document)
