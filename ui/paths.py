"""Server paths out of browser messages: a file is named relative to the project
(`corpus/timeline.csv, line 2`), never by the absolute path it has on the server.

The CLI shows full paths; only what the pages show goes through `relative`. Pure, no streamlit."""

import re
from pathlib import Path

# An absolute POSIX path: a slash-led run of path characters (stops at spaces, commas, colons, quotes).
_ABSOLUTE = re.compile(r"(?<![\w.~:/-])/(?:[\w.@+~-]+/)*[\w.@+~-]+/?")


def relative(text: str, folders: dict[str, Path], root: Path) -> str:
    """`text` with every absolute path replaced: a path inside one of `folders` (shown name ->
    folder, e.g. {"corpus": config.corpus_dir}) or inside `root` (the project) is named relative
    to it; any other absolute path by its last part only."""
    bases = sorted(((Path(folder).resolve(), name) for name, folder in folders.items()), key=lambda b: -len(str(b[0])))
    bases.append((Path(root).resolve(), ""))

    def shown(match) -> str:
        path = Path(match.group(0))
        resolved = path.resolve() if path.is_absolute() else path
        for base, name in bases:
            for candidate in {path, resolved}:
                if candidate == base or base in candidate.parents:
                    rest = candidate.relative_to(base).as_posix()
                    joined = "/".join(part for part in (name, "" if rest == "." else rest) if part)
                    return joined + ("/" if match.group(0).endswith("/") and joined else "") or (name or ".")
        return path.name or "/"

    return _ABSOLUTE.sub(shown, str(text))
