"""Inlay hints where a value comes from elsewhere: after a profile header, the credentials and
region when they are not this section's own (a chain of profiles, a variable); after
`source_profile = x`, the chain the profile goes through."""

from __future__ import annotations

from lsprotocol import types

from aws_config_ls.edit.names import Occurrence, occurrences_between
from aws_config_ls.explain.summary import ProfileSummary, credential_text, summarize
from aws_config_ls.lsp.context import ServerContext
from aws_config_ls.lsp.documents import DocumentState
from aws_config_ls.lsp.positions import to_client_col
from aws_config_ls.resolution.state import credentials_for


def inlay_hints(
    ctx: ServerContext, doc: DocumentState, within: types.Range, encoding: str
) -> list[types.InlayHint]:
    settings = ctx.settings
    ctx = ctx.for_document(doc)
    out = []
    for o in occurrences_between(doc.model, within.start.line, within.end.line):
        if o.group != "profiles":
            continue
        if o.definition and settings.inlay_hints_headers:
            label = _header_label(doc, o, summarize(ctx.workspace.state, o.name))
        elif settings.inlay_hints_chains and _source_profile(doc, o):
            label = _chain_label(ctx, doc, o)
        else:
            label = None
        if label:
            text = doc.tree.line(o.line).text
            end = len(text.rstrip())
            position = types.Position(line=o.line, character=to_client_col(text, end, encoding))
            out.append(types.InlayHint(position=position, label=label, padding_left=True))
    return out


def _source_profile(doc: DocumentState, o: Occurrence) -> bool:
    return not o.definition and doc.tree.line(o.line).key.lower() == "source_profile"


def _header_label(doc: DocumentState, o: Occurrence, summary: ProfileSummary) -> str | None:
    if summary.error:
        return summary.credentials.split(":")[0]
    parts = []
    if summary.outside:
        parts.append(f"{summary.credentials} · from {summary.outside}")
    elif summary.chained:
        parts.append(summary.credentials)
    section = doc.model.section_at(o.line)
    own = None
    if section is not None:
        own = next(
            (doc.model.value(section, e) for e in section.node.entries if e.key == "region"),
            None,
        )
    if summary.region and (own != summary.region or summary.region_from):
        source = f" · from {summary.region_from}" if summary.region_from else ""
        parts.append(f"region {summary.region}{source}")
    return " | ".join(parts) or None


def _chain_label(ctx: ServerContext, doc: DocumentState, o: Occurrence) -> str | None:
    """From `source_profile = x` in profile P: the chain P's credentials go through."""
    section = doc.model.section_at(o.line)
    if section is None:
        return None
    placed = doc.model.placement_at.get(section.header)
    if placed is None or placed.group != "profiles" or placed.name is None:
        return None
    outcome = credentials_for(ctx.workspace.state, placed.name)
    if outcome.error is not None:
        return f"✗ {outcome.error.type}"
    if not outcome.hops:
        return None
    return "⇒ " + credential_text(outcome).split(" via ", 1)[-1]
