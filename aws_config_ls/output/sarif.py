"""SARIF 2.1.0 for code-scanning tools: one rule per code, one result per problem.

Regions are 1-based, `endColumn` is the column after the last character (SARIF §3.30.8),
columns count Unicode code points (`columnKind`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from aws_config_ls import __version__
from aws_config_ls.ini.problems import Severity
from aws_config_ls.ini.span import Span
from aws_config_ls.output import CheckResult
from aws_config_ls.output.rules import README_URL, rules

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFORMATION: "note",
    Severity.HINT: "note",
}


def _artifact(path: str) -> dict[str, str]:
    """A path under the working directory relative to SRCROOT (as code scanning wants)."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    if relative.startswith(".."):
        return {"uri": Path(absolute).as_uri()}
    return {"uri": quote(Path(relative).as_posix()), "uriBaseId": "SRCROOT"}


def _region(span: Span) -> dict[str, int]:
    names = ("startLine", "startColumn", "endLine", "endColumn")
    return dict(zip(names, span.one_based(), strict=True))


def _location(path: str, span: Span) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": _artifact(path), "region": _region(span)}}


def sarif_log(result: CheckResult) -> dict[str, Any]:
    table = rules()
    index = {code: i for i, code in enumerate(table)}
    results = []
    for f in result.findings:
        p = f.problem
        entry: dict[str, Any] = {
            "ruleId": p.code,
            "level": _LEVEL[p.severity],
            "message": {"text": p.message},
            "locations": [_location(f.path, p.span)],
        }
        if p.code in index:
            entry["ruleIndex"] = index[p.code]
        if p.related:
            entry["relatedLocations"] = [
                {"id": i, **_location(r.path or f.path, r.span), "message": {"text": r.message}}
                for i, r in enumerate(p.related, 1)
            ]
        results.append(entry)
    notifications = [
        {"level": "error", "message": {"text": f"{path}: {reason}"}}
        for path, reason in result.unreadable
    ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "aws-config-ls",
                        "version": __version__,
                        "informationUri": README_URL,
                        "rules": [
                            {
                                "id": r.code,
                                "shortDescription": {"text": _sentence(r.summary)},
                                "helpUri": r.help_uri,
                                "defaultConfiguration": {"level": _LEVEL[r.severity]},
                            }
                            for r in table.values()
                        ],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not result.unreadable,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "originalUriBaseIds": {"SRCROOT": {"uri": _directory_uri(os.getcwd())}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _directory_uri(path: str) -> str:
    uri = Path(path).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _sentence(text: str) -> str:
    """SARIF wants descriptions as sentences: a capital first letter and a final period."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."


def render(result: CheckResult, stream: TextIO) -> None:
    json.dump(sarif_log(result), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
