"""Every problem code the project can report is documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

from aws_config_ls.catalogue.values import VALUE_CODES
from aws_config_ls.checks import credentials, environment, semantics, structure

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_code_is_in_the_readme_table() -> None:
    text = README.read_text()
    section = text[text.index("## Diagnostics") : text.index("## Editors")]
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.MULTILINE))
    codes = (
        set(structure.CODES)
        | set(semantics.CODES)
        | set(credentials.CODES)
        | set(VALUE_CODES)
        | set(environment.CODES)
    )
    assert codes - documented == set(), "undocumented codes"
    assert documented - codes == set(), "documented codes nothing reports"
