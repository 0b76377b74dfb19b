"""/timeline: the investment timeline (URL: from, to, type, event, currency). See ui/timeline_page.py."""

from ui.timeline_page import render

render()
