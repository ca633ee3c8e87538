"""Resolution: botocore's credential and setting chains over FileViews and an Environment.

Entry points: `build_state` once per change of environment or files, then `credentials_for`
/ `state.setting` / `endpoint_chain` (read by explain/ and checks/), `predict_session` (what a
program would observe), `shadows.entry_facts` (which source wins for one entry, and what it
shadows), `ssocache.token_state` (the SSO token cache, an input like the environment).
Resolution models botocore only: it explains and complains nowhere.
"""

from aws_config_ls.resolution.credentials import CredentialOutcome, Found, Hop, Step
from aws_config_ls.resolution.refs import (
    BotoError,
    Cause,
    EntryRef,
    FileRef,
    ParameterRef,
    VariableRef,
)
from aws_config_ls.resolution.settings import (
    EndpointChain,
    SettingChain,
    endpoint_chain,
    setting_chain,
)
from aws_config_ls.resolution.state import (
    ResolutionState,
    SessionPrediction,
    build_state,
    credentials_for,
    predict_session,
    region_for,
)
from aws_config_ls.resolution.tiers import TIERS, Tier

__all__ = [
    "TIERS",
    "BotoError",
    "Cause",
    "CredentialOutcome",
    "EndpointChain",
    "EntryRef",
    "FileRef",
    "Found",
    "Hop",
    "ParameterRef",
    "ResolutionState",
    "SessionPrediction",
    "SettingChain",
    "Step",
    "Tier",
    "VariableRef",
    "build_state",
    "credentials_for",
    "endpoint_chain",
    "predict_session",
    "region_for",
    "setting_chain",
]
