"""Why an edit is not offered (a rename, a formatting), in words for the user: a value, not
an exception, so each front end shows it its own way."""

from __future__ import annotations

from aws_config_ls.ini.records import NamedTuple


class Refusal(NamedTuple):
    message: str
