"""The language server: LSP wiring only. Each handler hands over to a feature module."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from aws_config_ls import __version__
from aws_config_ls.catalogue.secrets import is_secret_variable, secret_values
from aws_config_ls.explain.report import explain_report
from aws_config_ls.explain.report import profiles as profiles_of
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.locations import (
    GENERIC_LANGUAGES,
    kind_from_name,
    looks_like_aws,
    normalized,
)
from aws_config_ls.lsp.completion import TRIGGER_CHARACTERS
from aws_config_ls.lsp.completion import completion as complete
from aws_config_ls.lsp.context import Context
from aws_config_ls.lsp.definition import definition as definition_at
from aws_config_ls.lsp.diagnostics import quick_fixes
from aws_config_ls.lsp.documents import LANGUAGE_KINDS, DocumentState, open_state
from aws_config_ls.lsp.files import Files
from aws_config_ls.lsp.hover import hover as hover_at
from aws_config_ls.lsp.settings import Settings, parse_settings
from aws_config_ls.lsp.symbols import symbols
from aws_config_ls.redact import Redactor
from aws_config_ls.resolution.environment import Environment
from aws_config_ls.workspace import Workspace

log = logging.getLogger(__name__)
SECTION = "awsConfig"
# Up to this size a file gets every problem on each keystroke; beyond, cross-profile and
# environment problems follow once typing pauses for FULL_ANALYSIS_DELAY seconds.
FULL_ANALYSIS_LINES = 3000
FULL_ANALYSIS_DELAY = 0.3


class AwsConfigServer(LanguageServer):
    """The server's state: settings, open documents and the files boto3 reads."""

    def __init__(self) -> None:
        super().__init__("aws-config-ls", __version__)
        self.settings = Settings()
        self.files = Files()
        self.documents: dict[str, DocumentState] = {}
        self.ready = asyncio.Event()
        self.redactor = Redactor()
        self._context: Context | None = None
        self._pending: dict[str, asyncio.Future[None]] = {}

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def kind_for(self, uri: str, language_id: str | None) -> FileKind | None:
        """The kind a document is: its language, else the file boto3 reads it as, else its
        name (only for AWS file names or the generic INI languages)."""
        kind = LANGUAGE_KINDS.get(language_id or "")
        path = normalized(to_fs_path(uri) or uri)
        if kind is None:
            kind = self.context().workspace.kind_of(path)
        if kind is None and language_id in GENERIC_LANGUAGES and looks_like_aws(path):
            kind = kind_from_name(path)
        return kind

    def publish(self, state: DocumentState, full: bool = True) -> None:
        diagnostics = self.context().diagnostics(state, self.encoding, full)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=state.uri, version=state.version, diagnostics=diagnostics
            )
        )

    def publish_all(self) -> None:
        for state in list(self.documents.values()):
            self.publish(state)

    def changed(self) -> None:
        """A document, a watched file or a setting changed: analyse afresh, lazily."""
        self._context = None

    def context(self) -> Context:
        if self._context is None:
            env = Environment(
                self.settings.effective_environment(),
                explicit_profile=self.settings.explicit_profile,
            )
            uris = {path: state.uri for path, state in self.files.open.items()}
            self._context = Context(self.settings, Workspace(env, self.files.model), uris)
        return self._context

    def publish_after_edit(self, state: DocumentState) -> None:
        """Local problems at once; what needs the other files too, at once for a small file,
        else when typing pauses (resolution of thousands of profiles takes a while)."""
        small = state.tree.line_count <= FULL_ANALYSIS_LINES
        self.publish(state, full=small)
        if not small:
            self._schedule_full(state.uri)
        for other in list(self.documents.values()):
            if other is not state and self.context().depends_on(other, state):
                self.publish(other)

    def _schedule_full(self, uri: str) -> None:
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()

        async def later() -> None:
            await asyncio.sleep(FULL_ANALYSIS_DELAY)
            self._pending.pop(uri, None)
            state = self.documents.get(uri)
            if state is not None:
                self.publish(state)

        self._pending[uri] = asyncio.ensure_future(later())

    def apply_settings(self, raw: Any) -> None:
        settings, error = parse_settings(raw)
        self.settings = settings
        self.changed()
        self.redactor.remember(
            value
            for name, value in settings.effective_environment().items()
            if is_secret_variable(name)
        )
        if error:
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Warning, message=error)
            )


server = AwsConfigServer()


@server.feature(types.INITIALIZE)
def initialize(ls: AwsConfigServer, params: types.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict) and SECTION in options:
        options = options[SECTION]
    ls.apply_settings(options)


@server.feature(types.INITIALIZED)
async def initialized(ls: AwsConfigServer, params: types.InitializedParams) -> None:
    try:
        capabilities = ls.client_capabilities.workspace
        if capabilities and capabilities.configuration:
            await pull_configuration(ls)
        if (
            capabilities
            and capabilities.did_change_watched_files
            and capabilities.did_change_watched_files.dynamic_registration
        ):
            await watch_files(ls)
    finally:
        ls.ready.set()


