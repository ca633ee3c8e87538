"""The command line: `check`, `explain`, `parse` and `serve`, thin fronts over the engine.

`COMMANDS` is the table of subcommands; each `_cmd_*` wires one of them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence

from aws_config_ls import __version__
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.severity import Severity

TYPE_CHECKING = False  # not typing's: importing typing alone costs a tenth of a bare start
if TYPE_CHECKING:  # every command imports what it runs: `--version` and `--help` load nothing
    import argparse
    from typing import Any

    from aws_config_ls.checks.policy import Policy
    from aws_config_ls.ini.model import Model
    from aws_config_ls.workspace import Workspace

USAGE_ERROR = 2
LEVELS = [s.value for s in Severity]


# -- parse ----------------------------------------------------------------------------------


def parse_result(model: Model, show_secrets: bool = False) -> dict[str, Any]:
    """The `parse` contract: botocore's dictionaries, or the error it wraps, 1-based line.

    Secret values are masked as everywhere else unless `show_secrets`."""
    from aws_config_ls.catalogue.secrets import redact, secret_values

    failure = model.failure
    if failure is not None:
        message = failure.message if show_secrets else redact(failure.message, secret_values(model))
        return {"error": {"type": failure.type, "line": failure.line + 1, "message": message}}
    result: dict[str, Any] = {"sections": _masked(model.raw(), show_secrets)}
    if model.kind is FileKind.CONFIG:
        result["config"] = _masked(model.config(), show_secrets)
    return result


def _masked(value: Any, show: bool) -> Any:
    """Every value under a secret key masked, at any depth."""
    from aws_config_ls.catalogue.secrets import is_secret_key, shown

    if show or not isinstance(value, Mapping):
        return value
    return {k: (shown(v, True) if is_secret_key(k) else _masked(v, show)) for k, v in value.items()}


def _cmd_parse(args: argparse.Namespace) -> int:
    from aws_config_ls.ini.locations import expand
    from aws_config_ls.ini.model import Model
    from aws_config_ls.inputs import STDIN, Unreadable, read_bytes, read_stdin
    from aws_config_ls.resolution.environment import Environment
    from aws_config_ls.workspace import Workspace

    out: dict[str, Any] = {}
    status = 0
    for path in args.files:
        if path == STDIN and not args.kind:
            return _usage("parse: reading stdin (-) needs --kind")
        kind = FileKind(args.kind) if args.kind else _kind(Workspace(Environment.current()), path)
        got = read_stdin() if path == STDIN else read_bytes(expand(path))
        if isinstance(got, Unreadable):
            out[path] = {
                "error": {
                    "type": "ConfigNotFound",
                    "line": None,
                    "message": f"The specified config file ({expand(path)}) could not be "
                    f"found ({got.reason}).",
                }
            }
            status = USAGE_ERROR
            continue
        out[path] = parse_result(Model.from_bytes(got, kind, path), args.show_secrets)
    _json(out)
    return status


def _kind(workspace: Workspace, path: str) -> FileKind:
    """What a variable names the file as, else what its name suggests."""
    from aws_config_ls.ini.locations import expand, kind_from_name

    return workspace.kind_of(os.path.abspath(expand(path))) or kind_from_name(path)


# -- check ----------------------------------------------------------------------------------


def _cmd_check(args: argparse.Namespace) -> int:
    from aws_config_ls.checking import Request, run_check
    from aws_config_ls.inputs import STDIN

    if STDIN in args.files and not args.kind:
        return _usage("check: reading stdin (-) needs --kind")
    settings = _settings(args)
    if isinstance(settings, str):
        return _usage(settings)
    policy, credentials = settings
    request = Request(
        args.files,
        FileKind(args.kind) if args.kind else None,
        args.credentials or credentials,
        this_machine=args.this_machine or not args.files,
    )
    result = run_check(request, policy)
    for path, reason in result.unreadable:
        print(f"{path}: {reason}", file=sys.stderr)
    if args.format == "json":
        from aws_config_ls.report import problem_json

        _json([problem_json(f.path, f.problem) for f in result.findings])
    elif args.format == "github":
        from aws_config_ls.output import github

        github.render(result, sys.stdout)
    elif args.format == "sarif":
        from aws_config_ls.output import sarif

        sarif.render(result, sys.stdout)
    else:
        from aws_config_ls.output import text

        text.render(result, sys.stdout, text.use_colour(sys.stdout))
    if result.unreadable:
        return USAGE_ERROR
    return 1 if any(policy.fails(f.problem) for f in result.findings) else 0


def _settings(args: argparse.Namespace) -> tuple[Policy, str | None] | str:
    """The policy from the project's settings file and the options; a message when invalid."""
    from aws_config_ls.checks.policy import Policy
    from aws_config_ls.inputs import STDIN
    from aws_config_ls.projectsettings import find_settings_file, load_project_settings

    path = args.settings
    if path is None:
        start = [os.getcwd(), *(f for f in args.files if f != STDIN)]
        path = next((p for p in map(find_settings_file, start) if p is not None), None)
    table: dict[str, Any] = {}
    if path is not None:
        loaded = load_project_settings(path)
        if loaded.error is not None:
            return loaded.error
        table = loaded.values
    try:
        select = _codes(args.select or table.get("select", []), "select")
        ignore = _codes(table.get("disabledCodes", []), "disabledCodes")
        ignore += _codes(args.ignore, "ignore")
        overrides = table.get("severityOverrides", {})
        if not isinstance(overrides, dict):
            raise ValueError("severityOverrides: expected a table of CODE = LEVEL")
        severity = {
            code: _level(level, f"severity of {code}")
            for code, level in {**overrides, **_code_levels(args.severity)}.items()
        }
        _codes(list(severity), "severity")
        fail = args.fail_on or table.get("failOn", "error")
        fail_on = None if fail == "never" else _level(fail, "failOn")
        portability = bool(table.get("portabilityChecks", True)) and not args.no_portability
    except (ValueError, TypeError, AttributeError) as e:
        return f"check: {e}" + (f" (settings from {path})" if path else "")
    credentials = table.get("credentialsFile")
    if isinstance(credentials, str) and path is not None:
        credentials = os.path.join(os.path.dirname(os.path.abspath(path)), credentials)
    policy = Policy(tuple(select), tuple(ignore), severity, portability, fail_on)
    return policy, credentials if isinstance(credentials, str) else None


