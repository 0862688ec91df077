"""The SEF as documents: print view, Word and PDF, one version at a time.

Plain Flask routes behind the same sign-in gate as every page; the SEF service checks
the signed-in user may read the version (drafts only for the LA's own users).
"""

from __future__ import annotations

from dash import Dash
from flask import Response

from callbacks._documents import DOCX, PDF, attachment, slug
from dashboard.services.sef import read_version
from dashboard.services.sef_export import docx_bytes, outline_html, pdf_bytes, version_outline
from dashboard.web.auth import require_principal


def _file_name(la_name: str, number: int, extension: str) -> str:
    return f"{slug(la_name, 'local-authority')}-self-evaluation-v{number}.{extension}"


def _outline(la_code: str, number: int):  # noqa: ANN202
    sef, info, la_name = read_version(require_principal(), la_code, number)
    return version_outline(sef, la_name, info), la_name


def print_view(la_code: str, number: int) -> Response:
    outline, _name = _outline(la_code, number)
    return Response(outline_html(outline, print_hint=True), mimetype="text/html")


def word_document(la_code: str, number: int) -> Response:
    outline, name = _outline(la_code, number)
    return attachment(docx_bytes(outline), DOCX, _file_name(name, number, "docx"))


def pdf_document(la_code: str, number: int) -> Response:
    outline, name = _outline(la_code, number)
    return attachment(pdf_bytes(outline), PDF, _file_name(name, number, "pdf"))


def register(app: Dash) -> None:
    server = app.server
    base = "/sef/<la_code>/versions/<int:number>"
    server.add_url_rule(f"{base}/print", "sef_print", print_view)
    server.add_url_rule(f"{base}/document.docx", "sef_docx", word_document)
    server.add_url_rule(f"{base}/document.pdf", "sef_pdf", pdf_document)