async def pull_configuration(ls: AwsConfigServer) -> None:
    try:
        [raw] = await ls.workspace_configuration_async(
            types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)])
        )
    except Exception as error:  # a client that fails the request keeps the current settings
        log.warning("workspace/configuration failed: %s", error)
        return
    if raw is not None:
        ls.apply_settings(raw)


async def watch_files(ls: AwsConfigServer) -> None:
    """Ask the client to tell us when the files boto3 reads change on disk."""
    ws = ls.context().workspace
    paths = (ws.config_path, ws.credentials_path, *ws.boto_paths)
    watchers = [types.FileSystemWatcher(glob_pattern=path) for path in paths]
    registration = ls.client_register_capability_async(
        types.RegistrationParams(
            registrations=[
                types.Registration(
                    id="aws-config-ls-files",
                    method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=types.DidChangeWatchedFilesRegistrationOptions(
                        watchers=watchers
                    ),
                )
            ]
        )
    )
    try:
        await registration
    except Exception as error:  # the client refused: files are re-read when needed instead
        log.info("client did not register file watchers: %s", error)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(
    ls: AwsConfigServer, params: types.DidChangeConfigurationParams
) -> None:
    capabilities = ls.client_capabilities.workspace
    if capabilities and capabilities.configuration:
        await pull_configuration(ls)
    else:
        raw = params.settings
        ls.apply_settings(raw.get(SECTION, raw) if isinstance(raw, dict) else raw)
    ls.publish_all()


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(
    ls: AwsConfigServer, params: types.DidChangeWatchedFilesParams
) -> None:
    for change in params.changes:
        ls.files.forget(normalized(to_fs_path(change.uri) or change.uri))
    ls.changed()
    ls.publish_all()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: AwsConfigServer, params: types.DidOpenTextDocumentParams) -> None:
    await ls.ready.wait()
    doc = params.text_document
    kind = ls.kind_for(doc.uri, doc.language_id)
    if kind is None:
        return
    path = normalized(to_fs_path(doc.uri) or doc.uri)
    state = open_state(doc.uri, path, doc.version, kind, doc.text)
    ls.documents[doc.uri] = ls.files.open[path] = state
    ls.redactor.remember(secret_values(state.model))
    ls.changed()
    ls.publish_all()


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: AwsConfigServer, params: types.DidChangeTextDocumentParams) -> None:
    await ls.ready.wait()
    old = ls.documents.get(params.text_document.uri)
    if old is None:
        return
    state = old.edited(params.text_document.version, params.content_changes, ls.encoding)
    ls.documents[state.uri] = ls.files.open[state.path] = state
    ls.changed()
    ls.publish_after_edit(state)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: AwsConfigServer, params: types.DidCloseTextDocumentParams) -> None:
    state = ls.documents.pop(params.text_document.uri, None)
    if state is None:
        return
    ls.files.open.pop(state.path, None)
    ls.files.forget(state.path)
    ls.changed()
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=state.uri, diagnostics=[])
    )
    ls.publish_all()


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: AwsConfigServer, params: types.DidSaveTextDocumentParams) -> None:
    state = ls.documents.get(params.text_document.uri)
    if state is not None:
        ls.files.forget(state.path)
        ls.changed()


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=TRIGGER_CHARACTERS),
)
async def completion(ls: AwsConfigServer, params: types.CompletionParams) -> types.CompletionList:
    await ls.ready.wait()
    state = ls.documents.get(params.text_document.uri)
    if state is None:
        return types.CompletionList(is_incomplete=False, items=[])
    return complete(ls.context(), state, params.position, ls.encoding, ls.client_capabilities)


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: AwsConfigServer, params: types.HoverParams) -> types.Hover | None:
    await ls.ready.wait()
    state = ls.documents.get(params.text_document.uri)
    if state is None:
        return None
    return hover_at(ls.context(), state, params.position, ls.encoding, ls.client_capabilities)


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
async def definition(ls: AwsConfigServer, params: types.DefinitionParams) -> list[types.Location]:
    await ls.ready.wait()
    state = ls.documents.get(params.text_document.uri)
    return definition_at(ls.context(), state, params.position, ls.encoding) if state else []


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
async def document_symbol(
    ls: AwsConfigServer, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol]:
    await ls.ready.wait()
    state = ls.documents.get(params.text_document.uri)
    return symbols(state, ls.encoding) if state else []


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION)
def code_action(ls: AwsConfigServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    state = ls.documents.get(params.text_document.uri)
    return quick_fixes(state, params.text_document.uri, params.context.diagnostics, ls.encoding)


@server.feature("awsConfig/explain")
async def explain(ls: AwsConfigServer, params: Any) -> dict[str, Any]:
    await ls.ready.wait()
    return explain_report(ls.context().workspace.state, _param(params, "profile"))


@server.feature("awsConfig/profiles")
async def list_profiles(ls: AwsConfigServer, params: Any) -> dict[str, Any]:
    await ls.ready.wait()
    return {"profiles": profiles_of(ls.context().workspace.state)}


def _param(params: Any, name: str) -> Any:
    if isinstance(params, dict):
        return params.get(name)
    return getattr(params, name, None)


def uri_of(path: str) -> str:
    return from_fs_path(path) or path
