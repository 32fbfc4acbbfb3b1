"""The tipgraph error tree.

Every error a user can cause is a subclass of ``TipgraphError`` with a code, so the CLI can
print one line (``E101: ...``) and exit non-zero instead of showing a traceback::

    TipgraphError                 (E000)
    ├── InputError                (E1xx)  the report or graph file given is unusable
    ├── ExtractionError           (E2xx)  the text could be read but not understood
    ├── MappingError              (E3xx)  records could not be turned into RDF
    ├── ValidationError           (E4xx)  the graph does not conform to the shapes
    ├── QueryError                (E5xx)  a query or its parameters are wrong
    └── OutputError               (E6xx)  the result could not be written

The codes are stable: tests and users may match on them.
"""

from __future__ import annotations


class TipgraphError(Exception):
    """Root of every error tipgraph raises on purpose.

    Args:
        code: a stable identifier such as ``"E101"``.
        message: one line saying what was wrong, where, and what to do.
    """

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        # Exception pickles as ``cls(*args)``, which would lose the code and the keyword
        # arguments; a build's worker processes hand their errors back by pickling them.
        return (_rebuild, (type(self), self.message), dict(self.__dict__))


class InputError(TipgraphError):
    """A report, graph or shapes file that is missing, unreadable, empty, binary or not UTF-8."""

    code = "E100"


class ExtractionError(TipgraphError):
    """Text that was read but holds nothing tipgraph can use (no narrative heading, no year)."""

    code = "E200"


class MappingError(TipgraphError):
    """Extracted records that cannot be expressed in the ontology."""

    code = "E300"


class ValidationError(TipgraphError):
    """A graph that violates the SHACL shapes; ``report`` holds the readable report."""

    code = "E400"

    def __init__(self, message: str, *, report: str = "", code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.report = report


class QueryError(TipgraphError):
    """An unknown query name, a malformed query, or a bad parameter."""

    code = "E500"


class OutputError(TipgraphError):
    """An output path with an unknown extension, or one that cannot be written."""

    code = "E600"


def _rebuild(cls: type[TipgraphError], message: str) -> TipgraphError:
    """Unpickle an error: made with its message; its code and the rest are set after."""
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    return error


__all__ = [
    "ExtractionError",
    "InputError",
    "MappingError",
    "OutputError",
    "QueryError",
    "TipgraphError",
    "ValidationError",
]
