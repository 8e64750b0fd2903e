"""Recordings of model replies, chosen by name from one folder (``TRAVEL_SANDBOX_RECORDINGS``).

``replay:NAME`` (``agents.models.replay``) reads ``NAME.jsonl`` (or ``NAME.json``) from the recordings
folder, and the web app accepts recordings this way only: a request names a recording, never a file.
A recording is read only when it is a regular file inside the folder (a symbolic link may point
within it, never out of it), of at most ``TRAVEL_SANDBOX_MAX_RECORDING`` bytes, opened without
blocking (a FIFO never holds a worker) and read no further than the limit (``/dev/zero`` cannot
fill the memory). Messages name the recording, never its place on the server.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import IO, Any

from sandbox.errors import ConfigError, UnknownNameError

#: What a recording name looks like: a file name without its suffix, never a path.
RECORDING_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
SUFFIXES = (".jsonl", ".json")


def parse_recording(text: str, *, as_list: bool, where: str) -> list[dict[str, Any]]:
    """The entries of a recording's text: JSON lines, or one JSON list (``{"responses": [...]}``)."""
    try:
        if as_list or text.lstrip().startswith("["):
            data = json.loads(text)
            entries = data.get("responses", data) if isinstance(data, dict) else data
            if not isinstance(entries, list):
                raise ConfigError(f"{where}: expected a list of recorded messages")
            return list(entries)
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{where}: not valid JSON at line {exc.lineno}: {exc.msg}") from exc


def looks_like_path(arg: str) -> bool:
    """``replay:ARG`` names a file (rather than a recording) when ARG has a suffix or a separator."""
    return arg.endswith(SUFFIXES) or "/" in arg or "\\" in arg


def recording_names(folder: Path) -> list[str]:
    """The recordings of ``folder`` by name (``NAME.jsonl`` / ``NAME.json`` files), sorted."""
    try:
        files = list(folder.iterdir())
    except OSError:
        return []
    return sorted(
        {p.name.removesuffix(p.suffix) for p in files if p.suffix in SUFFIXES}
        - {"record"}  # ``replay:record`` is the recording mode, never a recording
    )


def find_recording(name: str, folder: Path, max_bytes: int) -> Path:
    """The file of the recording called ``name`` in ``folder``, after checking it may be read: a
    regular file inside the folder (symbolic links are followed, but only within it) of at most
    ``max_bytes`` bytes. Raises ``ConfigError`` (``UnknownNameError`` for a name that is not there)
    whose message names the recording, never a path on the server."""
    if not RECORDING_NAME.fullmatch(name) or name.endswith(SUFFIXES) or name == "record":
        raise ConfigError(
            f"{name!r} is not a recording name: letters, digits, '.', '_' and '-', without the "
            ".jsonl/.json suffix (the file NAME.jsonl in the recordings folder)"
        )
    root = folder.resolve()
    for suffix in SUFFIXES:
        candidate = folder / f"{name}{suffix}"
        if not os.path.lexists(candidate):
            continue
        real = candidate.resolve()
        if not real.is_relative_to(root):
            raise ConfigError(f"recording {name!r} links outside the recordings folder; it is not read")
        _open_bounded(real, name, max_bytes).close()
        return real
    raise UnknownNameError("recording", name, recording_names(folder))


def read_named_recording(name: str, folder: Path, max_bytes: int) -> list[dict[str, Any]]:
    """Every entry of the recording called ``name`` (see ``find_recording``), read within the bounds."""
    path = find_recording(name, folder, max_bytes)
    with _open_bounded(path, name, max_bytes) as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ConfigError(f"recording {name!r} grew past the limit of {max_bytes} bytes while being read")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"recording {name!r} is not UTF-8 text (byte {exc.start})") from None
    return parse_recording(text, as_list=path.suffix == ".json", where=f"recording {name!r}")


def _open_bounded(path: Path, name: str, max_bytes: int) -> IO[bytes]:
    """``path`` opened for reading without blocking (a FIFO never holds a worker) or following a
    link, checked to be a regular file within the size limit."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ConfigError(f"recording {name!r} cannot be opened: {exc.strerror or exc}") from None
    f = os.fdopen(fd, "rb")
    info = os.fstat(fd)
    problem = (
        "is not a regular file"
        if not stat.S_ISREG(info.st_mode)
        else f"has {info.st_size} bytes, over the limit of {max_bytes} (TRAVEL_SANDBOX_MAX_RECORDING)"
        if info.st_size > max_bytes
        else None
    )
    if problem:
        f.close()
        raise ConfigError(f"recording {name!r} {problem}; it is not read")
    return f
