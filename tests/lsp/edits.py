"""Random editing, as an editor sends it, and an independent model of the text it produces.

`apply_change` is the LSP spec read literally (only \\n, \\r\\n and \\r end a line; columns in
UTF-16 code units; a column past its line's end means the line's end, a line past the last
means the document's end), written apart from the server's code so the two can be compared.
`random_change` draws the edits that broke servers before: characters `str.splitlines`
treats as line breaks, CR and CRLF, astral characters, NUL, past-the-end ranges, delete-all.
"""

from __future__ import annotations

import random
import re

from tests.support.profiles import PROFILE

# HYPOTHESIS_PROFILE=ci: CI's strength (many more sessions and edit sequences).
LONG = PROFILE == "ci"

Change = tuple[tuple[tuple[int, int], tuple[int, int]] | None, str]  # (range or None, text)

_BREAK = re.compile(r"\r\n|\r|\n")
SPLITLINES_ONLY = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
SNIPPETS = [
    "a",
    "x",
    " ",
    "=",
    "[",
    "]",
    "#",
    ";",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\x00",
    "\U0001f600",
    "é",
    "[default]\n",
    "[profile dev]\n",
    "[sso-session corp]\n",
    "region = us-east-1\n",
    "regoin = x\n",
    "source_profile = dev\n",
    "credential_process = /bin/true\n",
    "s3 =\n  addressing_style = path\n",
    "  continued\n",
    "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
    "output: json\n",
    *SPLITLINES_ONLY,
]


def lines_of(text: str) -> list[str]:
    """The document's lines without their endings, as LSP counts them."""
    return _BREAK.split(text)


def _units(text: str, encoding: str = "utf-16") -> int:
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", errors="surrogatepass"))
    return len(text.encode("utf-16-le", errors="surrogatepass")) // 2


def offset_of(text: str, line: int, character: int, encoding: str = "utf-16") -> int:
    """The code-point offset of an LSP position (`character` in the negotiated encoding's
    code units), clamped as the spec says."""
    starts = [0, *(m.end() for m in _BREAK.finditer(text))]
    lines = lines_of(text)
    if line >= len(lines):
        return len(text)
    content = lines[line]
    seen = 0
    for i, c in enumerate(content):
        if seen >= character:
            return starts[line] + i
        seen += _units(c, encoding)
    return starts[line] + len(content)


def apply_change(text: str, change: Change, encoding: str = "utf-16") -> str:
    span, new = change
    if span is None:
        return new
    (l0, c0), (l1, c1) = span
    start, end = offset_of(text, l0, c0, encoding), offset_of(text, l1, c1, encoding)
    return text[:start] + new + text[max(start, end) :]


def _position(rng: random.Random, text: str, encoding: str) -> tuple[int, int]:
    lines = lines_of(text)
    roll = rng.random()
    if roll < 0.05:
        return (len(lines) + rng.randint(0, 3), rng.randint(0, 5))  # past the last line
    line = rng.randrange(len(lines))
    content = lines[line]
    if roll < 0.15:
        return (line, _units(content, encoding) + rng.randint(1, 5))  # past the line's end
    return (line, _units(content[: rng.randint(0, len(content))], encoding))


def random_text(rng: random.Random, pieces: int) -> str:
    return "".join(rng.choice(SNIPPETS) for _ in range(pieces))


def random_change(
    rng: random.Random, text: str, big: bool = False, encoding: str = "utf-16"
) -> Change:
    """One content change; `big` adds the 5,000-line paste and the 100,000-character line."""
    roll = rng.random()
    if roll < 0.02:
        return None, random_text(rng, rng.randint(0, 20))  # a whole-document change
    if roll < 0.04:
        return ((0, 0), (len(lines_of(text)) + 1, 0)), ""  # delete all
    if big and roll < 0.06:
        paste = "".join(
            f"[profile p{i}]\nregion = us-east-{i % 3}\nsource_profile = p{i + 1}\n"
            for i in range(1700)
        )
        return (_position(rng, text, encoding),) * 2, paste  # type: ignore[return-value]
    if big and roll < 0.08:
        return (_position(rng, text, encoding),) * 2, "region = " + "x" * 100_000  # type: ignore[return-value]
    a, b = sorted([_position(rng, text, encoding), _position(rng, text, encoding)])
    if rng.random() < 0.5:
        b = a  # an insertion
    return (a, b), random_text(rng, rng.randint(0, 3))
