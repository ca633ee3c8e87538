"""One file as boto3 sees it: the contract between the model and resolution.

The model builds a `FileView` from a syntax tree; tests may build one straight from botocore's
own `raw_config_parse` output. Resolution reads only this.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Final, Generic, TypeVar

from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.records import NamedTuple
from aws_config_ls.ini.span import Span

# What botocore.configloader.raw_config_parse returns: section -> key -> str or nested dict.
RawValue = str | Mapping[str, str]
RawSections = Mapping[str, Mapping[str, RawValue]]
V = TypeVar("V")


class Failure(NamedTuple):
    """Why botocore refuses a whole file (it raises ConfigParseError wrapping `type`)."""

    type: str  # DuplicateSectionError, DuplicateOptionError, MissingSectionHeaderError,
    # ParsingError, UnicodeDecodeError or ValueError
    message: str
    line: int  # 0-based line of the failure
    span: Span | None = None


def _nowhere(section: str, key: str | None) -> Span | None:
    return None


class FileView:
    """A file at a path, as botocore would read it right now.

    `sections` is exactly `raw_config_parse(path)`; it is None when the file is absent
    (`exists` False) or refused (`failure` set). `locate(section, key)` gives where the
    entry that botocore kept is written (`key` None: the section header). `by_profile`, when
    given, is `model.profile_sections` for this view from whoever built it, so that finding a
    profile's sections need not walk every section.

    Immutable; equal when all but `locate`, `by_profile` and `since` are. A plain class: a
    dataclass costs every start of `check` about a millisecond, and the `dataclasses` import
    more.
    """

    __slots__ = (
        "by_profile",
        "exists",
        "failure",
        "kind",
        "locate",
        "path",
        "sections",
        "since",
    )

    def __init__(
        self,
        path: str,
        kind: FileKind,
        exists: bool = True,
        sections: RawSections | None = None,
        failure: Failure | None = None,
        locate: Callable[[str, str | None], Span | None] = _nowhere,
        by_profile: Callable[[str], Sequence[tuple[int, str]]] | None = None,
        # An edit of an earlier version's view: its `sections`, and the names of the sections
        # whose dicts differ (every other one is the same object), for resolution to patch
        # what it built from those (`Model.raw_since`).
        since: tuple[RawSections, frozenset[str]] | None = None,
    ) -> None:
        self.path: Final = path
        self.kind: Final = kind
        self.exists: Final = exists
        self.sections: Final = sections
        self.failure: Final = failure
        self.locate: Final = locate
        self.by_profile: Final = by_profile
        self.since: Final = since

    def _compared(self) -> tuple[object, ...]:
        return (self.path, self.kind, self.exists, self.sections, self.failure)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FileView):
            return NotImplemented
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    def __repr__(self) -> str:
        return f"FileView{self._compared()!r}"

    def at(self, path: str) -> FileView:
        """The same file read at another path (a copy read as if it were the config)."""
        return FileView(
            path,
            self.kind,
            self.exists,
            self.sections,
            self.failure,
            self.locate,
            self.by_profile,
            self.since,
        )

    @property
    def usable(self) -> bool:
        return self.exists and self.failure is None and self.sections is not None


class PerSection(Generic[V]):
    """What `find(name, values)` finds in each section of a file (where it finds anything),
    kept per file: the next view of the same sections costs nothing, an edit's view
    (`FileView.since`) is looked at only in the sections it changed, any other only in the
    sections whose dicts are not the very ones of the last view. In file order, but for the
    sections an edit made findable, which come last."""

    __slots__ = ("_find", "_last")

    def __init__(self, find: Callable[[str, Mapping[str, RawValue]], V | None]) -> None:
        self._find = find
        self._last: dict[tuple[str, FileKind], tuple[RawSections, dict[str, V]]] = {}

    def __call__(self, view: FileView) -> dict[str, V]:
        sections = view.sections
        if sections is None:  # no file, or one botocore refuses: kept for when it reads again
            return {}
        key = (view.path, view.kind)
        last = self._last.get(key)
        if last is not None and last[0] is sections:
            return last[1]
        if last is not None and view.since is not None and view.since[0] is last[0]:
            found = dict(last[1])
            for name in view.since[1]:
                found.pop(name, None)
                if name in sections and (value := self._find(name, sections[name])) is not None:
                    found[name] = value
        elif last is not None:  # an unrelated version: a section's very dict is not looked at
            before, kept = last
            found = {}
            for name, values in sections.items():
                if before.get(name) is values:
                    if name in kept:
                        found[name] = kept[name]
                elif (value := self._find(name, values)) is not None:
                    found[name] = value
        else:
            found = {
                name: value
                for name, values in sections.items()
                if (value := self._find(name, values)) is not None
            }
        self._last[key] = (sections, found)
        return found
