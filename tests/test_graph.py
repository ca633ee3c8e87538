"""`explain --graph`: the profiles as a graph, checked against botocore's own profile map."""

from __future__ import annotations

import re

from aws_config_ls.explain.graph import dot, mermaid, profile_graph
from tests.support.resolution import Scenario, materialised, state_of
from tests.test_explain_cli import CONFIG, SECRET, botocore_profiles, cli

EXTRA = """[profile broken]
role_arn = arn:aws:iam::123456789012:role/B
source_profile = ghost
[profile ec2]
role_arn = arn:aws:iam::123456789012:role/E
credential_source = Ec2InstanceMetadata
[profile "team #1"]
region = eu-west-1
"""
SCENARIO = Scenario({".aws/config": CONFIG.replace("{home}", "/opt") + EXTRA})


def test_the_graph_follows_every_source_profile_to_its_credentials() -> None:
    with state_of(SCENARIO) as (_, state):
        graph = profile_graph(state, "admin")
    truth = botocore_profiles(SCENARIO)
    names = {n.id: n.label for n in graph.nodes}
    profiles = {n.label for n in graph.nodes if n.kind == "profile"}
    assert "team #1" in truth and profiles - set(truth) == {"ghost"} and set(truth) <= profiles
    edges = {(names[e.source], e.label, names[e.target]) for e in graph.edges}
    for name, values in truth.items():
        if "source_profile" in values:
            assert (name, "source_profile", values["source_profile"]) in edges
    assert ("base", "credentials", "config-file") in edges  # its keys are in the config
    assert ("ec2", "credential_source", "Ec2InstanceMetadata") in edges
    assert ("sso", "credentials", "sso") in edges
    [selected] = [n.label for n in graph.nodes if n.selected]
    assert selected == "admin"
    errors = {n.label: n.error for n in graph.nodes if n.error}
    assert errors["ghost"] == "ProfileNotFound" and "broken" in errors
    assert [(s, [names[m] for m in members]) for s, members in graph.groups] == [("corp", ["sso"])]


def test_mermaid_and_dot_texts() -> None:
    with state_of(SCENARIO) as (_, state):
        graph = profile_graph(state, None)
    chart = mermaid(graph)
    assert chart.startswith("flowchart LR\n")
    assert 'subgraph g0["sso-session corp"]' in chart
    assert re.search(r'p\d+\["default \(selected\)"\]', chart)
    assert "-->|source_profile|" in chart and "class " in chart
    assert re.search(r'p\d+\["team #35;1"\]', chart)  # Mermaid's escape of `#`
    text = dot(graph)
    assert text.startswith("digraph profiles {") and text.endswith("}\n")
    assert 'subgraph cluster_0 {\n    label="sso-session corp";' in text
    assert 'label="team #1"' in text and "color=red" in text and "penwidth=3" in text
    assert SECRET not in chart + text and "TOPSECRETVALUE1" not in chart + text


def test_the_cli_prints_the_graph() -> None:
    with materialised(SCENARIO) as (home, _):
        done = cli("--graph", "--profile", "base", home=home)
        assert done.returncode == 0 and done.stdout.startswith("flowchart LR")
        assert '["base (selected)"]' in done.stdout
        as_dot = cli("--graph", "dot", home=home)
        assert as_dot.returncode == 0 and as_dot.stdout.startswith("digraph profiles {")
