"""The key catalogue: every key boto3, the AWS CLI and well-known tools read, and its rules.

Importing this package loads only the curated tables; what botocore itself holds (environment
variables, defaults, regions, service ids) is read on first use and cached on disk.
"""

from __future__ import annotations

from aws_config_ls.catalogue.known_key import KnownKey, Names, Reader
from aws_config_ls.catalogue.registry import (
    closest_key,
    elsewhere,
    exact_case,
    is_known_region,
    keys_in,
    lookup,
    regions,
    service_ids,
)
from aws_config_ls.catalogue.values import VALUE_CODES, ValueCode, ValueIssue, check_value

__all__ = [
    "VALUE_CODES",
    "KnownKey",
    "Names",
    "Reader",
    "ValueCode",
    "ValueIssue",
    "check_value",
    "closest_key",
    "elsewhere",
    "exact_case",
    "is_known_region",
    "keys_in",
    "lookup",
    "regions",
    "service_ids",
]
