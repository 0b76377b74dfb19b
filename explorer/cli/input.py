"""Text the command line is given (a query argument, a --batch file), read as UTF-8 with
replacement, and a note when bytes were replaced.

A shell passes bytes. Python turns an argument's invalid UTF-8 into lone surrogates
(surrogateescape), which the tokenizer, JSON output and stdout all refuse; a batch file in
Latin-1 does not decode at all. Here both become text with U+FFFD where a byte was not UTF-8, and
the caller says so, since a replaced byte can change what a query matches.
"""

import re
from pathlib import Path

from explorer.errors import ExplorerError

REPLACEMENT = "\ufffd"
NOT_A_BYTE = re.compile("[\ud800-\udc7f\udd00-\udfff]")  # surrogateescape uses U+DC80..U+DCFF only


def decode(data: bytes) -> tuple[str, int]:
    """(text, how many replacement characters decoding added). A leading BOM is dropped."""
    text = data.decode("utf-8-sig", errors="replace")
    return text, max(0, text.count(REPLACEMENT) - data.count(REPLACEMENT.encode("utf-8")))


def from_argument(argument: str) -> tuple[str, int]:
    """An argument as the shell gave it (bytes recovered from Python's surrogateescape), decoded."""
    text, unpaired = NOT_A_BYTE.subn(REPLACEMENT, argument)  # surrogates that stand for no byte
    decoded, replaced = decode(text.encode("utf-8", errors="surrogateescape"))
    return decoded, replaced + unpaired


def read_batch(path: Path) -> tuple[list[str], int]:
    """The non-blank lines of a batch file, and how many characters were replaced."""
    path = Path(path)
    if not path.is_file():
        raise ExplorerError(f"Batch file {path} not found.", "Give a text file with one query per line.")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ExplorerError(f"Batch file {path} cannot be read ({e.strerror or e}).",
                            "Give a readable text file with one query per line.") from None
    if b"\x00" in data:
        raise ExplorerError(f"Batch file {path} is binary, not text.", "Give a text file with one query per line.")
    text, replaced = decode(data)
    return [line for line in text.splitlines() if line.strip()], replaced


def replaced_note(source: str, replaced: int) -> str:
    return (f"note: {source}: {replaced} byte sequence{'s' if replaced > 1 else ''} not valid UTF-8 "
            f"replaced with {REPLACEMENT} (save it as UTF-8 to search for the exact text).")
