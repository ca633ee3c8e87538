"""`awsConfig/graph`: the profiles as a graph, over stdio, for the extension's picture."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.support.lsp import diagnostics_for, open_doc, session

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
CONFIG = """[default]
region = us-east-1

[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = base

[profile broken]
role_arn = arn:aws:iam::123456789012:role/B
source_profile = ghost

[profile ec2]
role_arn = arn:aws:iam::123456789012:role/E
credential_source = Ec2InstanceMetadata

[profile sso]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Dev

[sso-session corp]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
"""
CREDENTIALS = f"""[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = {SECRET}

[base]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = {SECRET}
"""


def plain(value: Any) -> Any:
    """pygls' client turns JSON objects into named tuples: back to dicts and lists."""
    if hasattr(value, "_asdict"):
        return {k: plain(v) for k, v in value._asdict().items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


async def graph_of(client: Any, profile: object) -> dict[str, Any]:
    answer = await client.protocol.send_request_async("awsConfig/graph", {"profile": profile})
    found: dict[str, Any] = plain(answer)
    return found


async def test_the_graph_request_draws_every_chain_with_headers_and_errors(home: Path) -> None:
    (home / ".aws" / "config").write_text(CONFIG)
    (home / ".aws" / "credentials").write_text(CREDENTIALS)
    async with session(home, options={"environment": {"AWS_PROFILE": "admin"}}) as client:
        graph = await graph_of(client, None)
    assert graph["selected"] == "admin"
    # (the profile `sso` and the credential source `sso` are two nodes: ids, not labels)
    nodes = {n["label"]: n for n in graph["nodes"] if n["kind"] == "profile"}
    sources = {n["label"]: n for n in graph["nodes"] if n["kind"] == "source"}
    label = {n["id"]: n["label"] for n in graph["nodes"]}
    edges = {(label[e["source"]], e["label"], label[e["target"]]) for e in graph["edges"]}
    assert set(nodes) == {
        "default",
        "admin",
        "broken",
        "ghost",
        "ec2",
        "sso",
        "base",
    }
    assert ("admin", "source_profile", "base") in edges
    assert ("base", "credentials", "shared-credentials-file") in edges
    assert ("ec2", "credential_source", "Ec2InstanceMetadata") in edges
    assert ("broken", "source_profile", "ghost") in edges
    assert (nodes["sso"]["id"], sources["sso"]["id"]) in {
        (e["source"], e["target"]) for e in graph["edges"]
    }
    assert [n for n, v in nodes.items() if v["selected"]] == ["admin"]
    assert graph["groups"] == [{"name": "corp", "members": [nodes["sso"]["id"]]}]
    # each profile's header line: the config file's section first, else the credentials file's
    config, credentials = (home / ".aws" / "config").as_uri(), (home / ".aws" / "credentials")
    assert nodes["admin"]["location"] == {"uri": config, "line": 3}
    assert nodes["default"]["location"]["uri"] == config
    assert nodes["base"]["location"]["uri"] == credentials.as_uri()
    assert nodes["base"]["location"]["line"] == 4
    assert nodes["ghost"]["location"] is None and sources["sso"]["location"] is None
    # failing profiles carry botocore's error (redacted); the others none
    assert nodes["ghost"]["error"]["type"] == "ProfileNotFound"
    assert nodes["broken"]["error"]["type"] == "InvalidConfigError"
    assert "ghost" in nodes["broken"]["error"]["message"]
    assert nodes["admin"]["error"] is None and nodes["sso"]["error"] is None
    assert SECRET not in json.dumps(graph) and SECRET[-8:] not in json.dumps(graph)


async def test_the_graph_follows_open_buffers_and_an_explicit_profile(home: Path) -> None:
    (home / ".aws" / "config").write_text(CONFIG)
    async with session(home) as client:
        assert (await graph_of(client, None))["selected"] == "default"
        for junk in (42, ["x"], {"a": 1}):  # not a name: boto3's own selection
            assert (await graph_of(client, junk))["selected"] == "default"
        # an unsaved buffer is what the picture shows: a new profile, a new chain
        late = "[profile late]\nsource_profile = admin\nrole_arn = arn:aws:iam::1:role/L\n"
        text = CONFIG + "\n" + late
        uri = open_doc(client, home / ".aws" / "config", text)
        await diagnostics_for(client, uri)
        graph = await graph_of(client, "late")
    nodes = {n["label"]: n for n in graph["nodes"]}
    assert graph["selected"] == "late" and nodes["late"]["selected"]
    assert nodes["late"]["location"]["line"] == text.count("\n") - 3
    by_id = {n["id"]: n["label"] for n in graph["nodes"]}
    assert ("late", "admin") in {(by_id[e["source"]], by_id[e["target"]]) for e in graph["edges"]}
    # without the credentials file, base is missing: admin fails, and says why
    assert nodes["admin"]["error"]["type"] == "InvalidConfigError"
    assert nodes["base"]["error"]["type"] == "ProfileNotFound"
