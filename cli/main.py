"""``tipgraph`` entry point: parse arguments, run one command, map errors to exit codes.

Exit codes (as pySHACL's): 0 success, 1 the graph does not conform to the shapes,
2 bad input or usage (one line on stderr, never a traceback), 3 nothing to answer with (an
empty graph, or filters that select nothing: a warning on stderr says which), 130
interrupted, 141 the reader of stdout went away (``tipgraph info g.ttl | head -1``: quietly,
as ``cat`` does), 143 terminated (SIGTERM: temporary files are removed first, see
``tipgraph.core.signals``). Data goes to stdout, diagnostics to stderr.

The command modules import only the standard library and ``tipgraph.core`` at module level
(rdflib, spaCy, networkx and pyoxigraph inside the command that needs them), so ``--help``
and ``--version`` answer at once; ``tests/test_cli_startup.py`` guards that.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from tipgraph.cli import build, export, info, publish, query, serve, stats, store, validate
from tipgraph.cli.empty import EmptyError
from tipgraph.core import __version__, collector
from tipgraph.core.errors import TipgraphError, ValidationError
from tipgraph.core.inputfile import DEFAULT_MAX_SIZE, human_size, input_size_limit, parse_size
from tipgraph.core.signals import EXIT_TERMINATED, Terminated, sigterm_raises

EXIT_OK, EXIT_INVALID, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
#: Nothing to answer with: an empty graph or a selection of nothing (warning on stderr).
EXIT_EMPTY = 3
#: The reader of stdout closed it (128 + SIGPIPE, what a shell reports for ``cat``).
EXIT_PIPE = 141

#: Command modules; each has ``NAME``, ``HELP``, ``EXAMPLE`` (a command line and what it
#: does, shown at the end of its ``--help``), ``add_arguments(parser)`` and ``run(args)``,
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
        example, what = module.EXAMPLE
        cmd = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP,
                             epilog=f"example ({what}):\n  {example}",
                             formatter_class=argparse.RawDescriptionHelpFormatter)
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
    except BrokenPipeError:
        return EXIT_PIPE
    except EmptyError as exc:
        sys.stderr.write(f"tipgraph: warning {exc}\n")
        return EXIT_EMPTY
    except ValidationError as exc:
        if exc.report:
            report = exc.report.rstrip()
            if getattr(args, "quiet", False):  # -q: the report's summary paragraph only
                report = report.split("\n\n")[0]
            sys.stderr.write(report + "\n")
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
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = EXIT_PIPE
    if code == EXIT_PIPE:
        _silence_stdout()
    collector.before_exit()
    sys.exit(code)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush of what is still buffered
    does not raise BrokenPipeError again on its way out (the recipe of Python's signal docs)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


if __name__ == "__main__":
    run()