def _codes(values: object, what: str) -> list[str]:
    from aws_config_ls.checks.policy import misspelled  # every check's table: read only here

    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        raise ValueError(f"{what}: expected a list of codes")
    out = []
    for value in values:
        for code in str(value).split(","):
            code = code.strip()
            if not code:
                continue
            wrong = misspelled(code)
            if wrong is not None:
                raise ValueError(f"{what}: {wrong}")
            out.append(code)
    return out


def _code_levels(values: Sequence[str]) -> dict[str, str]:
    out = {}
    for value in values:
        code, sep, level = value.partition("=")
        if not sep:
            raise ValueError(f"--severity {value!r}: write CODE=LEVEL")
        out[code.strip()] = level.strip()
    return out


def _level(value: object, what: str) -> Severity:
    if value not in LEVELS:
        raise ValueError(f"{what}: {value!r} is not one of {', '.join(LEVELS)}")
    return Severity(value)


# -- explain --------------------------------------------------------------------------------


def _cmd_explain(args: argparse.Namespace) -> int:
    from aws_config_ls.explain.report import explain_report, profiles, render_text
    from aws_config_ls.resolution.environment import Environment
    from aws_config_ls.workspace import Workspace

    workspace = Workspace(Environment.current())
    state = workspace.state
    if args.graph is not None:
        from aws_config_ls.explain.graph import dot, mermaid, profile_graph

        sys.stdout.write(
            (dot if args.graph == "dot" else mermaid)(profile_graph(state, args.profile))
        )
        return 0
    report = explain_report(state, args.profile, every=args.all)
    missing = _missing_profile(report, [p["name"] for p in profiles(state)])
    if args.format == "json":
        _json(report)
    elif missing is None:
        sys.stdout.write(render_text(report, every=args.all))
    if missing is not None:
        print(f"aws-config-ls explain: {missing}", file=sys.stderr)
        return USAGE_ERROR
    credentials = report["credentials"]
    login = [p["sso"]["token"] for p in credentials["profiles"] if p["sso"] and p["sso"]["token"]]
    if credentials["error"] is not None or credentials["method"] is None:
        return 1
    return 1 if any(token["login_needed"] for token in login) else 0


