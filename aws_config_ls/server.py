"""The language server: LSP wiring only. Each handler hands over to a feature module."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.exceptions import FeatureNotificationError
from pygls.lsp.server import LanguageServer

from aws_config_ls import __version__
from aws_config_ls.catalogue.secrets import is_secret_variable, secret_values
from aws_config_ls.explain.report import explain_report
from aws_config_ls.explain.report import profiles as profiles_of
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.locations import (
    GENERIC_LANGUAGES,
    kind_from_name,
    looks_like_aws,
)
from aws_config_ls.lsp.completion import TRIGGER_CHARACTERS
from aws_config_ls.lsp.completion import completion as complete
from aws_config_ls.lsp.context import Context
from aws_config_ls.lsp.definition import definition as definition_at
from aws_config_ls.lsp.diagnostics import quick_fixes
from aws_config_ls.lsp.documents import LANGUAGE_KINDS, DocumentState
from aws_config_ls.lsp.hover import hover as hover_at
from aws_config_ls.lsp.protocol import Protocol, serve_stdio
from aws_config_ls.lsp.settings import Settings, parse_settings
from aws_config_ls.lsp.store import DocumentStore, path_of
from aws_config_ls.lsp.symbols import symbols
from aws_config_ls.redact import Redactor
from aws_config_ls.resolution.environment import Environment
from aws_config_ls.workspace import Workspace

if TYPE_CHECKING:
    from pygls.server import ServerErrors

log = logging.getLogger(__name__)
SECTION = "awsConfig"
# How long start-up waits for the client: its answers to workspace/configuration and
# client/registerCapability, and the `initialized` notification after `initialize`.
CLIENT_TIMEOUT = 2.0


class AwsConfigServer(LanguageServer):
    """The server's state: settings, open documents and the files boto3 reads."""

    protocol: Protocol

    def __init__(self) -> None:
        super().__init__("aws-config-ls", __version__, protocol_cls=Protocol)
        self.settings = Settings()
        self.store = DocumentStore(self.analysis, self.send_diagnostics)
        self.ready = asyncio.Event()
        self.redactor = Redactor()
        self._context: Context | None = None

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def kind_for(self, uri: str, language_id: str | None) -> FileKind | None:
        """The kind a document is: its language, else the file boto3 reads it as, else its
        name (only for AWS file names or the generic INI languages)."""
        kind = LANGUAGE_KINDS.get(language_id or "")
        path = path_of(uri)
        if kind is None:
            kind = self.context().workspace.kind_of(path)
        if kind is None and language_id in GENERIC_LANGUAGES and looks_like_aws(path):
            kind = kind_from_name(path)
        return kind

    def analysis(self, state: DocumentState, full: bool) -> Callable[[], list[types.Diagnostic]]:
        """The diagnostics of `state`, to compute on the store's worker thread: everything
        it reads is taken now, on the event loop."""
        context, encoding = self.context(), self.encoding
        return lambda: context.diagnostics(state, encoding, full)

    def send_diagnostics(self, state: DocumentState, diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=state.uri, version=state.version, diagnostics=diagnostics
            )
        )

    def publish_all(self) -> None:
        for state in self.store:
            self.store.schedule(state)

    def changed(self) -> None:
        """A document, a watched file or a setting changed: analyse afresh, lazily."""
        self._context = None

    def context(self) -> Context:
        if self._context is None:
            env = Environment(
                self.settings.effective_environment(),
                explicit_profile=self.settings.explicit_profile,
            )
            uris = {path: state.uri for path, state in self.store.files.open.items()}
            self._context = Context(self.settings, Workspace(env, self.store.files.model), uris)
        return self._context

    def publish_after_edit(self, state: DocumentState) -> None:
        """The edited document, and the open files whose problems read it."""
        self.store.schedule(state)
        for other in self.store:
            if other is not state and self.context().depends_on(other, state):
                self.store.schedule(other)

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

    async def ask_client(self, what: str, request: Awaitable[Any]) -> Any:
        """The client's answer, or None when it fails, is malformed or takes too long
        (logged once: start-up goes on with the defaults)."""
        try:
            return await asyncio.wait_for(request, CLIENT_TIMEOUT)
        except Exception as error:
            reason = "no answer in time" if isinstance(error, asyncio.TimeoutError) else repr(error)
            self.protocol.warn_once(what, "%s: %s; using the defaults", what, reason)
            return None

    def serve(self) -> int:
        """Serve on stdio; the exit code (1 on `exit` without `shutdown`)."""
        return serve_stdio(self.protocol, sys.stdin.fileno(), sys.stdout.buffer)

    def report_server_error(self, error: Exception, source: ServerErrors) -> None:
        """Errors go to the log; a pop-up only for a failing notification handler (a bug),
        never for what a client sent (those get an error reply where there is an id)."""
        if source is FeatureNotificationError:
            super().report_server_error(error, source)
        else:
            log.error("%s", error)


