"""Every problem code with its default severity, summary and README anchor (SARIF's rules)."""

from __future__ import annotations

import re
from functools import cache

from aws_config_ls.ini.problems import Severity
from aws_config_ls.ini.records import NamedTuple

README_URL = "https://github.com/aws-config-ls/aws-config-ls/blob/main/README.md"
# The README's headings holding each group's table (test_cli checks they exist).
HEADINGS = {
    "structure": "The file as text (botocore's parser)",
    "values": "Keys and values (the settings catalogue)",
    "credentials": "Profiles in use (resolution of the credential chain, as "
    "`Session(profile_name=…)`)",
    "environment": "The environment (shown only when true now)",
}


class Rule(NamedTuple):
    code: str
    severity: Severity  # the default; a check may report another
    summary: str
    group: str

    @property
    def help_uri(self) -> str:
        return f"{README_URL}#{anchor(HEADINGS[self.group])}"


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


@cache
def rules() -> dict[str, Rule]:
    from aws_config_ls.checks.policy import code_tables

    return {
        code: Rule(code, info.severity, info.summary, group)
        for group, table in code_tables()
        for code, info in table.items()
    }
