"""JSON Lines files that survive crashes: validated reads, atomic rewrites, safe appends.

Every stage of the pipeline keeps its state in JSONL, so the rules live here once:

* a reader names the file and the line of any bad record (``JsonlError``);
* a whole-file write goes to a temporary file and is renamed over the target, so a crash
  leaves either the old file or the new one, never half of each;
* an append-only log (the collector's raw records) may end in a half-written line after a
  SIGKILL; ``repair_tail`` cuts that line off before the next run appends after it.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import stat
from pathlib import Path
from typing import Any, Iterable, Iterator

import jsonlines


class JsonlError(ValueError):
    """A JSONL file that cannot be used, with the file and 1-based line number."""

    def __init__(self, path: str | os.PathLike, lineno: int | None, message: str):
        self.path = str(path)
        self.lineno = lineno
        where = f"{self.path}:{lineno}" if lineno else self.path
        super().__init__(f"{where}: {message}")


def iter_jsonl(path: str | os.PathLike) -> Iterator[tuple[int, Any]]:
    """Yield ``(line_number, value)`` for each non-blank line; raise ``JsonlError`` on a bad one.

    Line numbers are the file's own (blank lines counted), so an error points at the line an
    editor shows; jsonlines' reader only numbers the lines it yields.
    """
    path = Path(path)
    if not path.exists():
        raise JsonlError(path, None, "file not found")
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise JsonlError(path, lineno, f"not UTF-8 ({exc.reason})") from None
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError as exc:
                raise JsonlError(path, lineno, f"not valid JSON ({exc})") from None
            yield lineno, value


def read_jsonl(path: str | os.PathLike, *, require: Iterable[str] = ()) -> list[dict]:
    """Read a JSONL file of objects, checking that each has the ``require``d keys."""
    require = tuple(require)
    rows = []
    for lineno, value in iter_jsonl(path):
        if not isinstance(value, dict):
            raise JsonlError(path, lineno, f"expected a JSON object, got {type(value).__name__}")
        missing = [k for k in require if k not in value]
        if missing:
            raise JsonlError(path, lineno, f"missing key(s): {', '.join(missing)}")
        rows.append(value)
    return rows


def _create_temp(path: Path, perms: int = 0o666) -> tuple[int, Path]:
    """Create a new temporary file beside ``path`` as ``mkstemp`` does, but with mode 0o666 so the
    umask (and any default ACL) decides its mode like any file the user makes: mkstemp's 0o600
    would leave every output (data, configs, MP3s, tour zips) readable by its owner only."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, perms), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def give_user_mode(path: str | os.PathLike, directory: bool = False) -> None:
    """Set ``path`` to the mode a new file (or folder) of the user's gets (0o666, or 0o777, less
    the umask): for files that libraries write with 0o600 (safetensors weights, mkdtemp)."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, (0o777 if directory else 0o666) & ~mask)


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", perms: int | None = None):
    """Open a temporary file beside ``path``; on success it is synced and renamed over ``path``,
    on any error it is removed, so readers see the old file or the new one, never half.

    A new file gets the user's usual mode (0o666 less the umask); a replaced one keeps its mode.
    ``perms`` (0o600 for secrets) is the mode instead, from the temporary file's first moment.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temp(path, 0o666 if perms is None else perms)
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as fh:
            if perms is not None:
                os.chmod(tmp, perms)
            else:
                with contextlib.suppress(FileNotFoundError):
                    os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_jsonl_atomic(path: str | os.PathLike, rows: Iterable[Any]) -> int:
    """Write ``rows`` to ``path`` atomically; return how many were written."""
    count = 0
    with atomic_open(path) as fh:
        writer = jsonlines.Writer(fh, compact=True, sort_keys=False)
        for row in rows:
            writer.write(row)
            count += 1
    return count


def write_text_atomic(path: str | os.PathLike, text: str, perms: int | None = None) -> None:
    """Write a small text file (JSON, Markdown, YAML) atomically (``perms``: see ``atomic_open``)."""
    with atomic_open(path, perms=perms) as fh:
        fh.write(text)


def repair_tail(path: str | os.PathLike) -> int:
    """Cut a trailing partial line (no newline, or not JSON) off an append-only log.

    Returns the number of bytes removed. Only the last line is ever touched: damage anywhere
    else is not something a crash of ours can cause, so it is reported by the reader instead.
    """
    path = Path(path)
    if not path.exists():
        return 0
    with path.open("rb+") as fh:
        size = fh.seek(0, os.SEEK_END)
        if size == 0:
            return 0
        # Read back far enough to find the start of the last line.
        chunk = min(size, 1 << 20)
        fh.seek(size - chunk)
        tail = fh.read(chunk)
        body = tail[:-1] if tail.endswith(b"\n") else tail
        start = body.rfind(b"\n") + 1
        last = body[start:]
        keep_from = size - chunk + start
        ok = tail.endswith(b"\n")
        if ok and last.strip():
            try:
                json.loads(last)
            except ValueError:
                ok = False
        if ok:
            return 0
        fh.truncate(keep_from)
        return size - keep_from


class AppendLog:
    """An append-only JSONL log where each record reaches the file in one ``write`` call.

    A single ``os.write`` of a line to an ``O_APPEND`` descriptor cannot be interleaved with
    another and is in the page cache as soon as it returns, so a SIGKILL loses at most the
    line being written (and ``repair_tail`` removes that on the next open).
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.repaired_bytes = repair_tail(self.path)
        # 0o666: the umask decides the mode, as for atomic_open.
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)

    def write_raw(self, line: str) -> None:
        """Append one already-serialised JSON line (no trailing newline)."""
        data = (line.rstrip("\n") + "\n").encode("utf-8")
        written = os.write(self._fd, data)
        if written != len(data):  # pragma: no cover - regular files do not short-write
            raise OSError(f"short write to {self.path}")

    def write(self, value: Any) -> None:
        self.write_raw(json.dumps(value, ensure_ascii=False))

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> "AppendLog":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
