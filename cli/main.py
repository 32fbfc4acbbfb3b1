"""``tipgraph`` entry point: parse arguments, run one command, map errors to exit codes.

Exit codes (as pySHACL's): 0 success, 1 the graph does not conform to the shapes,
2 bad input or usage (one line on stderr, never a traceback), 130 interrupted, 143
terminated (SIGTERM: temporary files are removed first, see ``tipgraph.core.signals``).
Data goes to stdout, diagnostics to stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from tipgraph.cli import build, export, info, publish, query, serve, stats, store, validate
from tipgraph.core import __version__, collector
from tipgraph.core.errors import TipgraphError, ValidationError
from tipgraph.core.inputfile import DEFAULT_MAX_SIZE, human_size, input_size_limit, parse_size
from tipgraph.core.signals import EXIT_TERMINATED, Terminated, sigterm_raises

EXIT_OK, EXIT_INVALID, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130

#: Command modules; each has ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args)``,
#: and ``LONG_RUNNING = True`` when it does not end when its work is done (``serve``).
COMMANDS: list[ModuleType] = [build, info, export, stats, serve, publish, query, validate,
                             store]


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose usage errors are one line and exit 2, as documented."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_INPUT, f"tipgraph: error: {message} (see 'tipgraph --help')\n")


def make_parser() -> argparse.ArgumentParser:
    """The full argument parser (also used to document the commands in the README)."""
    parser = _Parser(prog="tipgraph",
                     description="Build a linked-data knowledge graph from US TIP reports.")
    parser.add_argument("--version", action="version", version=f"tipgraph {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for module in COMMANDS:
        cmd = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        cmd.add_argument("--max-input-size", type=_size, default=DEFAULT_MAX_SIZE,
                         metavar="SIZE",
                         help="refuse input files bigger than this (bytes, or with K, M, G; "
                              f"default {human_size(DEFAULT_MAX_SIZE).replace(' ', '')})")
        cmd.set_defaults(handler=module.run,
                         long_running=getattr(module, "LONG_RUNNING", False))
    return parser


def _size(text: str) -> int:
    """``--max-input-size``: a byte count with an optional K, M or G suffix."""
    try:
        size: int = parse_size(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size (e.g. 300M or 2G)") from None
    return size


def main(argv: Sequence[str] | None = None, *, one_shot: bool = False) -> int:
    """Run tipgraph with ``argv`` (default: ``sys.argv[1:]``) and return the exit code.

    ``one_shot`` says the process ends after this command (the console script): a command
    that is not long-running then runs with ``tipgraph.core.collector.one_shot``'s
    thresholds, a fifth less CPU for a build.
    """
    args = make_parser().parse_args(argv)
    if one_shot and not args.long_running:
        collector.one_shot()
    try:
        with sigterm_raises(), input_size_limit(args.max_input_size):
            code: int = args.handler(args)
    except ValidationError as exc:
        if exc.report:
            sys.stderr.write(exc.report.rstrip() + "\n")
        sys.stderr.write(f"tipgraph: {exc}\n")
        return EXIT_INVALID
    except TipgraphError as exc:
        sys.stderr.write(f"tipgraph: {exc}\n")
        return EXIT_INPUT
    except KeyboardInterrupt:
        sys.stderr.write("tipgraph: interrupted\n")
        return EXIT_INTERRUPTED
    except Terminated:
        sys.stderr.write("tipgraph: terminated\n")
        return int(EXIT_TERMINATED)
    return code


def run() -> None:
    """Console-script entry point: one command, then the process exits."""
    code = main(one_shot=True)
    collector.before_exit()
    sys.exit(code)


if __name__ == "__main__":
    run()
