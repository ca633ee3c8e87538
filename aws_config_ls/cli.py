"""The command line: `parse`, `check`, `explain` and `serve`, thin fronts over the engine."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from aws_config_ls import __version__
from aws_config_ls.explain.report import explain_report, render_text
from aws_config_ls.ini.kinds import FileKind
from aws_config_ls.ini.locations import expand, kind_from_name
from aws_config_ls.ini.model import Model
from aws_config_ls.ini.problems import Severity
from aws_config_ls.report import problem_json, problem_text
from aws_config_ls.resolution.environment import Environment
from aws_config_ls.workspace import Workspace, read_model

USAGE_ERROR = 2


def parse_result(model: Model) -> dict[str, Any]:
    """The `parse` contract: botocore's dictionaries, or the error it wraps, 1-based line."""
    failure = model.failure
    if failure is not None:
        return {
            "error": {"type": failure.type, "line": failure.line + 1, "message": failure.message}
        }
    result: dict[str, Any] = {"sections": model.raw()}
    if model.kind is FileKind.CONFIG:
        result["config"] = model.config()
    return result


def _cmd_parse(args: argparse.Namespace) -> int:
    out: dict[str, Any] = {}
    status = 0
    for path in args.files:
        kind = FileKind(args.kind) if args.kind else _kind(Workspace(Environment.current()), path)
        model = read_model(expand(path), kind)
        if model is None:
            out[path] = {
                "error": {
                    "type": "ConfigNotFound",
                    "line": None,
                    "message": f"The specified config file ({expand(path)}) could not be found.",
                }
            }
            status = USAGE_ERROR
            continue
        out[path] = parse_result(model)
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return status


def _cmd_check(args: argparse.Namespace) -> int:
    variables = dict(os.environ)
    real = Workspace(Environment(variables))
    if args.files:
        kinds = [FileKind(args.kind) if args.kind else _kind(real, p) for p in args.files]
        targets = list(zip(args.files, kinds, strict=True))
        # Files named together are read together, as boto3 would read that pair.
        for path, kind in targets:
            if kind is FileKind.CONFIG:
                variables["AWS_CONFIG_FILE"] = os.path.abspath(expand(path))
            elif kind is FileKind.CREDENTIALS:
                variables["AWS_SHARED_CREDENTIALS_FILE"] = os.path.abspath(expand(path))
        workspace = Workspace(Environment(variables))
    else:
        workspace = real
        targets = [(p, k) for p, k in real.files() if os.path.isfile(p)]
    status = 0
    out: list[dict[str, Any]] = []
    for path, kind in targets:
        model = workspace.model(os.path.abspath(expand(path)), kind)
        if model is None:
            print(f"{path}: cannot read: not a readable file", file=sys.stderr)
            status = USAGE_ERROR
            continue
        in_env = real.read_by_boto3(model.path)
        for problem in workspace.problems(model, not args.no_portability, environment=in_env):
            if problem.severity is Severity.ERROR and status == 0:
                status = 1
            if args.format == "json":
                out.append(problem_json(path, problem))
            else:
                print(problem_text(path, problem))
    if args.format == "json":
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    return status


def _kind(workspace: Workspace, path: str) -> FileKind:
    """What a variable names the file as, else what its name suggests."""
    return workspace.kind_of(os.path.abspath(expand(path))) or kind_from_name(path)


def _cmd_explain(args: argparse.Namespace) -> int:
    workspace = Workspace(Environment.current())
    report = explain_report(workspace.state, args.profile)
    if args.format == "json":
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(report))
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    """Run the language server; logs go to stderr or a file, never stdout (the protocol)."""
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
    return server.serve()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aws-config-ls",
        description="See AWS config, credentials and boto files exactly as boto3 does.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command")
    kinds = [k.value for k in FileKind]

    p = sub.add_parser("parse", help="print what botocore reads from each file, as JSON")
    p.add_argument("--kind", choices=kinds, help="file kind (default: from the file name)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(run=_cmd_parse)

    c = sub.add_parser("check", help="report problems, as boto3 would meet them")
    c.add_argument("--kind", choices=kinds, help="file kind (default: from the file name)")
    c.add_argument("--format", choices=["text", "json"], default="text")
    c.add_argument(
        "--no-portability",
        action="store_true",
        help="leave out hints about what other AWS SDKs read differently",
    )
    c.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="default: the files boto3 reads in this environment",
    )
    c.set_defaults(run=_cmd_check)

    e = sub.add_parser("explain", help="which profile and credentials boto3 uses now, and why")
    e.add_argument("--profile", help="explain this profile, as Session(profile_name=...) would")
    e.add_argument("--format", choices=["text", "json"], default="text")
    e.set_defaults(run=_cmd_explain)

    s = sub.add_parser("serve", help="run the language server (the default command)")
    s.add_argument("--tcp", action="store_true", help="listen on TCP instead of stdio")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=2087)
    s.add_argument("-v", "--verbose", action="count", default=0, help="-v info, -vv debug")
    s.add_argument("--log-file", metavar="PATH", help="log here instead of stderr")
    s.set_defaults(run=_cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["serve", *(argv or [])])
    status: int = args.run(args)
    return status