def _missing_profile(report: Mapping[str, Any], known: list[str]) -> str | None:
    """A short message when the selected profile exists nowhere (boto3: ProfileNotFound)."""
    error = report["credentials"]["error"]
    if error is None or error["type"] != "ProfileNotFound":
        return None
    import difflib

    name = report["profile"]["name"]
    by = report["profile"]["selected_by"]
    how = "--profile" if by == "explicit" else by
    close = difflib.get_close_matches(name, known, 3)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    files = report["files"]
    where = f"{files['config']['path']} or {files['credentials']['path']}"
    return f"profile {name!r} ({how}) is not defined in {where}{hint}"


# -- format ---------------------------------------------------------------------------------


def _cmd_format(args: argparse.Namespace) -> int:
    """Format files in place (or only report, with --check); a file botocore refuses is left."""
    from aws_config_ls.edit.formatting import format_text
    from aws_config_ls.edit.refusal import Refusal
    from aws_config_ls.ini.locations import expand
    from aws_config_ls.resolution.environment import Environment
    from aws_config_ls.workspace import Workspace, read_model

    status = 0
    for path in args.files:
        kind = FileKind(args.kind) if args.kind else _kind(Workspace(Environment.current()), path)
        model = read_model(expand(path), kind)
        if model is None:
            print(f"{path}: cannot read: not a readable file", file=sys.stderr)
            status = USAGE_ERROR
            continue
        result = format_text(model)
        if isinstance(result, Refusal):
            print(f"{path}: {result.message}", file=sys.stderr)
            status = max(status, 1)
        elif result != model.tree.text():
            if args.check:
                print(f"{path}: would reformat", file=sys.stderr)
                status = max(status, 1)
            else:
                with open(expand(path), "w", encoding="utf-8", newline="") as handle:
                    handle.write(result)
                print(f"{path}: reformatted", file=sys.stderr)
    return status


# -- serve ----------------------------------------------------------------------------------


def _cmd_serve(args: argparse.Namespace) -> int:
    """Run the language server; logs go to stderr or a file, never stdout (the protocol)."""
    import logging

    from aws_config_ls.redact import Redactor

    redactor = Redactor()
    handler: logging.Handler = (
        logging.FileHandler(args.log_file) if args.log_file else logging.StreamHandler(sys.stderr)
    )
    handler.addFilter(redactor)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    level = {0: logging.WARNING, 1: logging.INFO}.get(args.verbose, logging.DEBUG)
    logging.basicConfig(level=level, handlers=[handler], force=True)
    if args.verbose < 2:  # pygls logs every message at INFO
        logging.getLogger("pygls").setLevel(logging.WARNING)

    from aws_config_ls.server import server

    server.redactor = redactor
    if args.tcp:
        server.start_tcp(args.host, args.port)
        return 0
    if sys.stdin.isatty():
        print(
            "aws-config-ls: language server waiting for a client on stdin "
            "(Ctrl-D to quit; try `aws-config-ls --help` or `aws-config-ls check`)",
            file=sys.stderr,
        )
    return server.serve()


# -- the table ------------------------------------------------------------------------------


def _json(value: object) -> None:
    import json

    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def _usage(message: str) -> int:
    print(f"aws-config-ls {message}", file=sys.stderr)
    return USAGE_ERROR


