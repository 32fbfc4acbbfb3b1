"""Keep a process, or one thread, off the network by the kernel's word, not a parser's.

Why: a SPARQL engine makes an outbound connection for ``SERVICE <url>``, ``LOAD <url>`` or
``FROM <url>``, and no engine tipgraph runs has a switch to turn that off. Refusing such
queries before they run depends on the refusing parser reading the text exactly as the
executing one does; SPARQL's escapes (``\\u005C`` expanded before or after tokenizing,
``\\#`` in a prefixed name) let two readers disagree, and one disagreement is enough. So the
code that executes queries runs under a seccomp filter that makes the kernel answer
``EPERM`` to the system calls a connection needs. Whatever the engine thinks the text
says, it cannot open a socket.

The filter (libseccomp through ``pyseccomp``, its ctypes binding) denies with ``EPERM``:

* ``socket`` for every address family. Every outbound path (TCP, UDP, DNS lookups, a
  netlink or packet socket, a Unix socket to a local proxy) starts with a new socket. The
  worker keeps the socket pair it inherited from its parent: that one already exists.
* ``connect``, for a socket that existed before the filter (belt and braces: a query
  engine only uses sockets it makes itself).
* ``io_uring_setup``, ``io_uring_enter``, ``io_uring_register``: an io_uring ring can
  create and connect sockets without making either system call.

System calls of another architecture (``int 0x80`` on x86-64, x32 numbers) are refused by
libseccomp's default bad-architecture action, which ends the thread. Children inherit the
filter across ``fork`` and ``execve``, so a helper program started by the engine would be
jailed too. The filter cannot be lifted once loaded: that is the point.

``confine_process`` jails a whole process (every thread, ``TSYNC``); it is for the query
workers of ``tipgraph serve``. ``run_offline`` jails one new thread, runs a function in it
and lets the thread end with its filter: for ``tipgraph query``, which must not jail the
process it runs in (a test suite or a program calling it as a library goes on after).

Each jail is checked before it is trusted (``Probe``): a socket ``socket()`` must be
refused, a TCP ``connect()`` to a listener on 127.0.0.1 opened beforehand must be refused
and leave nothing in the listener's queue, and ``io_uring_setup`` must be refused. A jail
that does not pass raises ``OutputError`` E634, and so does a machine without seccomp
(not Linux, libseccomp.so.2 or ``pyseccomp`` missing, a kernel built without it).

Example:
    >>> run_offline(lambda: 6 * 7)  # doctest: +SKIP
    42
"""

from __future__ import annotations

import ctypes
import errno
import select
import socket
import sys
import threading
from collections.abc import Callable
from functools import partial
from types import ModuleType
from typing import TypeVar

from tipgraph.core.errors import OutputError

T = TypeVar("T")

#: The system calls the jail answers with EPERM (see the module docstring for why each).
DENIED_SYSCALLS = ("socket", "connect", "io_uring_setup", "io_uring_enter", "io_uring_register")
#: io_uring_setup has the same number on every architecture since Linux 5.1.
_IO_URING_SETUP = 425


def _pyseccomp() -> ModuleType:
    """The libseccomp binding, or E634 saying why there is none."""
    if not sys.platform.startswith("linux"):
        raise _unavailable(f"seccomp is a Linux facility and this is {sys.platform}")
    try:
        import pyseccomp
    except ImportError:
        raise _unavailable("the Python package pyseccomp is not installed") from None
    except (RuntimeError, OSError) as exc:  # pyseccomp raises RuntimeError without libseccomp
        raise _unavailable(f"libseccomp cannot be loaded ({exc}); install libseccomp2") \
            from None
    module: ModuleType = pyseccomp
    return module


def _unavailable(reason: str) -> OutputError:
    return OutputError(f"queries cannot be kept off the network: {reason}", code="E634")


