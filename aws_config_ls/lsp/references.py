"""References, document highlight and rename of profile, sso-session and services names, across
the config and credentials files read together (the index is `names.py`, the plan `rename.py`)."""

from __future__ import annotations

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.uris import from_fs_path

from aws_config_ls.edit.names import Occurrence, find, name_at
from aws_config_ls.edit.refusal import Refusal
from aws_config_ls.edit.rename import plan_rename, target_at
from aws_config_ls.ini.model import Model
from aws_config_ls.lsp.context import ServerContext
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_pos, to_range


class RenameRefused(JsonRpcException):
    """A rename the client must not apply; the message says why (VS Code shows it)."""

    CODE = types.LSPErrorCodes.RequestFailed


def _models(ctx: ServerContext, state: DocumentState) -> dict[str, Model]:
    models = {state.path: state.model}
    other = ctx.companion(state)
    if other is not None:
        models.setdefault(other.path, other)
    return models


def _uri(path: str) -> str:
    return from_fs_path(path) or path


def references(
    ctx: ServerContext,
    state: DocumentState,
    position: types.Position,
    declarations: bool,
    encoding: str,
) -> list[types.Location]:
    here = name_at(state.model, to_pos(state.tree, position, encoding))
    if here is None:
        return []
    models = _models(ctx, state)
    return [
        types.Location(uri=_uri(o.path), range=to_range(models[o.path].tree, o.span, encoding))
        for o in find(models.values(), here.group, here.name)
        if o.span is not None and (declarations or not o.definition)
    ]


def highlights(
    state: DocumentState, position: types.Position, encoding: str
) -> list[types.DocumentHighlight]:
    here = name_at(state.model, to_pos(state.tree, position, encoding))
    if here is None:
        return []
    kinds = {True: types.DocumentHighlightKind.Write, False: types.DocumentHighlightKind.Read}
    return [
        types.DocumentHighlight(
            range=to_range(state.tree, o.span, encoding), kind=kinds[o.definition]
        )
        for o in find([state.model], here.group, here.name)
        if o.span is not None
    ]


def _target(state: DocumentState, position: types.Position, encoding: str) -> Occurrence:
    found = target_at(state.model, to_pos(state.tree, position, encoding))
    if isinstance(found, Refusal):
        raise RenameRefused(found.message)
    return found


def prepare_rename(
    state: DocumentState, position: types.Position, encoding: str
) -> types.PrepareRenamePlaceholder:
    found = _target(state, position, encoding)
    assert found.span is not None  # target_at refuses a name it cannot point at
    return types.PrepareRenamePlaceholder(
        range=to_range(state.tree, found.span, encoding), placeholder=found.name
    )


def rename(
    ctx: ServerContext, state: DocumentState, position: types.Position, new: str, encoding: str
) -> types.WorkspaceEdit:
    found = _target(state, position, encoding)
    models = _models(ctx, state)
    plan = plan_rename(list(models.values()), found.group, found.name, new)
    if isinstance(plan, Refusal):
        raise RenameRefused(plan.message)
    return types.WorkspaceEdit(
        changes={
            _uri(path): [
                types.TextEdit(range=to_range(models[path].tree, e.span, encoding), new_text=e.text)
                for e in edits
            ]
            for path, edits in plan.items()
        }
    )
