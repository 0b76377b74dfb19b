"""Milvus filter expressions from a `Where`, with user data quoted, never spliced in raw.

Document ids and passage ids are user data (a journalist names the files), so every string goes
through `quote`. Milvus Lite 3.2 has no expression templates (`filter_params`), so quoting is
done here: a double-quoted literal where backslash, the quote and line breaks are escaped. Both
Milvus Lite's parser and a Milvus server's read these escapes the same way.
"""

from collections.abc import Iterable

from explorer.store import Where

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def quote(value: str) -> str:
    """`value` as a Milvus string literal."""
    return '"' + "".join(_ESCAPES.get(ch, ch) for ch in str(value)) + '"'


def one_of(field: str, values: Iterable[str]) -> str:
    """`field in ["a", "b"]`, each value quoted."""
    return f"{field} in [{', '.join(quote(v) for v in values)}]"


def where_expr(where: Where) -> str:
    """The filter for `where` ("" for no filter). Dates: a passage's period [first_day, last_day]
    must overlap the bounds; an undated passage (null days) fails any date bound, as null
    comparisons are false in Milvus."""
    parts = []
    if where.doc:
        parts.append(f"doc == {quote(where.doc)}")
    if where.kinds:
        parts.append(one_of("kind", where.kinds))
    if where.first_day is not None:
        parts.append(f"(last_day is not null and last_day >= {int(where.first_day)})")
    if where.last_day is not None:
        parts.append(f"(first_day is not null and first_day <= {int(where.last_day)})")
    return " and ".join(parts)
