"""Resolution: botocore's credential and setting chains over FileViews and an Environment.

Entry points: `build_state` once per change of environment or files, then `entry_facts`
(hover), `environment_problems` (diagnostics), `credentials_for` / `setting_chain`
(explain), `predict_session` (what a program would observe).
"""

from aws_config_ls.resolution.credentials import CredentialOutcome, Found, Hop, Step
from aws_config_ls.resolution.diagnostics import PROBLEM_CODES, CodeInfo, environment_problems
from aws_config_ls.resolution.facts import SHADOW_REASONS, EntryFacts, Shadow, Where, entry_facts
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
    "PROBLEM_CODES",
    "SHADOW_REASONS",
    "TIERS",
    "BotoError",
    "Cause",
    "CodeInfo",
    "CredentialOutcome",
    "EndpointChain",
    "EntryFacts",
    "EntryRef",
    "FileRef",
    "Found",
    "Hop",
    "ParameterRef",
    "ResolutionState",
    "SessionPrediction",
    "SettingChain",
    "Shadow",
    "Step",
    "Tier",
    "VariableRef",
    "Where",
    "build_state",
    "credentials_for",
    "endpoint_chain",
    "entry_facts",
    "environment_problems",
    "predict_session",
    "region_for",
    "setting_chain",
]