class Probe:
    """Sockets made before the jail, to check after it that the jail holds.

    A listener on 127.0.0.1 and an unconnected TCP socket: after the filter is loaded,
    ``check`` connects one to the other and expects EPERM, and expects the listener's
    queue to stay empty. If the filter failed, the check itself makes one connection to
    this process's own loopback listener, which is then reported, never used.
    """

    def __init__(self) -> None:
        try:
            self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self.client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        except OSError as exc:  # already jailed by a parent, or no loopback
            if hasattr(self, "listener"):
                self.listener.close()
            raise _unavailable(f"the sockets of the jail's check cannot be made "
                               f"({exc.strerror or exc})") from None
        try:
            self.listener.bind(("127.0.0.1", 0))
            self.listener.listen(1)
        except OSError as exc:
            self.close()
            raise _unavailable(f"the jail's check cannot listen on 127.0.0.1 "
                               f"({exc.strerror or exc})") from None

    def check(self) -> None:
        """Raise E634 unless every way out tried here is refused with EPERM."""
        try:
            for family, kind in ((socket.AF_INET, socket.SOCK_STREAM),
                                 (socket.AF_INET6, socket.SOCK_STREAM),
                                 (socket.AF_INET, socket.SOCK_DGRAM),
                                 (socket.AF_UNIX, socket.SOCK_STREAM)):
                _expect_eperm(f"socket({family.name}, {kind.name})",
                              partial(_open_and_close, family, kind))
            _expect_eperm("connect() to a listener on 127.0.0.1",
                          lambda: self.client.connect(self.listener.getsockname()))
            readable, _, _ = select.select([self.listener], [], [], 0)
            if readable:
                raise _unavailable("a connection reached the loopback listener of the check")
            _expect_eperm("io_uring_setup", _io_uring_setup)
        finally:
            self.close()

    def close(self) -> None:
        """Close both sockets (closing needs no system call the jail denies)."""
        self.client.close()
        self.listener.close()


def _expect_eperm(what: str, attempt: Callable[[], object]) -> None:
    try:
        attempt()
    except PermissionError:
        return
    except OSError as exc:
        if what == "io_uring_setup" and exc.errno == errno.ENOSYS:
            return  # a kernel without io_uring: nothing to refuse
        raise _unavailable(f"{what} failed with {exc.strerror or exc} instead of being "
                           "refused") from None
    raise _unavailable(f"{what} was allowed after the filter was loaded")


def _open_and_close(family: socket.AddressFamily, kind: socket.SocketKind) -> None:
    socket.socket(family, kind).close()


def _io_uring_setup() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    # entries=1 with no params: EFAULT when allowed, EPERM when the filter denies it
    if libc.syscall(ctypes.c_long(_IO_URING_SETUP), ctypes.c_uint(1), None) == -1:
        code = ctypes.get_errno()
        raise OSError(code, errno.errorcode.get(code, str(code)))
    raise OSError(0, "io_uring_setup returned a ring")


def _load_filter(*, every_thread: bool) -> None:
    """Load the filter on this thread (and, with ``every_thread``, on all of them)."""
    seccomp = _pyseccomp()
    try:
        jail = seccomp.SyscallFilter(seccomp.ALLOW)
        for name in DENIED_SYSCALLS:
            jail.add_rule(seccomp.ERRNO(errno.EPERM), name)
        if every_thread:
            jail.set_attr(seccomp.Attr.CTL_TSYNC, 1)
        jail.load()
    except OSError as exc:
        raise _unavailable(f"the seccomp filter cannot be loaded ({exc.strerror or exc})") \
            from None


def _jail(*, every_thread: bool) -> None:
    probe = Probe()
    try:
        _load_filter(every_thread=every_thread)
    except OutputError:
        probe.close()
        raise
    probe.check()


def confine_process() -> None:
    """Jail this whole process, then check that the jail holds.

    Call it before the query engine starts threads of its own (``TSYNC`` covers the
    threads that exist, the filter is inherited by those started later).

    Raises:
        OutputError: E634 where seccomp is unavailable or the check fails.
    """
    _jail(every_thread=True)


def run_offline(function: Callable[[], T], *, required: bool = True) -> T:
    """Run ``function`` in a new thread jailed off the network; return what it returns.

    The caller's thread and the rest of the process are not jailed. Exceptions raised by
    ``function`` are raised here.

    Args:
        function: the work, with everything it needs bound (a closure or ``partial``).
        required: when False and seccomp is unavailable on this machine (``available``),
            run the function in the thread anyway (the caller has other means to stay off
            the network); a filter that loads but fails its check is an error either way.

    Raises:
        OutputError: E634 when ``required`` and the jail cannot be set up or checked.
    """
    outcome: list[T] = []
    failure: list[BaseException] = []

    def jailed() -> None:
        try:
            if required or available() is None:
                _jail(every_thread=False)
            outcome.append(function())
        except BaseException as exc:  # handed to the caller's thread
            failure.append(exc)

    thread = threading.Thread(target=jailed, name="tipgraph-offline", daemon=True)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return outcome[0]


def available() -> str | None:
    """None when this machine can jail queries, else why not (for messages and tests)."""
    try:
        _pyseccomp()
    except OutputError as exc:
        reason: str = exc.message
        return reason
    return None


__all__ = ["DENIED_SYSCALLS", "Probe", "available", "confine_process", "run_offline"]
