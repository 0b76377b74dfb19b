"""Hostile URL values stay plain text: every page, every parameter, markdown and HTML payloads.

A shared link is the attack surface: anyone can craft one. A value that fails validation is echoed
in a notice, so a markdown image, link or HTML tag in any parameter must neither load anything
from another host nor become an `<a>` or `<img>` on the page (GFM auto-links included)."""

from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.streamlit_server import ALERT, EXCEPTION, wait_until_idle

EVIL = "evil.example"
# Each at most 40 characters: a notice echoes that much of a bad value.
PAYLOADS = {
    "image": f"![x](http://{EVIL}/p.png)",
    "link": f"[go](http://{EVIL}) a@{EVIL}",
    "html": f"<img src=http://{EVIL}/h.png>",
    "autolink": f"www.{EVIL} http://{EVIL}/b",
}
ECHOED_ON = ("", "search", "read", "principles", "timeline", "add")  # /about reads no parameter
# Every parameter each page reads, plus `c` (every page) and a stray one.
PARAMETERS = {
    "": ["c", "stray"],
    "search": ["q", "mode", "k", "doc", "kind", "from", "to", "p", "c"],
    "read": ["doc", "p", "c"],
    "principles": ["principle", "view", "framework", "doc", "ref", "c"],
    "timeline": ["from", "to", "type", "event", "currency", "c"],
    "add": ["c", "stray"],
    "about": ["c", "stray"],
}
CASES = [(path, name) for path in PARAMETERS for name in PAYLOADS]


@pytest.mark.parametrize("path,payload", CASES, ids=[f"/{p or 'home'}-{n}" for p, n in CASES])
def test_hostile_parameters_load_nothing_and_link_nowhere(browser, server, path, payload):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    app_host = urlsplit(server).hostname
    elsewhere = []
    page.on("request", lambda request: elsewhere.append(request.url)
            if urlsplit(request.url).hostname not in (app_host, None) else None)
    value = PAYLOADS[payload]
    try:
        page.goto(f"{server}/{path}?" + urlencode({name: value for name in PARAMETERS[path]}))
        wait_until_idle(page)
        if path in ECHOED_ON:  # the value really reaches a notice, as text
            expect(page.locator(ALERT).filter(has_text=EVIL).first).to_be_visible()
        planted = page.eval_on_selector_all(
            "a[href], img[src], image, iframe[src], source[src]",
            f"els => els.map(e => e.href?.baseVal ?? e.href ?? e.src).filter(u => u && u.includes('{EVIL}')"
            " && !u.startsWith(location.origin))")
        exceptions = page.locator(EXCEPTION).count()
    finally:
        context.close()
    assert not elsewhere, f"requests left for another host: {elsewhere}"
    assert not planted, f"links or images from the URL's values: {planted}"
    assert not exceptions
