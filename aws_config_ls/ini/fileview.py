"""One file as boto3 sees it: the contract between the model and resolution.

The model builds a `FileView` from a syntax tree; tests may build one straight from botocore's
own `raw_config_parse` output. Resolution reads only this.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.span import Span

# What botocore.configloader.raw_config_parse returns: section -> key -> str or nested dict.
RawValue = str | Mapping[str, str]
RawSections = Mapping[str, Mapping[str, RawValue]]


class Failure(NamedTuple):
    """Why botocore refuses a whole file (it raises ConfigParseError wrapping `type`)."""

    type: str  # DuplicateSectionError, DuplicateOptionError, MissingSectionHeaderError,
    # ParsingError, UnicodeDecodeError or ValueError
    message: str
    line: int  # 0-based line of the failure
    span: Span | None = None


def _nowhere(section: str, key: str | None) -> Span | None:
    return None


@dataclass(frozen=True)
class FileView:
    """A file at a path, as botocore would read it right now.

    `sections` is exactly `raw_config_parse(path)`; it is None when the file is absent
    (`exists` False) or refused (`failure` set). `locate(section, key)` gives where the
    entry that botocore kept is written (`key` None: the section header). `by_profile`, when
    given, is `model.profile_sections` for this view from whoever built it, so that finding a
    profile's sections need not walk every section.
    """

    path: str
    kind: FileKind
    exists: bool = True
    sections: RawSections | None = None
    failure: Failure | None = None
    locate: Callable[[str, str | None], Span | None] = field(default=_nowhere, compare=False)
    by_profile: Callable[[str], Sequence[tuple[int, str]]] | None = field(
        default=None, compare=False
    )
    # An edit of an earlier version's view: its `sections`, and the names of the sections
    # whose dicts differ (every other one is the same object), for resolution to patch what
    # it built from those (`Model.raw_since`).
    since: tuple[RawSections, frozenset[str]] | None = field(default=None, compare=False)

    @property
    def usable(self) -> bool:
        return self.exists and self.failure is None and self.sections is not None
