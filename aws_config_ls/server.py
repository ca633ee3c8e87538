"""The language server: LSP wiring only. Each handler hands over to a feature module."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from lsprotocol import types
from pygls.exceptions import FeatureNotificationError
from pygls.lsp.server import LanguageServer

from aws_config_ls import __version__
from aws_config_ls.catalogue.secrets import is_secret_variable, secret_values
from aws_config_ls.explain.report import explain_report
from aws_config_ls.explain.report import profiles as profiles_of
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.locations import kind_by_name
from aws_config_ls.lsp import references as refs
from aws_config_ls.lsp.code_lens import code_lens_json, lens_uri, resolve_lens
from aws_config_ls.lsp.completion import TRIGGER_CHARACTERS, completion_json
from aws_config_ls.lsp.completion import resolve as resolve_item
from aws_config_ls.lsp.context import ServerContext
from aws_config_ls.lsp.definition import definition as definition_at
from aws_config_ls.lsp.diagnostics import fix_all_action, quick_fixes, wanted
from aws_config_ls.lsp.documents import LANGUAGE_KINDS, DocumentState
from aws_config_ls.lsp.folding import folding_json
from aws_config_ls.lsp.formatting import formatting as format_edits
from aws_config_ls.lsp.graph import graph_json
from aws_config_ls.lsp.hover import hover as hover_at
from aws_config_ls.lsp.inlay_hints import inlay_hints
from aws_config_ls.lsp.links import document_links
from aws_config_ls.lsp.protocol import Encoded, Protocol, converter, encoded_once, serve_stdio
from aws_config_ls.lsp.selection import selection_ranges
from aws_config_ls.lsp.semantic_tokens import LEGEND, TokenHistory, semantic_tokens
from aws_config_ls.lsp.settings import Settings, layered, parse_settings
from aws_config_ls.lsp.store import FULL_ANALYSIS_LINES, DocumentStore, path_of
from aws_config_ls.lsp.symbols import symbols
from aws_config_ls.lsp.workspace_symbols import workspace_symbols
from aws_config_ls.redact import Redactor
from aws_config_ls.resolution.environment import Environment
from aws_config_ls.workspace import Workspace

if TYPE_CHECKING:
    from pygls.server import ServerErrors

log = logging.getLogger(__name__)
T = TypeVar("T")
SECTION = "awsConfig"
# How long start-up waits for the client: its answers to workspace/configuration and
# client/registerCapability, and the `initialized` notification after `initialize`.
CLIENT_TIMEOUT = 2.0


class AwsConfigServer(LanguageServer):
    """The server's state: settings, open documents and the files boto3 reads."""

    protocol: Protocol

    def __init__(self) -> None:
        super().__init__(
            "aws-config-ls", __version__, protocol_cls=Protocol, converter_factory=converter
        )
        self.settings = Settings()
        self.options: Any = None  # initializationOptions, under what the client answers later
        self.store = DocumentStore(self.analysis, self.send_diagnostics)
        self.ready = asyncio.Event()
        self.redactor = Redactor()
        self._context: ServerContext | None = None
        # Documents whose diagnostics the client pulls, with the store's latest analysis.
        self.pulled: dict[str, tuple[DocumentState, list[types.Diagnostic]] | None] = {}
        self._refresh_due = False
        self.tokens = TokenHistory()  # the last semantic tokens sent, for full/delta

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def kind_for(self, uri: str, language_id: str | None) -> FileKind | None:
        """The kind a document is: its language, else the file boto3 reads it as, else its
        name (AWS names in a generic INI language, or the `extraFiles` globs)."""
        kind = LANGUAGE_KINDS.get(language_id or "")
        path = path_of(uri)
        if kind is None:
            kind = self.context().workspace.kind_of(path)
        if kind is None:
            kind = kind_by_name(path, language_id or "", self.settings.extra_files)
        return kind

    def analysis(self, state: DocumentState, full: bool) -> Callable[[], list[types.Diagnostic]]:
        """The diagnostics of `state`, to compute on the store's worker thread: everything
        it reads is taken now, on the event loop."""
        context, encoding = self.context(), self.encoding
        return lambda: context.diagnostics(state, encoding, full)

    def send_diagnostics(self, state: DocumentState, diagnostics: list[types.Diagnostic]) -> None:
        if state.uri in self.pulled:  # kept for the client's next pull, which it is asked for
            self.pulled[state.uri] = (state, diagnostics)
            self.refresh()
            return
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=state.uri, version=state.version, diagnostics=diagnostics
            )
        )

    def publish_all(self) -> None:
        for state in self.store:
            self.store.schedule(state)
        workspace = self.client_capabilities.workspace  # lenses and hints read every file
        if workspace and workspace.code_lens and workspace.code_lens.refresh_support:
            _ignore_answer(self.workspace_code_lens_refresh(None))
        if workspace and workspace.inlay_hint and workspace.inlay_hint.refresh_support:
            _ignore_answer(self.workspace_inlay_hint_refresh(None))

    def changed(self) -> None:
        """A document, a watched file or a setting changed: analyse afresh, lazily."""
        self._context = None

    def context(self) -> ServerContext:
        if self._context is None:
            env = Environment(
                self.settings.effective_environment(),
                explicit_profile=self.settings.explicit_profile,
            )
            uris = {path: state.uri for path, state in self.store.files.open.items()}
            self._context = ServerContext(
                self.settings, Workspace(env, self.store.files.model), uris
            )
        return self._context

    def document_context(self, uri: object) -> ServerContext:
        """The context an open document is read in (a copy: with its pair), else the files
        boto3 reads."""
        state = self.store.get(uri) if isinstance(uri, str) else None
        return self.context() if state is None else self.context().for_document(state)

    def publish_after_edit(self, state: DocumentState) -> None:
        """The edited document, and the open files whose problems read it."""
        self.store.schedule(state)
        for other in self.store:
            if other is not state and self.context().depends_on(other, state):
                self.store.schedule(other)

    def pulled_diagnostics(self, state: DocumentState) -> list[types.Diagnostic]:
        """Diagnostics the client asks for; from then on they are not pushed for this document
        (once cleared, so no client shows them twice). The store's latest analysis when it is
        of this version, else the file's own problems (all of them for a small file)."""
        if state.uri not in self.pulled:
            self.pulled[state.uri] = None
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=state.uri, diagnostics=[])
            )
        latest = self.pulled[state.uri]
        if latest is not None and latest[0] is state:
            return latest[1]
        full = state.tree.line_count <= FULL_ANALYSIS_LINES
        return self.context().diagnostics(state, self.encoding, full)

    def refresh(self) -> None:
        """Ask the client to pull again, once per burst of changes."""
        workspace = self.client_capabilities.workspace
        if self._refresh_due or not (workspace and workspace.diagnostics):
            return
        if not workspace.diagnostics.refresh_support:
            return
        self._refresh_due = True

        def send() -> None:
            self._refresh_due = False
            _ignore_answer(self.workspace_diagnostic_refresh(None))

        asyncio.get_running_loop().call_soon(send)

    def refusing(self, answer: tuple[T, str | None]) -> T:
        """A feature's answer, showing the user why it is empty when it was refused."""
        result, refusal = answer
        if refusal:
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Warning, message=refusal)
            )
        return result

    def apply_settings(self, raw: Any) -> bool:
        """The client's settings; whether they differ from those in force (VS Code's client,
        for one, sends the same ones again as it starts)."""
        settings, error = parse_settings(raw)
        differ = settings != self.settings
        self.settings = settings
        if differ:
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
        return differ

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


