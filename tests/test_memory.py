"""What repeats from section to section is held once (memory at 250,000 lines), and the
memos that hold names forget past their bound."""

from __future__ import annotations

from aws_config_ls.ini import model as model_module
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.memo import by_name
from aws_config_ls.ini.model import Model

PROFILE = "[profile p{}]\nregion = us-east-1\ns3 =\n  addressing_style = path\n\n"


def test_equal_lines_entries_and_values_are_one_object() -> None:
    model_module.clear_cache()  # no bound reached halfway through the file
    model = Model.from_text("".join(PROFILE.format(i) for i in range(3)), FileKind.CONFIG)
    first, last = model.tree.blocks[0], model.tree.blocks[2]
    assert first.lines[0] is not last.lines[0]  # the headers differ
    assert all(a is b for a, b in zip(first.lines[1:], last.lines[1:], strict=True))
    assert first.sections[0].entries is last.sections[0].entries
    raw = model.raw()
    assert raw["profile p0"] == raw["profile p2"] and raw["profile p0"] is not raw["profile p2"]
    assert raw["profile p0"]["region"] is raw["profile p2"]["region"]
    assert raw["profile p0"]["s3"] is raw["profile p2"]["s3"]
    assert raw["profile p0"]["s3"] == {"addressing_style": "path"}


def test_by_name_remembers_per_kind_and_forgets_past_its_bound() -> None:
    calls: list[tuple[str, FileKind]] = []

    def compute(name: str, kind: FileKind) -> int:
        calls.append((name, kind))
        return len(calls)

    memo = by_name(compute, limit=2)
    assert memo("a", FileKind.CONFIG) == memo("a", FileKind.CONFIG) == 1
    assert memo("a", FileKind.CREDENTIALS) == 2
    assert [memo(name, FileKind.CONFIG) for name in "bc"] == [3, 4]
    assert memo("d", FileKind.CONFIG) == 5  # three names held: forgotten, then "d" kept
    assert memo("a", FileKind.CONFIG) == 6 and memo("d", FileKind.CONFIG) == 5
    memo.cache_clear()
    assert memo("d", FileKind.CONFIG) == 7