server = AwsConfigServer()


@server.feature(types.INITIALIZE)
def initialize(ls: AwsConfigServer, params: types.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict) and SECTION in options:
        options = options[SECTION]
    ls.apply_settings(options)
    # A client that never sends `initialized` is still served, with these settings.
    asyncio.get_running_loop().call_later(CLIENT_TIMEOUT, ls.ready.set)


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
        ls.publish_all()  # documents opened while settings were on their way


async def pull_configuration(ls: AwsConfigServer) -> None:
    answer = await ls.ask_client(
        "workspace/configuration",
        ls.workspace_configuration_async(
            types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)])
        ),
    )
    if isinstance(answer, (list, tuple)) and len(answer) == 1 and answer[0] is not None:
        ls.apply_settings(answer[0])


async def watch_files(ls: AwsConfigServer) -> None:
    """Ask the client to tell us when the files boto3 reads change on disk (a client that
    refuses: the files are re-read when needed instead)."""
    ws = ls.context().workspace
    paths = (ws.config_path, ws.credentials_path, *ws.boto_paths)
    watchers = [types.FileSystemWatcher(glob_pattern=path) for path in paths]
    await ls.ask_client(
        "client/registerCapability",
        ls.client_register_capability_async(
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
        ),
    )


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
        ls.store.forget_disk(change.uri)
    ls.changed()
    ls.publish_all()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: AwsConfigServer, params: types.DidOpenTextDocumentParams) -> None:
    await ls.ready.wait()
    doc = params.text_document
    kind = ls.kind_for(doc.uri, doc.language_id)
    if kind is None:
        return
    state = ls.store.open(doc.uri, doc.version, kind, doc.text)
    ls.redactor.remember(secret_values(state.model))
    ls.changed()
    ls.publish_all()


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: AwsConfigServer, params: types.DidChangeTextDocumentParams) -> None:
    await ls.ready.wait()
    doc = params.text_document
    state = ls.store.change(doc.uri, doc.version, params.content_changes, ls.encoding)
    if state is None:
        return
    ls.changed()
    ls.publish_after_edit(state)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
async def did_close(ls: AwsConfigServer, params: types.DidCloseTextDocumentParams) -> None:
    await ls.ready.wait()  # after a didOpen still waiting for start-up
    state = ls.store.close(params.text_document.uri)
    if state is None:
        return
    ls.changed()
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=state.uri, diagnostics=[])
    )
    ls.publish_all()


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: AwsConfigServer, params: types.DidSaveTextDocumentParams) -> None:
    if ls.store.get(params.text_document.uri) is not None:
        ls.store.forget_disk(params.text_document.uri)
        ls.changed()


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=TRIGGER_CHARACTERS),
)
async def completion(ls: AwsConfigServer, params: types.CompletionParams) -> types.CompletionList:
    await ls.ready.wait()
    state = ls.store.get(params.text_document.uri)
    if state is None:
        return types.CompletionList(is_incomplete=False, items=[])
    return complete(ls.context(), state, params.position, ls.encoding, ls.client_capabilities)


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: AwsConfigServer, params: types.HoverParams) -> types.Hover | None:
    await ls.ready.wait()
    state = ls.store.get(params.text_document.uri)
    if state is None:
        return None
    return hover_at(ls.context(), state, params.position, ls.encoding, ls.client_capabilities)


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
async def definition(ls: AwsConfigServer, params: types.DefinitionParams) -> list[types.Location]:
    await ls.ready.wait()
    state = ls.store.get(params.text_document.uri)
    return definition_at(ls.context(), state, params.position, ls.encoding) if state else []


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
async def document_symbol(
    ls: AwsConfigServer, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol]:
    await ls.ready.wait()
    state = ls.store.get(params.text_document.uri)
    return symbols(state, ls.encoding) if state else []


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION)
def code_action(ls: AwsConfigServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    state = ls.store.get(params.text_document.uri)
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