def _ignore_answer(request: Any) -> None:
    """A refresh request's answer matters not; a client that refuses it is not an error."""
    request.add_done_callback(lambda done: done.cancelled() or done.exception())


server = AwsConfigServer()


@server.feature(types.INITIALIZE)
def initialize(ls: AwsConfigServer, params: types.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict) and SECTION in options:
        options = options[SECTION]
    ls.options = options
    ls.apply_settings(options)
    # A client that never sends `initialized` is still served, with these settings.
    asyncio.get_running_loop().call_later(CLIENT_TIMEOUT, ls.ready.set)


@server.feature(types.INITIALIZED)
async def initialized(ls: AwsConfigServer, params: types.InitializedParams) -> None:
    capabilities = ls.client_capabilities.workspace
    try:
        if capabilities and capabilities.configuration:
            await pull_configuration(ls)
    finally:
        ls.ready.set()
        ls.publish_all()  # documents opened while settings were on their way
    # (after serving starts: nothing waits on the file watchers, and the first diagnostics
    # need not wait on their registration's round trip)
    if (
        capabilities
        and capabilities.did_change_watched_files
        and capabilities.did_change_watched_files.dynamic_registration
    ):
        await watch_files(ls)


async def pull_configuration(ls: AwsConfigServer) -> bool:
    """Whether the client's answer changed the settings."""
    answer = await ls.ask_client(
        "workspace/configuration",
        ls.workspace_configuration_async(
            types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)])
        ),
    )
    if isinstance(answer, (list, tuple)) and len(answer) == 1 and answer[0] is not None:
        return ls.apply_settings(layered(ls.options, answer[0]))
    return False


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
        changed = await pull_configuration(ls)
    else:
        raw = params.settings
        changed = ls.apply_settings(raw.get(SECTION, raw) if isinstance(raw, dict) else raw)
    if changed:  # (the same settings again: nothing to analyse, no client to ask to refresh)
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
    ls.pulled.pop(state.uri, None)
    ls.tokens.forget(state.uri)
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
    types.CompletionOptions(trigger_characters=TRIGGER_CHARACTERS, resolve_provider=True),
)
async def completion(
    ls: AwsConfigServer, params: types.CompletionParams
) -> types.CompletionList | Encoded:
    await ls.ready.wait()
    state = ls.store.get(params.text_document.uri)
    if state is None:
        return types.CompletionList(is_incomplete=False, items=[])
    capabilities = ls.client_capabilities
    return Encoded(completion_json(ls.context(), state, params.position, ls.encoding, capabilities))


