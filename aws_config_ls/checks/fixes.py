"""Fixes of problems, and the safe ones applied all at once (`source.fixAll`), checked first.

A problem's fix (`Problem.fix`) is a replacement of its span. Most are a repair only a person
should choose ("did you mean `region`?", `[dev]` → `[profile dev]`, which changes the profile
botocore finds). A few are the one reading of what was written and change nothing botocore
reads but the repaired value, or nothing at all: those are SAFE and `fix_all` applies them.
Before `fix_all` answers, it applies the fixes to the parsed file and checks the result: no
block newly refused, the same sections (botocore's profile map names), the same keys, the same
values but on the fixed lines, the same error configparser stops at (a file botocore refuses
stays refused), and the fixed problems gone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from aws_config_ls.catalogue.secrets import is_secret_key
from aws_config_ls.checks.analysis import local_problems
from aws_config_ls.edit.rename import Edit, applied
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import DEFAULT, Model, classify
from aws_config_ls.ini.problems import Problem, Severity
from aws_config_ls.ini.span import Span
from aws_config_ls.ini.syntax import Block, Kind

# Codes whose fix is the one reading of the text (and changes at most the value it repairs).
SAFE = frozenset(
    {
        "portability-colon",  # `key: v` → `key = v`: configparser reads both alike
        "loose-prefix",  # `[profiles x]` → `[profile x]`: the same profile to botocore
        "quoted-value",  # `"us-east-1"` → `us-east-1`, offered only when that is valid
        "comment-in-value",  # drops the ` # note` botocore keeps in the value
        "wrong-case",  # `environment` → `Environment`, the one spelling it accepts
        "not-a-boolean",  # `yes` → `true`, only for the words that plainly say yes or no
        "prefixed-reference",  # `source_profile = profile dev` → `dev`
        "invalid-account-id",  # `1234-5678-9012` → `123456789012`
    }
)


def edit_of(problem: Problem) -> Edit | None:
    """The replacement that fixes `problem`, if it has one."""
    return None if problem.fix is None else Edit(problem.span, problem.fix)


def safe_fixes(model: Model, problems: Iterable[Problem]) -> list[Problem]:
    """The problems with a safe fix, in place order, none overlapping another.

    A comment in a secret's value stays: the text after ` #` might be part of a password.
    """
    chosen: list[Problem] = []
    for problem in sorted(problems, key=lambda p: p.span):
        span = problem.span
        fix = problem.fix
        if problem.code not in SAFE or fix is None or span.start.line != span.end.line:
            continue
        if "\n" in fix or "\r" in fix:  # a fix is one line's
            continue
        if problem.code == "comment-in-value" and _in_secret(model, problem):
            continue
        if chosen and chosen[-1].span.end > problem.span.start:
            continue
        chosen.append(problem)
    return chosen


def fix_all(
    model: Model, keep: Callable[[Problem], bool] = lambda _: True, passes: int = 4
) -> list[Edit]:
    """The edits of every safe fix of the file (of the problems `keep` keeps), each pass
    checked; a few passes, since one fix may reveal another (`"us-east-1" # prod` loses its
    comment, then its quotes). One edit per changed line, as small as the change."""
    current = model
    for _ in range(passes):
        chosen = safe_fixes(current, filter(keep, local_problems(current)))
        if chosen and not verified(current, chosen):  # keep the fixes that pass alone
            chosen = [p for p in chosen if verified(current, [p])]
            if chosen and not verified(current, chosen):
                chosen = []
        if not chosen:
            break
        current, _ = applied(current, [Edit(p.span, p.fix or "") for p in chosen])
    return [e for i in range(model.tree.line_count) if (e := _line_edit(model, current, i))]


def _line_edit(before: Model, after: Model, i: int) -> Edit | None:
    old, new = before.tree.line(i).text, after.tree.line(i).text
    if old == new:
        return None
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return Edit(Span.of(i, start, len(old) - end), new[start : len(new) - end])


def verified(model: Model, fixed: Sequence[Problem]) -> bool:
    """Whether applying the fixes changes only what they repair (see the module's doc): no
    error on a line that had none."""
    edits = [e for e in map(edit_of, fixed) if e is not None]
    after, touched = applied(model, edits)
    if _refused(after) != _refused(model):  # e.g. one of two `[profiles b]` fixed: now read
        return False
    lines = {e.span.start.line for e in edits}
    tree = model.tree
    for b in touched:
        start = tree.block_start(b)
        rel = {line - start for line in lines if tree.block_at(line) == b}
        if not _same_reading(tree.blocks[b], after.tree.blocks[b], rel, model.kind):
            return False
    targets = {(p.code, p.span.start.line) for p in fixed}
    before = local_problems(model)
    errors = _errors(before)
    broken = {p.span.start.line for p in before if p.severity is Severity.ERROR}
    for problem in local_problems(after):
        if (problem.code, problem.span.start.line) in targets:
            return False
        if (
            problem.severity is Severity.ERROR
            and (problem.code, problem.message) not in errors
            and problem.span.start.line not in broken
        ):
            return False
    return True


def _refused(model: Model) -> tuple[str, int] | None:
    """The error configparser stops at (a duplicate section or `[DEFAULT]` key), if any."""
    fatal = model.fatal
    return None if fatal is None else (fatal.type, fatal.line)


def _errors(problems: Iterable[Problem]) -> set[tuple[str, str]]:
    return {(p.code, p.message) for p in problems if p.severity is Severity.ERROR}


def _same_reading(before: Block, after: Block, fixed: set[int], kind: FileKind) -> bool:
    """The same sections (as botocore names them), keys and values but on the fixed lines."""
    if (after.fatal is not None and before.fatal is None) or after.errors != before.errors:
        return False
    if len(before.sections) != len(after.sections) or len(before.lines) != len(after.lines):
        return False
    for was, now in zip(before.sections, after.sections, strict=True):
        if _placed(was.name, kind) != _placed(now.name, kind):
            return False
        if [e.key for e in was.entries] != [e.key for e in now.entries]:
            return False
        for old, new in zip(was.entries, now.entries, strict=True):
            untouched = fixed.isdisjoint((old.line, *old.parts))
            if untouched and old.value(before.lines) != new.value(after.lines):
                return False
    return True


def _placed(name: str | None, kind: FileKind) -> object:
    if name is None or name == DEFAULT or kind is not FileKind.CONFIG:
        return name
    return classify(name, kind)


def _in_secret(model: Model, problem: Problem) -> bool:
    line = model.tree.line(problem.span.start.line)
    return line.kind is Kind.ENTRY and is_secret_key(line.key)
