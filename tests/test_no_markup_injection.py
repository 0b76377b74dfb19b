"""No page or ui module hands text it did not write itself to a call that renders markdown.

Streamlit renders markdown (links, images, GFM auto-links, `:colour[...]` directives, LaTeX) in
st.markdown, st.caption, st.write, every alert and toast, titles and headers, and in widget labels
and help. A URL value, a query, an uploaded file's name or text, or a corpus record that reaches
one of them unescaped can put a link or a remote image on a trusted page. The one way to show
such text is `ui.common.md_escape` (or `md_link`, which escapes its label and checks its URL, or
`md_url`, a URL shown as itself in a code span, linked only when it is http(s)).

This test reads the source with `ast` and fails on any such call whose text is not built only
from string literals, numbers formatted with a format spec, `len(...)`, and md_escape/md_link.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")])

# Streamlit calls whose first argument (the body or the label) is rendered as markdown.
MARKDOWN_FIRST_ARG = {"markdown", "caption", "write", "warning", "info", "error", "success", "toast", "title",
                      "header", "subheader", "metric", "expander", "button", "download_button", "link_button",
                      "form_submit_button", "checkbox", "toggle", "radio", "selectbox", "multiselect", "slider",
                      "select_slider", "text_input", "text_area", "number_input", "date_input", "file_uploader",
                      "popover", "page_link", "segmented_control", "pills", "status", "tabs"}
# Keyword arguments rendered as markdown wherever they appear.
MARKDOWN_KEYWORDS = {"label", "help", "body", "text"}
# Receivers whose `.write(...)` is not Streamlit's (our own URL writer, files).
NOT_STREAMLIT = {"url_state", "handle", "file", "out", "sys", "path"}
SAFE_FUNCTIONS = {"md_escape", "md_link", "md_url", "len"}
# Calls whose first argument is not rendered text (page_link's first argument is a page path).
FIRST_ARG_NOT_TEXT = {"page_link", "tabs"}


def _name(func) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _receiver(func) -> str:
    value = func.value if isinstance(func, ast.Attribute) else None
    return value.id if isinstance(value, ast.Name) else ""


def _root(node):
    """The name an expression hangs from: TABLE in TABLE[key].label or TABLE.get(key)."""
    while True:
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
            node = node.func.value
        else:
            return node.id if isinstance(node, ast.Name) else ""


def is_safe(node, local=None) -> bool:
    """True when the expression can only produce text the code itself wrote, or escaped text.

    `local(name)` says whether a local variable only ever holds such text."""
    local = local or (lambda name: False)
    safe = lambda child: is_safe(child, local)  # noqa: E731
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.JoinedStr):
        return all(safe(part) for part in node.values)
    if isinstance(node, ast.FormattedValue):
        return node.format_spec is not None or safe(node.value)  # {n:d} {x:.2f}: a number's format
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return safe(node.left) and safe(node.right)
    if isinstance(node, ast.BoolOp):
        return all(safe(v) for v in node.values)
    if isinstance(node, ast.IfExp):
        return safe(node.body) and safe(node.orelse)
    if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
        return safe(node.elt)
    if isinstance(node, (ast.List, ast.Tuple)):
        return all(safe(e) for e in node.elts)
    if isinstance(node, ast.Name) and local(node.id):
        return True
    root = _root(node)
    if root.isupper():  # a constant table the code wrote (PAGES[name].label, BADGE[verdict])
        return True
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "join":  # "; ".join(safe parts)
            return safe(node.func.value) and all(safe(a) for a in node.args)
        return _name(node.func) in SAFE_FUNCTIONS
    return False


def _local_checker(function):
    """local(name): every assignment to `name` in `function` is safe (parameters and loop
    variables never are)."""
    assigned = {}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    assigned.setdefault(target.id, []).append(node.value)
                elif isinstance(target, ast.Tuple):
                    for element in target.elts:
                        if isinstance(element, ast.Name):
                            assigned.setdefault(element.id, []).append(None)
        elif isinstance(node, (ast.For, ast.comprehension, ast.AugAssign, ast.NamedExpr, ast.withitem)):
            for target in ast.walk(getattr(node, "target", None) or getattr(node, "optional_vars", None) or ast.Pass()):
                if isinstance(target, ast.Name):
                    assigned.setdefault(target.id, []).append(None)
    arguments = {a.arg for a in ast.walk(function.args) if isinstance(a, ast.arg)} if hasattr(function, "args") else set()
    seen = set()

    def local(name):
        if name in arguments or name not in assigned or name in seen:
            return False
        seen.add(name)
        try:
            return all(value is not None and is_safe(value, local) for value in assigned[name])
        finally:
            seen.discard(name)

    return local


def unsafe_calls(source: str) -> list[tuple[int, str]]:
    """(line, call name) of every markdown-rendering call given text that is not known safe."""
    tree = ast.parse(source)
    scopes = [tree] + [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    found = set()
    for scope in scopes:
        local = _local_checker(scope) if scope is not tree else (lambda name: False)
        for node in ast.walk(scope):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            if name not in MARKDOWN_FIRST_ARG or isinstance(node.func, ast.Name) or _receiver(node.func) in NOT_STREAMLIT:
                continue
            texts = [] if name in FIRST_ARG_NOT_TEXT or not node.args else [node.args[0]]
            texts += [k.value for k in node.keywords if k.arg in MARKDOWN_KEYWORDS]
            if scope is tree:
                found.update((node.lineno, name) for text in texts if not is_safe(text))
            else:
                # judged again inside its function, where local variables are known
                found.discard((node.lineno, name))
                found.update((node.lineno, name) for text in texts if not is_safe(text, local))
    return sorted(found)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_markdown_calls_get_only_literal_or_escaped_text(path):
    problems = unsafe_calls(path.read_text(encoding="utf-8"))
    assert not problems, (f"{path.relative_to(ROOT)}: text that is not a literal reaches a markdown-rendering call "
                          f"without ui.common.md_escape at " + ", ".join(f"line {n} ({c})" for n, c in problems))


@pytest.mark.parametrize("code", ["st.warning(message)", "st.caption(f'Collection: {title}')",
                                  "col.metric('x', 1, help=note)", "st.page_link('p.py', label=name)",
                                  "st.info('a' + value)", "st.markdown(str(value))"])
def test_the_scan_flags_unescaped_text(code):
    assert unsafe_calls(code)


@pytest.mark.parametrize("code", ["st.warning(md_escape(message))", "st.caption(f'Collection: {md_escape(title)}')",
                                  "st.write(f'{n:,} passages')", "st.info('fixed text')",
                                  "url_state.write(state)", "st.page_link('p.py', label='Search it')"])
def test_the_scan_accepts_literals_and_escaped_text(code):
    assert not unsafe_calls(code)


@pytest.mark.parametrize("text", ["http://evil.example/x", "HTTPS://evil.example", "www.evil.example", "WWW.evil.example",
                                  "me@evil.example", "mailto:me@evil.example", "xmpp:me@evil.example"])
def test_escaped_text_cannot_become_an_auto_link(text):
    """GFM links these after escapes are resolved; the escaped text must not hold them whole."""
    from ui.common import WORD_JOINER, md_escape

    shown = md_escape(text).replace("\\", "")
    assert "://" not in shown and "www." not in shown.lower() and "@" + "e" not in shown
    assert shown.replace(WORD_JOINER, "") == text


def test_escaped_text_keeps_every_character_and_escapes_every_markup_character():
    from ui.common import WORD_JOINER, md_escape

    text = "![x](y) <b>&amp; **a** _b_ `c` :red[d] $e$ # f\n===\n- g | h ~i~ {j} +k 1. l"
    escaped = md_escape(text)
    assert escaped.replace("\\", "").replace(WORD_JOINER, "") == text.replace("\\", "")
    assert all(escaped[i - 1] == "\\" for i, c in enumerate(escaped) if c in "![]()<>&*_`:$#-|~{}+.")
    assert "\n\\===" in escaped  # a setext underline is escaped; "=" elsewhere is plain
