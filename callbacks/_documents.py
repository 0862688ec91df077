"""What the SEF's and the letter's download routes share: a safe file name and an
attachment response that no cache keeps."""

from __future__ import annotations

import re

from flask import Response

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