CHECK_HELP = """\
Report what boto3 will meet in AWS config, credentials and boto files.

With FILE arguments the check is machine-independent: no environment variable, no file of
this machine and no program on PATH changes the result (right for dotfiles and CI). A config
is read together with a credentials file only when both are named: two FILE arguments,
--credentials, or both found in one directory of a tree (a dotfiles repository's aws/ or
.aws/ or chezmoi's dot_aws/); without a credentials file, source-without-credentials and
credential-source-empty are not reported. --this-machine reads FILEs as boto3 would here.
Without FILE: the files boto3 reads now, with this environment.

Settings: the nearest .aws-config-ls.toml or pyproject.toml [tool.aws-config-ls] above the
working directory (or a FILE), with the server's names: severityOverrides, disabledCodes,
portabilityChecks, plus select, failOn and credentialsFile. Options add to or override them.

exit status:
  0  no problem at or above --fail-on (default: error)
  1  problems at or above --fail-on
  2  usage error, invalid settings, or a FILE that cannot be read
"""
EXPLAIN_HELP = """\
Which profile boto3 selects and why, how it gets credentials (every hop of a role chain,
MFA, SSO and its cached token, credential_process), and every setting's value and source.
Reads this machine's files and environment; never runs anything or touches the network.

exit status:
  0  the profile gets credentials, or --graph printed the graph
  1  the profile cannot get credentials (boto3 raises, finds none, or its SSO login has no
     usable cached token)
  2  usage error, or the profile does not exist
"""
PARSE_HELP = """\
Print, as JSON, exactly what botocore reads from each file: {"sections": ...,
"config": ...} (raw_config_parse and load_config), or {"error": {"type", "line", "message"}}
when botocore refuses it. Secret values are masked unless --show-secrets.

exit status:
  0  every file read (refused files included: the refusal is the result)
  2  usage error, or a FILE that cannot be read
"""
FORMAT_HELP = """\
Format each file in place without changing what botocore reads: one space around `=`, no
trailing whitespace, keys and headers at column 0, nested lines indented by two spaces, one
blank line before a section. Values, comments and header names are never touched; a file
botocore refuses is left as it is.

exit status:
  0  every file formatted (or already formatted)
  1  with --check, a file would change; or botocore refuses a file (left alone)
  2  usage error, or a FILE that cannot be read
"""
SERVE_HELP = """\
Run the language server for editors (the default command), on stdio unless --tcp.

exit status:
  0  the client sent shutdown, then exit
  1  the client sent exit without shutdown
"""


def _kinds() -> list[str]:
    return [k.value for k in FileKind]


def _check_options(c: argparse.ArgumentParser) -> None:
    c.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="files or directories to check; - reads stdin (needs --kind)",
    )
    c.add_argument("--kind", choices=_kinds(), help="file kind (default: from the file name)")
    c.add_argument(
        "--format",
        choices=["text", "json", "github", "sarif"],
        default="text",
        help="text (default; colour on a terminal unless NO_COLOR), json, github (workflow "
        "annotations), sarif (SARIF 2.1.0 for code scanning)",
    )
    c.add_argument(
        "--credentials",
        metavar="FILE",
        help="the credentials file read together with each config checked",
    )
    c.add_argument(
        "--this-machine",
        action="store_true",
        help="read FILEs as boto3 would on this machine: with this environment, the real "
        "companion files and credential_process programs looked up on PATH",
    )
    c.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="CODES",
        help="report only these codes (comma-separated, * globs; repeatable)",
    )
    c.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODES",
        help="never report these codes (comma-separated, * globs; repeatable)",
    )
    c.add_argument(
        "--severity",
        action="append",
        default=[],
        metavar="CODE=LEVEL",
        help=f"report CODE (or * glob) at LEVEL ({', '.join(LEVELS)}; repeatable)",
    )
    c.add_argument(
        "--fail-on",
        choices=[*LEVELS, "never"],
        metavar="LEVEL",
        help=f"exit 1 when a problem is at or above LEVEL ({', '.join(LEVELS)}, never; "
        "default: error)",
    )
    c.add_argument(
        "--no-portability",
        action="store_true",
        help="leave out hints about what other AWS SDKs read differently",
    )
    c.add_argument(
        "--settings",
        metavar="TOML",
        help="read settings from this file instead of the nearest .aws-config-ls.toml or "
        "pyproject.toml",
    )
    c.set_defaults(run=_cmd_check)


