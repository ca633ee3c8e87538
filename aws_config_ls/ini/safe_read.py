"""Every read of a path the user (or their environment) names: never blocks, never endless.

Any path in a config or an environment variable can be a FIFO (opening it for reading waits
for a writer), a device (`/dev/zero` never ends), a directory or a huge file. Each read here
opens without blocking (`O_NONBLOCK`), checks on the open descriptor that it is a regular
file, and reads at most a cap; failures come back as data (`Read.error`), never raised.
"""

from __future__ import annotations

import errno
import io
import os
import stat

from aws_config_ls.ini.records import NamedTuple

# The largest file read whole: a 25,000-line config is about 1 MiB.
WHOLE_FILE_LIMIT = 16 * 1024 * 1024

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class Read(NamedTuple):
    """The bytes read (None on failure) and why it failed.

    `errno` is the error the open or read raised (ENOENT when absent); `not_regular` names
    what the path is when it exists but is not a regular file (then nothing was read).
    """

    data: bytes | None
    error: str | None = None
    errno: int | None = None
    not_regular: str | None = None

    @property
    def missing(self) -> bool:
        return self.errno in (errno.ENOENT, errno.ENOTDIR)


def read_head(path: str, size: int) -> Read:
    """The first `size` bytes of a regular file (to sniff a `#!` line or a magic number)."""
    return _read(path, size, whole=False)


def read_whole(path: str, limit: int = WHOLE_FILE_LIMIT) -> Read:
    """A whole regular file, refused when larger than `limit` bytes."""
    return _read(path, limit, whole=True)


def read_text(path: str, limit: int = WHOLE_FILE_LIMIT) -> str:
    """A whole regular file as `open(path).read()` decodes it (the locale encoding, universal
    newlines); raises OSError (refusals included) or UnicodeDecodeError, as `open` would."""
    read = read_whole(path, limit)
    if read.data is None:
        code = read.errno or errno.EIO
        # what open() itself raises says only strerror ("[Errno 2] No such file or directory:
        # 'p'", as botocore's ContainerProvider reports a missing token file); a path refused
        # here rather than by open (a FIFO, too large) says why
        refused = code == errno.EFBIG or read.not_regular not in (None, "a directory")
        raise OSError(code, (read.error or "cannot read") if refused else os.strerror(code), path)
    with io.TextIOWrapper(io.BytesIO(read.data)) as text:
        return text.read()


def _describe(mode: int) -> str | None:
    for test, name in _KINDS:
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def _read(path: str, cap: int, whole: bool) -> Read:
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        code = getattr(error, "errno", None) or errno.EINVAL
        return Read(None, f"{path}: {_reason(error)}", code)
    try:
        what = _describe(os.fstat(fd).st_mode)
        if what is not None:
            code = errno.EISDIR if what == "a directory" else errno.EINVAL
            return Read(None, f"{path} is {what}, not a regular file: not read", code, what)
        chunks: list[bytes] = []
        left = cap + 1 if whole else cap
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if whole and len(data) > cap:
            return Read(None, f"{path} is larger than {cap} bytes: not read", errno.EFBIG)
        return Read(data)
    except OSError as error:
        return Read(None, f"{path}: {_reason(error)}", error.errno or errno.EIO)
    finally:
        os.close(fd)


def _reason(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error)
