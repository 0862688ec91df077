"""Light formatting for SEF text: paragraphs, bullet and numbered lists, bold, italic.

People write a little Markdown (``**bold**``, ``*italic*``, ``- item``). It is parsed
with markdown-it-py's "zero" preset, with only emphasis and lists turned on: raw HTML,
links and images stay literal text. The result is a small tree of blocks and runs
that the screen, print, PDF and Word renderers all walk, so none of them ever
interprets user text as markup (DASH-NOTES "Documents").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Run, ...], ...]


Block = Paragraph | ListBlock


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("zero").enable(["emphasis", "list"])


def _runs(children: list) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = False
    for token in children:
        if token.type == "strong_open":
            bold = True
        elif token.type == "strong_close":
            bold = False
        elif token.type == "em_open":
            italic = True
        elif token.type == "em_close":
            italic = False
        elif token.type in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bold, italic))
        elif token.content:
            runs.append(Run(token.content.replace("\n", " "), bold, italic))
    return tuple(runs)


@lru_cache(maxsize=4096)
def parse_blocks(text: str) -> tuple[Block, ...]:
    """The blocks ``text`` is made of. Nested lists are flattened into their parent."""
    blocks: list[Block] = []
    list_stack: list[tuple[bool, list[tuple[Run, ...]]]] = []
    for token in _parser().parse(text or ""):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_stack.append((token.type == "ordered_list_open", []))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            ordered, items = list_stack.pop()
            if list_stack:
                list_stack[-1][1].extend(items)
            else:
                blocks.append(ListBlock(ordered, tuple(items)))
        elif token.type == "inline":
            runs = _runs(token.children or [])
            if list_stack:
                list_stack[-1][1].append(runs)
            elif runs:
                blocks.append(Paragraph(runs))
    return tuple(blocks)


def block_text(block: Block) -> str:
    if isinstance(block, Paragraph):
        return "".join(run.text for run in block.runs)
    return "\n".join("".join(run.text for run in item) for item in block.items)


def one_line(text: str) -> str:
    """The text a reader sees, on one line: for table cells, labels and short quotes."""
    return " ".join(plain_text(text).split())


def plain_text(text: str) -> str:
    """What a reader sees, without the formatting marks: for word counts and checks."""
    return "\n".join(block_text(block) for block in parse_blocks(text or ""))


def _printable(code: int) -> bool:
    return 32 <= code < 0xD800 or 0xE000 <= code <= 0xFFFD or code >= 0x10000


def printable_text(value: str) -> str:
    """``value`` without control characters, or characters XML cannot hold (Word and PDF
    are XML inside, and a lone surrogate cannot even be stored); new lines and tabs stay."""
    return "".join(ch for ch in value if ch in "\n\t" or _printable(ord(ch)))