def _explain_options(e: argparse.ArgumentParser) -> None:
    e.add_argument(
        "--profile", help="explain this profile, as Session(profile_name=...) would select it"
    )
    e.add_argument("--format", choices=["text", "json"], default="text", help="text or json")
    e.add_argument(
        "--all", action="store_true", help="list every setting, defaults and unset ones too"
    )
    e.add_argument(
        "--graph",
        nargs="?",
        const="mermaid",
        choices=["mermaid", "dot"],
        help="print the profiles as a graph (Mermaid by default, or DOT): profile → "
        "source_profile → … → credential source, grouped by sso-session",
    )
    e.set_defaults(run=_cmd_explain)


def _parse_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="files to read; - reads stdin")
    p.add_argument("--kind", choices=_kinds(), help="file kind (default: from the file name)")
    p.add_argument(
        "--show-secrets",
        action="store_true",
        help="print secret values in full (masked by default)",
    )
    p.set_defaults(run=_cmd_parse)


def _format_options(f: argparse.ArgumentParser) -> None:
    f.add_argument("files", nargs="+", metavar="FILE", help="files to format in place")
    f.add_argument("--kind", choices=_kinds(), help="file kind (default: from the file name)")
    f.add_argument("--check", action="store_true", help="write nothing; exit 1 if any would change")
    f.set_defaults(run=_cmd_format)


def _serve_options(s: argparse.ArgumentParser) -> None:
    s.add_argument("--tcp", action="store_true", help="listen on TCP instead of stdio")
    s.add_argument("--host", default="127.0.0.1", help="TCP host (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=2087, help="TCP port (default 2087)")
    s.add_argument("-v", "--verbose", action="count", default=0, help="-v info, -vv debug")
    s.add_argument("--log-file", metavar="PATH", help="log here instead of stderr")
    s.set_defaults(run=_cmd_serve)


# Each command: its summary, its --help text, and what adds its options.
COMMANDS: dict[str, tuple[str, str, Callable[[argparse.ArgumentParser], None]]] = {
    "check": ("report problems, as boto3 would meet them", CHECK_HELP, _check_options),
    "explain": (
        "which profile and credentials boto3 uses now, and why",
        EXPLAIN_HELP,
        _explain_options,
    ),
    "parse": ("print what botocore reads from each file, as JSON", PARSE_HELP, _parse_options),
    "format": ("format files without changing what botocore reads", FORMAT_HELP, _format_options),
    "serve": ("run the language server (the default command)", SERVE_HELP, _serve_options),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every command; with `only`, that command alone: a run given a command parses nothing
    else, and says the same (the usage names no command), while each command's parser costs
    every start a little (argparse looks its words up in gettext's catalogues each time)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="aws-config-ls",
        formatter_class=_sized(argparse.HelpFormatter),
        description="See AWS config, credentials and boto files exactly as boto3 does. "
        "Without a command: the language server on stdio.",
        epilog="Run `aws-config-ls COMMAND --help` for a command's options and exit status.",
    )
    parser.add_argument(
        "-V",
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help="print the version and exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (summary, description, options) in COMMANDS.items():
        if only is None or only == name:
            options(
                sub.add_parser(
                    name,
                    help=summary,
                    description=description,
                    formatter_class=_sized(argparse.RawDescriptionHelpFormatter),
                )
            )
    return parser


def _sized(
    cls: type[argparse.HelpFormatter],
) -> Callable[..., argparse.HelpFormatter]:
    """`cls` at the width argparse would choose, found without `shutil` (which loads the
    compression modules, a fifth of `--help`'s start): as `shutil.get_terminal_size`, COLUMNS,
    else the terminal's, else 80, less argparse's two columns."""

    def make(*, prog: str) -> argparse.HelpFormatter:
        return cls(prog, width=_columns() - 2)

    return make


def _columns() -> int:
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    if given in (["--version"], ["-V"]):  # answered before argparse is even imported
        print(f"aws-config-ls {__version__}")
        return 0
    first = given[0] if given else "serve"
    parser = build_parser(first if first in COMMANDS else None)
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["serve", *(argv or [])])
    try:
        status: int = args.run(args)
    except BrokenPipeError:
        # The reader went away (`… | head`): what is left to print goes nowhere, quietly, and
        # the exit says so as a shell's SIGPIPE would (128 + 13).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    return status