@server.feature(types.COMPLETION_ITEM_RESOLVE)
def completion_resolve(ls: AwsConfigServer, item: types.CompletionItem) -> types.CompletionItem:
    return resolve_item(item, ls.client_capabilities)


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


_QUICK_FIX, _FIX_ALL = types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[_QUICK_FIX, _FIX_ALL]),
)
def code_action(ls: AwsConfigServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """Quick fixes for the diagnostics sent; all the safe fixes when `source.fixAll` is asked."""
    uri, context = params.text_document.uri, params.context
    state = ls.store.get(uri)
    actions = []
    if wanted(_QUICK_FIX, context.only):
        actions = quick_fixes(state, uri, context.diagnostics, ls.encoding)
    if state is not None and context.only and wanted(_FIX_ALL, context.only):
        fixed = fix_all_action(state, ls.settings, ls.encoding)
        actions += [fixed] if fixed else []
    return actions


# -- navigation and editing (issue 13): each handler hands over to one feature function -----


async def _state(ls: AwsConfigServer, uri: str) -> DocumentState | None:
    await ls.ready.wait()
    return ls.store.get(uri)


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
async def references(ls: AwsConfigServer, params: types.ReferenceParams) -> list[types.Location]:
    state = await _state(ls, params.text_document.uri)
    found = params.context.include_declaration
    return (
        refs.references(ls.context(), state, params.position, found, ls.encoding) if state else []
    )


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT)
async def highlight(
    ls: AwsConfigServer, params: types.DocumentHighlightParams
) -> list[types.DocumentHighlight]:
    state = await _state(ls, params.text_document.uri)
    return refs.highlights(state, params.position, ls.encoding) if state else []


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
async def prepare_rename(
    ls: AwsConfigServer, params: types.PrepareRenameParams
) -> types.PrepareRenamePlaceholder | None:
    state = await _state(ls, params.text_document.uri)
    return refs.prepare_rename(state, params.position, ls.encoding) if state else None


@server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
async def rename(ls: AwsConfigServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    state = await _state(ls, params.text_document.uri)
    new, pos = params.new_name, params.position
    return refs.rename(ls.context(), state, pos, new, ls.encoding) if state else None


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
async def formatting(
    ls: AwsConfigServer, params: types.DocumentFormattingParams
) -> list[types.TextEdit]:
    state = await _state(ls, params.text_document.uri)
    return ls.refusing(format_edits(state, ls.encoding)) if state else []


@server.feature(types.TEXT_DOCUMENT_RANGE_FORMATTING)
async def range_formatting(
    ls: AwsConfigServer, params: types.DocumentRangeFormattingParams
) -> list[types.TextEdit]:
    state = await _state(ls, params.text_document.uri)
    return ls.refusing(format_edits(state, ls.encoding, params.range)) if state else []


@server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
async def folding(
    ls: AwsConfigServer, params: types.FoldingRangeParams
) -> list[types.FoldingRange] | Encoded:
    state = await _state(ls, params.text_document.uri)
    return encoded_once(state.model, "folding", lambda: folding_json(state)) if state else []


@server.feature(types.TEXT_DOCUMENT_SELECTION_RANGE)
async def selection(
    ls: AwsConfigServer, params: types.SelectionRangeParams
) -> list[types.SelectionRange]:
    state = await _state(ls, params.text_document.uri)
    return selection_ranges(state, params.positions, ls.encoding) if state else []


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_LINK)
async def links(ls: AwsConfigServer, params: types.DocumentLinkParams) -> list[types.DocumentLink]:
    state = await _state(ls, params.text_document.uri)
    return document_links(state, ls.context().workspace.env, ls.encoding) if state else []


