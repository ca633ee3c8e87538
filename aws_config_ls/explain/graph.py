"""The profiles as a graph: each profile → its source_profile → … → where the credentials
come from, profiles grouped by their sso-session, the selected profile highlighted and the
ones botocore fails on marked. Built from the resolution state; printed as Mermaid or DOT.

Nothing secret is drawn: names, credential methods and error types only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aws_config_ls.resolution.credentials import CredentialOutcome
from aws_config_ls.resolution.refs import VariableRef
from aws_config_ls.resolution.state import ResolutionState, credentials_for


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    kind: str  # "profile" or "source" (where credentials come from)
    selected: bool = False
    error: str | None = None  # the exception botocore raises for the profile


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str


@dataclass(frozen=True)
class Graph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    groups: tuple[tuple[str, tuple[str, ...]], ...]  # sso-session name → its profiles' ids


def profile_graph(state: ResolutionState, profile: str | None = None) -> Graph:
    """The graph of every profile boto3 can select, `profile` (None: the current selection)
    highlighted."""
    config = state.full_config
    profiles = dict(config.profiles) if config is not None else {}
    selected = state.selection_for(profile).name or "default"
    ids = {name: f"p{i}" for i, name in enumerate(profiles)}
    nodes: list[Node] = []
    edges: list[Edge] = []
    sources: dict[str, str] = {}
    groups: dict[str, list[str]] = {}

    def source(label: str) -> str:
        if label not in sources:
            sources[label] = f"s{len(sources)}"
            nodes.append(Node(sources[label], label, "source"))
        return sources[label]

    for name, values in profiles.items():
        outcome = credentials_for(state, name)
        error = outcome.error
        nodes.append(
            Node(ids[name], name, "profile", name == selected, error.type if error else None)
        )
        target = values.get("source_profile")
        if isinstance(target, str):
            if target not in ids:  # a missing profile is drawn, so the broken link shows
                ids[target] = f"p{len(ids)}"
                nodes.append(Node(ids[target], target, "profile", error="ProfileNotFound"))
            edges.append(Edge(ids[name], ids[target], "source_profile"))
        elif isinstance(values.get("credential_source"), str):
            label = str(values["credential_source"])
            edges.append(Edge(ids[name], source(label), "credential_source"))
        elif error is None and outcome.found is not None:
            edges.append(Edge(ids[name], source(_origin(outcome)), "credentials"))
        session = values.get("sso_session")
        if isinstance(session, str):
            groups.setdefault(session, []).append(ids[name])
    return Graph(
        tuple(nodes), tuple(edges), tuple((s, tuple(members)) for s, members in groups.items())
    )


def _origin(outcome: CredentialOutcome) -> str:
    """The profile's own credential method, or the variable that beats it."""
    assert outcome.found is not None
    cause = outcome.found.cause
    if isinstance(cause, VariableRef):
        return f"environment ({cause.name})"
    return outcome.found.method


def _layout(
    graph: Graph,
    node: Callable[[Node], str],
    group: Callable[[int, str], list[str]],
    end: str,
    edge: Callable[[Edge], str],
) -> list[str]:
    """The lines every format lays out alike: each sso-session group (`group` opens it, `end`
    closes it) with its member nodes, the other nodes, then the edges."""
    by_id = {n.id: n for n in graph.nodes}
    grouped: set[str] = set()
    lines = []
    for i, (session, members) in enumerate(graph.groups):
        lines += [*group(i, session), *(f"    {node(by_id[m])}" for m in members), end]
        grouped.update(members)
    lines += [f"  {node(n)}" for n in graph.nodes if n.id not in grouped]
    return lines + [f"  {edge(e)}" for e in graph.edges]


def mermaid(graph: Graph) -> str:
    lines = [
        "flowchart LR",
        *_layout(
            graph,
            _mermaid_node,
            lambda i, session: [f'  subgraph g{i}["sso-session {_mermaid_text(session)}"]'],
            "  end",
            lambda e: f"{e.source} -->|{e.label}| {e.target}",
        ),
    ]
    lines.append("  classDef selected stroke-width:4px")
    lines.append("  classDef error stroke:#d00,color:#d00")
    selected = [n.id for n in graph.nodes if n.selected]
    errors = [n.id for n in graph.nodes if n.error]
    if selected:
        lines.append(f"  class {','.join(selected)} selected")
    if errors:
        lines.append(f"  class {','.join(errors)} error")
    return "\n".join(lines) + "\n"


def _mermaid_node(node: Node) -> str:
    label = "<br/>".join(map(_mermaid_text, _label(node).split("\n")))
    return f'{node.id}(["{label}"])' if node.kind == "source" else f'{node.id}["{label}"]'


def _mermaid_text(text: str) -> str:
    return "".join(f"#{ord(c)};" if c in '"#<>`' else c for c in text)


def dot(graph: Graph) -> str:
    lines = [
        "digraph profiles {",
        "  rankdir=LR;",
        "  node [shape=box];",
        *_layout(
            graph,
            _dot_node,
            lambda i, session: [
                f"  subgraph cluster_{i} {{",
                f"    label={_dot_text('sso-session ' + session)};",
            ],
            "  }",
            lambda e: f"{e.source} -> {e.target} [label={_dot_text(e.label)}];",
        ),
        "}",
    ]
    return "\n".join(lines) + "\n"


def _dot_node(node: Node) -> str:
    attrs = [f"label={_dot_text(_label(node))}"]
    if node.kind == "source":
        attrs.append("shape=ellipse")
    if node.selected:
        attrs.append("penwidth=3")
    if node.error:
        attrs.append("color=red, fontcolor=red")
    return f"{node.id} [{', '.join(attrs)}];"


def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _label(node: Node) -> str:
    if node.kind == "source":
        return node.label
    mark = " (selected)" if node.selected else ""
    return f"{node.label}{mark}" + (f"\n✗ {node.error}" if node.error else "")
