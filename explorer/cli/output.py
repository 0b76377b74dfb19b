"""Text the command line prints that came from outside (file names, titles, messages quoting them).

A file name may hold terminal escape sequences ("\\x1b]0;owned\\x07" sets the window title,
"\\x1b[2J" clears the screen) or bidirectional overrides that make a name read backwards. They
are printed as visible escapes (`\\x1b`, `\\u202e`), never sent to the terminal as they are.
"""

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text, one_line: bool = True) -> str:
    """`text` with control characters shown as escapes (tab and newline too, unless `one_line` is False)."""
    text = str(text)
    if one_line:
        text = text.replace("\t", "\\t").replace("\n", "\\n")
    return _UNSAFE.sub(_escape, text)


def _escape(match) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