@server.feature(types.WORKSPACE_SYMBOL)
async def workspace_symbol(
    ls: AwsConfigServer, params: types.WorkspaceSymbolParams
) -> list[types.SymbolInformation]:
    await ls.ready.wait()
    return workspace_symbols(ls.context(), params.query, ls.encoding)


@server.feature(
    types.TEXT_DOCUMENT_DIAGNOSTIC,
    types.DiagnosticOptions(inter_file_dependencies=True, workspace_diagnostics=False),
)
async def pull_diagnostics(
    ls: AwsConfigServer, params: types.DocumentDiagnosticParams
) -> types.RelatedFullDocumentDiagnosticReport:
    state = await _state(ls, params.text_document.uri)
    items = ls.pulled_diagnostics(state) if state else []
    return types.RelatedFullDocumentDiagnosticReport(items=items)


@server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, LEGEND)
async def tokens(ls: AwsConfigServer, params: types.SemanticTokensParams) -> types.SemanticTokens:
    uri = params.text_document.uri
    state = await _state(ls, uri)
    return ls.tokens.full(uri, semantic_tokens(state, ls.encoding) if state else _NO_TOKENS)


@server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL_DELTA)
async def tokens_delta(
    ls: AwsConfigServer, params: types.SemanticTokensDeltaParams
) -> types.SemanticTokens | types.SemanticTokensDelta:
    uri = params.text_document.uri
    state = await _state(ls, uri)
    found = semantic_tokens(state, ls.encoding) if state else _NO_TOKENS
    return ls.tokens.delta(uri, params.previous_result_id, found)


_NO_TOKENS = types.SemanticTokens(data=[])


@server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_RANGE, LEGEND)
async def tokens_range(
    ls: AwsConfigServer, params: types.SemanticTokensRangeParams
) -> types.SemanticTokens:
    state = await _state(ls, params.text_document.uri)
    found = semantic_tokens(state, ls.encoding, params.range) if state else None
    return found or types.SemanticTokens(data=[])


@server.feature(types.TEXT_DOCUMENT_CODE_LENS, types.CodeLensOptions(resolve_provider=True))
async def lenses(
    ls: AwsConfigServer, params: types.CodeLensParams
) -> list[types.CodeLens] | Encoded:
    state = await _state(ls, params.text_document.uri)
    if state is None or not ls.settings.code_lens:
        return []
    encoding = ls.encoding
    return encoded_once(state.model, f"lenses {encoding}", lambda: code_lens_json(state, encoding))


@server.feature(types.CODE_LENS_RESOLVE)
async def lens_resolve(ls: AwsConfigServer, lens: types.CodeLens) -> types.CodeLens:
    await ls.ready.wait()
    return resolve_lens(ls.document_context(lens_uri(lens)), lens)


@server.feature(types.TEXT_DOCUMENT_INLAY_HINT)
async def hints(ls: AwsConfigServer, params: types.InlayHintParams) -> list[types.InlayHint]:
    state = await _state(ls, params.text_document.uri)
    return inlay_hints(ls.context(), state, params.range, ls.encoding) if state else []


@server.feature("awsConfig/explain")
async def explain(ls: AwsConfigServer, params: Any) -> dict[str, Any]:
    """`{"profile": name or null, "uri": optional}`: with the URI of an open copy outside the
    files boto3 reads, the profile as that copy and its pair would resolve."""
    await ls.ready.wait()
    context = ls.document_context(_param(params, "uri"))
    return explain_report(context.workspace.state, _param(params, "profile"))


@server.feature("awsConfig/graph")
async def graph(ls: AwsConfigServer, params: Any) -> dict[str, Any]:
    await ls.ready.wait()
    return graph_json(ls.context(), _param(params, "profile"))


@server.feature("awsConfig/profiles")
async def list_profiles(ls: AwsConfigServer, params: Any) -> dict[str, Any]:
    await ls.ready.wait()
    return {"profiles": profiles_of(ls.context().workspace.state)}


def _param(params: Any, name: str) -> str | None:
    """A custom request's string parameter; anything else (a list, a number) counts as null,
    as a missing one does, so a malformed request still gets an answer."""
    value = params.get(name) if isinstance(params, dict) else getattr(params, name, None)
    return value if isinstance(value, str) else None
