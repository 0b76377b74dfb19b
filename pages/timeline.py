"""/timeline: the investment timeline (URL: from, to, type, event, currency). See ui/timeline_page.py."""

from ui.common import set_title
from ui.routing import ensure_app_navigation
from ui.timeline_page import render

ensure_app_navigation()
set_title("Investment timeline")

render()
