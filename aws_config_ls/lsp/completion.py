"""Completion of section headers, keys, nested keys and values, by where the cursor is.

Typing must never change text the user did not mean to replace, so every item carries an edit
of exactly the token under the cursor (`Place.token`: a key, the name inside `[ … ]`, a value's
first word, never the `=`, a space or a bracket) and positions between tokens offer nothing. No
trigger character is declared: `=`, a space or `[` would open a list whose accept on Enter
replaces what was typed after it; editors ask on their own when a word is typed. A value is the
last thing on its line, so for values the list is incomplete (the editor asks again at each
character) and empty once the typed value equals an item: Enter then inserts a new line.

The list is sent lean, as the editor asks for it at every keystroke: a key's documentation is
filled in by `completionItem/resolve` when the item is selected (the item's `data` names its
context), a client that takes list defaults gets the edit range once for all the items (each
keeps its text), and what the list reads from the files (regions, names) is kept per version.
The answer is written as JSON straight from items kept in that form (a key list once per
context): making and converting a hundred protocol objects per keystroke cost more than the
rest of the request. A list of names longer than `VALUES_SENT` (a `source_profile` value, a
header offering the other file's profiles, in files with thousands of them) sends only the
names that can match what is typed, up to that many, prefix matches first (the editor's own
filter could show no other): the list is then incomplete, so the editor asks again at each
character and the names narrow as the user types.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Container, Iterable, Sequence
from functools import cache
from itertools import accumulate, compress, count
from operator import is_not
from typing import Any, Generic, NamedTuple, TypeVar
from weakref import WeakKeyDictionary, ref

from lsprotocol import types

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.known_key import KnownKey
from aws_config_ls.catalogue.registry import keys_in, lookup, region_name, regions
from aws_config_ls.catalogue.sections import nested_context, section_context
from aws_config_ls.catalogue.valuetypes import Boolean, Choice, Nested, Reference, Region
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.model import Model, classify
from aws_config_ls.ini.query import Part, Place, place_at
from aws_config_ls.ini.span import Span
from aws_config_ls.ini.syntax import Block, BlockFact
from aws_config_ls.ini.syntax import Kind as LineKind
from aws_config_ls.lsp.context import ServerContext
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.markup import content, documentation_formats
from aws_config_ls.lsp.positions import to_pos, to_range

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
Kind = types.CompletionItemKind
TRIGGER_CHARACTERS: list[str] = []
VALUES_SENT = 100  # the longest list of names sent whole; longer ones are cut to what can match
_VALUES = (Part.VALUE, Part.SUBVALUE)
_EMPTY = '{"isIncomplete":false,"items":[]}'

_json = json.JSONEncoder(separators=(",", ":")).encode


class Offer(NamedTuple):
    """An item in JSON: its fields but the edit (LSP names, without the braces), its label and
    the text it inserts, written once (a key list's items are made once per context)."""

    fields: str
    label: str
    text: str
    text_json: str


def _offer(label: str, kind: Kind, text: str | None = None, **fields: Any) -> Offer:
    """An item with `fields` (LSP names; None left out) and its text (the label unless given)."""
    item = {"label": label, "kind": int(kind)}
    item.update((name, value) for name, value in fields.items() if value is not None)
    text = text or label
    return Offer(_json(item)[1:-1], label, text, _json(text))


def completion_json(
    ctx: ServerContext,
    state: DocumentState,
    position: types.Position,
    encoding: str,
    capabilities: types.ClientCapabilities | None = None,
) -> str:
    """The `CompletionList` at `position`, as the JSON the client gets."""
    place = place_at(state.model, to_pos(state.tree, position, encoding))
    token = place.token
    if token is None or (place.section is None and place.part is not Part.HEADER):
        return _EMPTY
    cut: list[bool] = []  # set when a list of names is cut to what the typed text can match
    offers = list(_items(ctx, state, place, cut))
    typed = _line(state.model, place)[token.start.col : token.end.col]
    if place.pos.col == token.end.col and any(offer.label == typed for offer in offers):
        return _EMPTY
    replace = _range(to_range(state.tree, token, encoding))
    insert = _range(to_range(state.tree, Span(token.start, place.pos), encoding))
    # two ranges only when they differ (the cursor inside the token): at its end one range
    # says the same, and the client reads one range per item instead of two
    both = place.pos.col < token.end.col and _insert_replace(capabilities)
    incomplete = (place.part in _VALUES and bool(offers)) or bool(cut)
    head = f'{{"isIncomplete":{"true" if incomplete else "false"},'
    if "editRange" in _item_defaults(capabilities):  # one range for all, each item its text
        edit_range = f'{{"insert":{insert},"replace":{replace}}}' if both else replace
        head += f'"itemDefaults":{{"editRange":{edit_range}}},'
        items = (
            f"{{{o.fields}}}"
            if o.text == o.label
            else f'{{{o.fields},"textEditText":{o.text_json}}}'
            for o in offers
        )
    else:
        # inserting stops at the cursor, replacing takes the whole token
        where = f'"insert":{insert},"replace":{replace}' if both else f'"range":{replace}'
        items = (f'{{{o.fields},"textEdit":{{"newText":{o.text_json},{where}}}}}' for o in offers)
    return f'{head}"items":[{",".join(items)}]}}'


def _range(where: types.Range) -> str:
    start, end = where.start, where.end
    return (
        f'{{"start":{{"line":{start.line},"character":{start.character}}},'
        f'"end":{{"line":{end.line},"character":{end.character}}}}}'
    )


def _item_defaults(capabilities: types.ClientCapabilities | None) -> Sequence[str]:
    """The item properties the client takes from the list (`completionList.itemDefaults`)."""
    text = capabilities.text_document if capabilities else None
    listed = text.completion.completion_list if text and text.completion else None
    return (listed.item_defaults if listed else None) or ()


def _insert_replace(capabilities: types.ClientCapabilities | None) -> bool:
    text = capabilities.text_document if capabilities else None
    item = text.completion.completion_item if text and text.completion else None
    return bool(item and item.insert_replace_support)


def _items(
    ctx: ServerContext, state: DocumentState, place: Place, cut: list[bool]
) -> Iterable[Offer]:
    kind = state.kind
    if place.part is Part.HEADER:
        yield from _headers(ctx, state, place, cut)
        return
    if place.section is None:
        return
    context = section_context(kind, place.section.name)
    model = state.model
    if place.part is Part.KEY:
        present = {e.key for e in place.section.node.entries}
        on_entry_line = place.entry is not None
        yield from _keys(context, kind, present, not on_entry_line)
    elif place.part is Part.VALUE and place.entry is not None:
        yield from _values(ctx, state, place, lookup(context, place.entry.key), cut)
    elif place.part in (Part.SUBKEY, Part.SUBVALUE) and place.entry is not None:
        nested = nested_context(context, place.entry.key)
        if nested is None:
            return
        if place.part is Part.SUBKEY:
            present = set(_subkeys(model, place))
            yield from _keys(nested, kind, present, "=" not in _line(model, place))
        elif place.subkey is not None:
            yield from _values(ctx, state, place, lookup(nested, place.subkey), cut)


def _line(model: Model, place: Place) -> str:
    """The cursor's line ("" on the empty line after the final newline)."""
    tree = model.tree
    return tree.line(place.pos.line).text if place.pos.line < tree.line_count else ""


def _subkeys(model: Model, place: Place) -> Iterable[str]:
    assert place.section is not None and place.entry is not None
    for line, piece in model.nested_lines(place.section, place.entry):
        if line != place.pos.line and "=" in piece:
            yield piece.split("=", 1)[0].strip()


def _keys(
    context: Context, kind: FileKind, present: set[str], with_delimiter: bool
) -> Iterable[Offer]:
    return (o for o in _key_offers(context, kind, with_delimiter) if o.label not in present)


@cache
def _key_offers(context: Context, kind: FileKind, with_delimiter: bool) -> tuple[Offer, ...]:
    """Every key `context` offers in a kind of file, made once (the lists share the items)."""
    offers = []
    for key, setting in keys_in(context).items():
        if kind not in setting.files:
            continue
        block = isinstance(setting.value_type, Nested)
        offers.append(
            _offer(
                key,
                Kind.Module if block else Kind.Property,
                (f"{key} =" if block else f"{key} = ") if with_delimiter else key,
                detail=_detail(setting),
                sortText=("1" if setting.third_party else "0") + key,
                data=context.value,
            )
        )
    return tuple(offers)


def resolve(
    item: types.CompletionItem, capabilities: types.ClientCapabilities | None = None
) -> types.CompletionItem:
    """The item with its documentation: a key's, found by the context its `data` names."""
    try:
        context = Context(item.data) if isinstance(item.data, str) else None
    except ValueError:
        context = None  # not an item of ours (or of this version): answered as it came
    setting = keys_in(context).get(item.label) if context is not None else None
    if setting is not None and item.documentation is None:
        item.documentation = content(_documentation(setting), documentation_formats(capabilities))
    return item


def _values(
    ctx: ServerContext,
    state: DocumentState,
    place: Place,
    setting: KnownKey | None,
    cut: list[bool],
) -> Iterable[Offer]:
    if setting is None:
        return
    vt = setting.value_type
    if isinstance(vt, Choice):
        for value in vt.choices:
            yield _offer(value, Kind.EnumMember, detail=setting.key)
    elif isinstance(vt, Boolean):
        for value in ("true", "false"):
            yield _offer(value, Kind.Value, detail=setting.key)
    elif isinstance(vt, Region):
        used = _regions_used(ctx, state)
        for region, partition in sorted(regions().items()):
            name = region_name(region) or f"partition {partition}"
            rank = "0" if region in used else "1" if partition == "aws" else "2"
            yield _offer(
                region,
                Kind.Value,
                labelDetails={"description": name},
                detail=name if region not in used else f"{name} · used in your files",
                sortText=rank + region,
            )
    elif isinstance(vt, Reference):
        itself = _own_name(state, place) if vt.target is Context.PROFILE else None
        names = names_of(ctx, state, vt.target)
        for name, detail in _fitting(names, _typed(state.model, place), (itself,), cut):
            yield _offer(name, Kind.Reference, detail=detail)


def _typed(model: Model, place: Place) -> str:
    """What the editor filters the list by: the token's text before the cursor."""
    assert place.token is not None
    return _line(model, place)[place.token.start.col : place.pos.col]


def _fitting(
    names: list[tuple[str, str]], typed: str, skip: Container[str | None], cut: list[bool]
) -> Iterable[tuple[str, str]]:
    """The names to send, but those in `skip`: all of them up to `VALUES_SENT`; of more (then
    `cut`), those holding the typed characters in order in any case (all a fuzzy filter can
    match), prefix matches first, up to `VALUES_SENT`. Searched in one text of every name
    (lowercase, a line each) by patterns tried once per line that match in linear time: a
    character class stops each gap at the next character looked for, so nothing is tried twice
    (names of any length, never a hang)."""
    if len(names) <= VALUES_SENT:
        return (named for named in names if named[0] not in skip)
    cut.append(True)
    text, starts, longest = _lowered(names)
    if len(typed) > longest:  # no name can hold it (and no pattern is made of a long value)
        return ()
    chars = [re.escape(c) for c in typed.lower()]
    prefixed = "\n" + "".join(chars)
    holding = "\n" + "".join(f"[^\\n{c}]*{c}" for c in chars)
    found: dict[int, tuple[str, str]] = {}
    for pattern in (prefixed, holding):
        for match in re.finditer(pattern, text):
            i = bisect_right(starts, match.start()) - 1
            if names[i][0] not in skip:
                found.setdefault(i, names[i])
                if len(found) == VALUES_SENT:
                    return found.values()
    return found.values()


def _lowered(names: list[tuple[str, str]]) -> tuple[str, list[int], int]:
    """The names in lowercase, each after a newline, where each line starts and the longest
    name's length: made once per list of names (of the last few asked)."""
    kept = _LOWERED.get(id(names))
    if kept is None or kept[0] is not names:
        lines = [name.lower() for name, _ in names]
        starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
        longest = max(map(len, lines), default=0)
        kept = _keep(_LOWERED, id(names), (names, "\n" + "\n".join(lines), starts, longest))
    return kept[1], kept[2], kept[3]


_LOWERED: dict[int, tuple[list[tuple[str, str]], str, list[int], int]] = {}
_KEPT = 4  # lists of names kept: a few documents and groups asked in turn


def _keep(cache: dict[K, V], key: K, value: V) -> V:
    """`value` put in `cache`, the oldest entries let go beyond `_KEPT`."""
    cache[key] = value
    while len(cache) > _KEPT:
        del cache[next(iter(cache))]
    return value


def _own_name(state: DocumentState, place: Place) -> str | None:
    """The profile the section under the cursor defines (a profile never sources itself)."""
    if place.section is None:
        return None
    placed = classify(place.section.name, state.kind)
    return placed.name if placed.group == "profiles" else None


def _regions_used(ctx: ServerContext, state: DocumentState) -> frozenset[str]:
    """Region values written in this file and its companion, offered first."""
    other = ctx.companion(state)
    models: list[Model] = [state.model] if other is None else [state.model, other]
    return frozenset().union(*map(_model_regions, models)) & regions().keys()


def _regions_in(model: Model) -> frozenset[str]:
    return frozenset().union(*map(_block_regions, model.tree.blocks))


_REGIONS = BlockFact[frozenset[str]]("values of …region keys")


def _block_regions(block: Block) -> frozenset[str]:
    """The values of `…region` keys in a block, kept with it (an edit shares the others)."""
    return _REGIONS.get_or(
        block,
        lambda b: frozenset(
            line.value
            for line in b.lines
            if line.kind is LineKind.ENTRY and line.key.lower().endswith("region")
        ),
    )


def names_of(ctx: ServerContext, state: DocumentState, target: Context) -> list[tuple[str, str]]:
    """Profile, sso-session or services names boto3 knows, across the config/credentials pair,
    sorted (made again only when a file's names change, see `_Latest`)."""
    models = [state.model]
    other = ctx.companion(state)
    if other is not None:
        models.append(other)
    group = {Context.PROFILE: "profiles", Context.SSO_SESSION: "sso_sessions"}.get(
        target, "services"
    )
    parts = tuple(
        _model_names(model)
        for model in models
        if model.kind is not FileKind.CREDENTIALS or target is Context.PROFILE
    )
    return _sorted_names(parts, group)


def _sorted_names(parts: tuple[Names, ...], group: str) -> list[tuple[str, str]]:
    """The names of `group` in the files' `parts`, sorted, a name in several with the first
    one's detail: kept while the parts are the very same (see `_Latest`)."""
    key = (group, tuple(map(id, parts)))  # the entry holds the parts: no id is reused meanwhile
    kept = _SORTED.get(key)
    if kept is not None:
        return kept[1]
    found: dict[str, str] = {}
    for part in parts:
        for name, detail in part.get(group, ()):
            found.setdefault(name, detail)
    return _keep(_SORTED, key, (parts, sorted(found.items())))[1]


def _profile_headers(part: Names) -> list[tuple[str, str]]:
    """`profile NAME` for each profile of a credentials file but `default`, sorted, with
    where it is written (kept while its names are the same, as `_sorted_names`)."""
    key = ("profile headers", (id(part),))
    kept = _SORTED.get(key)
    if kept is not None:
        return kept[1]
    found = sorted(
        (f"profile {name}", f"settings for the credentials profile [{name}]")
        for name, _ in part.get("profiles", ())
        if name != "default"
    )
    return _keep(_SORTED, key, ((part,), found))[1]


Names = dict[str, list[tuple[str, str]]]  # group → (name, where it is written), in file order
_SORTED: dict[tuple[str, tuple[int, ...]], tuple[tuple[Names, ...], list[tuple[str, str]]]] = {}


class _Latest(Generic[T]):
    """A whole-file fact, kept for each version and for the latest version of each file, which
    the next version reuses when the blocks the edit replaced read the same (`read` of each
    block): typing a value changes no header, so the file's names stay. The replaced blocks
    are found by comparing the two versions' blocks by identity, at C speed; visiting the
    25,000 blocks of a large file to gather the names again cost 15-30 ms. A fact that can be
    `patch`ed with what the replaced and the replacing blocks read is, when they differ (typing
    inside a header's brackets). The latest version of another file is let go once it is not in
    use (a closed file's blocks are not kept)."""

    def __init__(
        self,
        read: Callable[[Block], object],
        compute: Callable[[Model], T],
        patch: Callable[[T, Sequence[Block], Sequence[Block]], T] | None = None,
    ) -> None:
        self._read = read
        self._compute = compute
        self._patch = patch
        self._versions: WeakKeyDictionary[Model, T] = WeakKeyDictionary()
        self._latest: dict[tuple[str, FileKind], tuple[ref[Model], tuple[Block, ...], T]] = {}

    def __call__(self, model: Model) -> T:
        found = self._versions.get(model)
        if found is None:
            key = (model.path, model.kind)
            blocks = model.tree.blocks
            latest = self._latest.get(key)
            found = self._compute(model) if latest is None else self._next(model, *latest[1:])
            for other, (version, _, _) in list(self._latest.items()):
                if version() is None and other != key:
                    del self._latest[other]
            self._latest[key] = (ref(model), blocks, found)
            self._versions[model] = found
        return found

    def _next(self, model: Model, old: tuple[Block, ...], kept: T) -> T:
        """The fact of `model`, from `kept`, that of the version whose blocks were `old`."""
        new = model.tree.blocks
        shared = min(len(old), len(new))
        first = next(compress(count(), map(is_not, old, new)), shared)
        last = next(compress(count(), map(is_not, reversed(old), reversed(new))), shared)
        last = min(last, shared - first)  # blocks kept at the end
        replaced, replacing = old[first : len(old) - last], new[first : len(new) - last]
        if list(map(self._read, replaced)) == list(map(self._read, replacing)):
            return kept
        if self._patch is not None and len(replaced) + len(replacing) < len(new):
            return self._patch(kept, replaced, replacing)
        return self._compute(model)


def _header_names(block: Block) -> tuple[str | None, ...]:
    return tuple(node.name for node in block.sections)


def _written_in(model: Model) -> dict[str, int]:
    """Every section name written in a file, with how many times (see `_rewritten`)."""
    return dict(Counter(section.name for section in model.sections))


def _rewritten(
    kept: dict[str, int], replaced: Sequence[Block], replacing: Sequence[Block]
) -> dict[str, int]:
    """The names written once `replaced` blocks became `replacing` ones: a copy (at C speed)
    with their names taken out and put in; a name goes when no section is left to write it."""
    written = dict(kept)
    for name in (name for block in replaced for name in _header_names(block) if name is not None):
        written[name] -= 1
        if not written[name]:
            del written[name]
    for name in (name for block in replacing for name in _header_names(block) if name is not None):
        written[name] = written.get(name, 0) + 1
    return written


def _names_in(model: Model) -> Names:
    found: Names = {}
    for section, placed in model.placements:
        if placed.name is not None:
            found.setdefault(placed.group, []).append(
                (placed.name, f"[{section.name}] in {model.kind.value}")
            )
    return found


# The names a file defines, by group, each with where it is written; every written name.
_model_names = _Latest(_header_names, _names_in)
_written = _Latest(_header_names, _written_in, _rewritten)
_model_regions = _Latest(_block_regions, _regions_in)  # a file's region values


def _headers(
    ctx: ServerContext, state: DocumentState, place: Place, cut: list[bool]
) -> Iterable[Offer]:
    line = _line(state.model, place)
    close = "" if "]" in line[place.pos.col :] else "]"
    if state.kind is FileKind.BOTO:
        for name in ("Credentials", "Boto"):
            yield _offer(name, Kind.Module, name + close)
        return
    existing = _written(state.model)
    if "default" not in existing and "profile default" not in existing:
        yield _offer("default", Kind.Module, "default" + close, detail="the default profile")
    if state.kind is FileKind.CREDENTIALS:
        # the config's profiles: those of this file are written already
        other = ctx.companion(state)
        names = _sorted_names((_model_names(other),) if other else (), "profiles")
        for name, detail in _fitting(names, _typed(state.model, place), existing, cut):
            yield _offer(name, Kind.Module, name + close, detail=f"credentials for {detail}")
        return
    for prefix, detail in (
        ("profile", "a named profile"),
        ("sso-session", "IAM Identity Center settings shared by profiles"),
        ("services", "endpoint URLs per service, chosen with `services = NAME`"),
    ):
        yield _offer(prefix + " ", Kind.Keyword, detail=detail, sortText="0" + prefix)
    other = ctx.companion(state)
    if other is not None:  # the credentials file's profiles, cut as any long list of names
        names = _profile_headers(_model_names(other))
        for name, detail in _fitting(names, _typed(state.model, place), existing, cut):
            yield _offer(name, Kind.Module, name + close, detail=detail)
    for name in ("plugins", "preview"):
        if name not in existing:
            yield _offer(name, Kind.Module, name + close, sortText="2" + name)


def _detail(setting: KnownKey) -> str:
    env = f" · ${setting.env[0]}" if setting.env else ""
    return f"{type(setting.value_type).__name__.lower()}{env}"


def _documentation(setting: KnownKey) -> str:
    lines = [setting.description]
    if setting.default is not None:
        lines.append(f"\nDefault: `{setting.default}`")
    if setting.env:
        lines.append("\nEnvironment: " + ", ".join(f"`{e}`" for e in setting.env))
    if setting.doc:
        lines.append(f"\n[Documentation]({setting.doc})")
    return "\n".join(lines)
