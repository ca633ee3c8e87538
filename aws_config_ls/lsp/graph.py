"""`awsConfig/graph`: the profiles as a graph, for the VS Code extension's picture of them.

The graph is `explain --graph`'s (explain/graph.py); this adds what an editor needs to go from
a node to the text, the line of each profile's header (the config file's section first, else
the credentials file's), and botocore's error message. Nothing secret: names, credential
methods and error messages with every secret masked.
"""

from __future__ import annotations

from typing import Any

from aws_config_ls.explain.graph import Node, profile_graph
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.lsp.context import ServerContext
from aws_config_ls.resolution.state import ResolutionState, credentials_for

Json = dict[str, Any]


def graph_json(ctx: ServerContext, profile: object) -> Json:
    """{"selected": name, "nodes": [{"id", "label", "kind", "selected", "error": null |
    {"type", "message"}, "location": null | {"uri", "line"}}], "edges": [{"source", "target",
    "label"}], "groups": [{"name", "members": [id]}]}; `profile` None (or not a name):
    boto3's selection."""
    ws = ctx.workspace
    state = ws.state
    graph = profile_graph(state, profile if isinstance(profile, str) else None)
    # (the header's line only: the client selects the name in its own columns; a range per
    # node would cost a position conversion each, a second for thousands of profiles)
    files = [
        (ctx.uri(m.path), m)
        for m in (
            ws.model(ws.config_path, FileKind.CONFIG),
            ws.model(ws.credentials_path, FileKind.CREDENTIALS),
        )
        if m is not None
    ]

    def location(node: Node) -> Json | None:
        if node.kind != "profile":
            return None
        for uri, model in files:
            section = model.winners.get(("profiles", node.label))
            if section is not None:
                return {"uri": uri, "line": section.header}
        return None

    return {
        "selected": next((n.label for n in graph.nodes if n.selected), None),
        "nodes": [
            {
                "id": n.id,
                "label": n.label,
                "kind": n.kind,
                "selected": n.selected,
                "error": _error(state, n),
                "location": location(n),
            }
            for n in graph.nodes
        ],
        "edges": [{"source": e.source, "target": e.target, "label": e.label} for e in graph.edges],
        "groups": [{"name": name, "members": list(members)} for name, members in graph.groups],
    }


def _error(state: ResolutionState, node: Node) -> Json | None:
    if node.error is None:
        return None
    error = credentials_for(state, node.label).error if node.kind == "profile" else None
    message = state.redact(error.message) if error is not None else ""
    return {"type": node.error, "message": message}
