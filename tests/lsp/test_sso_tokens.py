"""The SSO token cache of the (fake) HOME, read by the server: an expired token is said on its
session's header, a valid or missing one is not."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.support.lsp import diagnostics_for, open_doc, session

CONFIG = """[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
[sso-session other]
sso_start_url = https://other.awsapps.com/start
sso_region = eu-west-1
[sso-session fresh]
sso_start_url = https://fresh.awsapps.com/start
sso_region = eu-west-1
"""


def plant(home: Path, session_name: str, expires_at: str) -> None:
    cache = home / ".aws" / "sso" / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    token = {"accessToken": "SECRET-TOKEN", "expiresAt": expires_at}
    name = hashlib.sha1(session_name.encode()).hexdigest() + ".json"
    (cache / name).write_text(json.dumps(token))


async def test_an_expired_token_only(home: Path) -> None:
    plant(home, "corp", "2020-01-01T00:00:00Z")
    plant(home, "fresh", "2999-01-01T00:00:00Z")  # "other" has none: the normal state
    (home / ".aws" / "config").write_text(CONFIG)
    async with session(home) as client:
        uri = open_doc(client, home / ".aws" / "config", CONFIG)
        found = await diagnostics_for(client, uri)
        [expired] = [d for d in found if d.code == "sso-token-expired"]
        assert expired.range.start.line == 0 and expired.severity == 3  # information
        assert (
            "days ago" in expired.message
            and "`aws sso login --sso-session corp`" in expired.message
        )
        assert "SECRET" not in expired.message
