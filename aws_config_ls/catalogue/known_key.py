"""One key as the catalogue knows it: where it may sit, what its value is, who reads it."""

from __future__ import annotations

from enum import Enum

from aws_config_ls.catalogue.context import Context
from aws_config_ls.catalogue.secrets import mask
from aws_config_ls.catalogue.valuetypes import ValueType
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.records import NamedTuple


class Reader(str, Enum):
    """A program that reads a key. Only keys no AWS tool reads count as third-party."""

    BOTOCORE = "botocore"
    AWS_CLI_V1 = "aws-cli-v1"
    AWS_CLI_V2 = "aws-cli-v2"
    BOTO2 = "boto2"
    GSUTIL = "gsutil"
    AWS_VAULT = "aws-vault"
    GRANTED = "granted"
    AWS_AZURE_LOGIN = "aws-azure-login"
    SAML2AWS = "saml2aws"
    AWS_OKTA = "aws-okta"
    AWS_SSO_UTIL = "aws-sso-util"
    AWS_GOOGLE_AUTH = "aws-google-auth"
    AWS_ADFS = "aws-adfs"
    AWS_MFA = "aws-mfa"
    AWSCLI_PLUGIN_ENDPOINT = "awscli-plugin-endpoint"
    SDK_RUBY = "the AWS SDK for Ruby"
    SDK_GO = "the AWS SDK for Go"


AWS_TOOLS = frozenset({Reader.BOTOCORE, Reader.AWS_CLI_V1, Reader.AWS_CLI_V2})
# Other AWS SDKs: their keys are worth a note that boto3 does not read them.
OTHER_SDKS = frozenset({Reader.SDK_RUBY, Reader.SDK_GO})


class Names(str, Enum):
    """The names a pattern key (`<service_id>`) stands for."""

    SERVICE_IDS = "service-ids"  # [services x] blocks: botocore's snake-case service ids
    CLIENT_NAMES = "client-names"  # api_versions: names given to create_client
    SIGNATURE_SERVICES = "signature-services"  # `<service> =` blocks: endpoint prefixes
    ANY = "any"  # [plugins], [preview]: whatever the user names


class KnownKey(NamedTuple):
    """A key in its contexts. Facts botocore holds (env, default) are filled in from botocore."""

    key: str  # as written; a pattern's placeholder ("<service_id>") when `names` is set
    contexts: frozenset[Context]
    files: frozenset[FileKind]
    value_type: ValueType
    readers: frozenset[Reader]
    feeds: str  # the credential provider or client setting the value ends up in
    description: str
    doc: str | None = None
    env: tuple[str, ...] = ()  # in botocore's order of precedence
    default: str | None = None
    secret: bool = False  # never show the value
    names: Names | None = None
    logical_name: str | None = None  # botocore's config-store name (get_config_variable)
    conversion: str | None = None  # botocore's conversion function, by name

    @property
    def read_by_botocore(self) -> bool:
        return Reader.BOTOCORE in self.readers

    @property
    def third_party(self) -> bool:
        """Read by no AWS tool: explain it, never flag it as unknown."""
        return not (self.readers & AWS_TOOLS)

    @property
    def other_sdks_only(self) -> bool:
        """Read by other AWS SDKs and by neither boto3 nor the AWS CLI."""
        return bool(self.readers) and self.readers <= OTHER_SDKS

    def shown(self, value: str) -> str:
        """The value as it may appear in any output: masked when secret."""
        return mask(value) if self.secret else value


# Contexts that exist only in the config file: a key there is never read from credentials.
CONFIG_ONLY = frozenset(
    {Context.SSO_SESSION, Context.SERVICES, Context.SERVICE_BLOCK, Context.PLUGINS, Context.PREVIEW}
)
CONFIG_FILE_ONLY = frozenset({FileKind.CONFIG})
BOTH_FILES = frozenset({FileKind.CONFIG, FileKind.CREDENTIALS})


def known_key(
    key: str,
    contexts: Context | frozenset[Context],
    value_type: ValueType,
    readers: frozenset[Reader],
    feeds: str,
    description: str,
    doc: str | None = None,
    *,
    files: frozenset[FileKind] | None = None,
    env: tuple[str, ...] = (),
    default: str | None = None,
    secret: bool = False,
    names: Names | None = None,
) -> KnownKey:
    """The one factory of the key tables (each table's `_key` only sets its own defaults).

    A key sits in the config file only when one of its contexts exists only there, else in
    both files, unless `files` says otherwise (boto2 files, third-party tools).
    """
    where = frozenset({contexts}) if isinstance(contexts, Context) else contexts
    if files is None:
        files = CONFIG_FILE_ONLY if where & CONFIG_ONLY else BOTH_FILES
    # the rest of KnownKey's fields, in its order
    facts = (value_type, readers, feeds, description, doc, env, default, secret, names)
    return KnownKey(key, where, files, *facts)
