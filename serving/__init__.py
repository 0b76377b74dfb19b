"""The web server around the Streamlit app: link previews in the served HTML and the JSON twin.

`streamlit run app.py` finds the `st.App` that app.py builds from `routes()` and `middleware()`
(Streamlit's public ASGI entry point, on Starlette), so the pages keep their URLs and two
things are added beside them, with no Streamlit internals:

- `serving.previews.PreviewMiddleware`: the HTML of every page's URL gets a <title>, og: and
  twitter: tags describing that view (explorer.share.views.preview);
- `serving.workspace.WorkspaceMiddleware`: every page request carries a cookie opening the
  browser's workspace (a new one if it has none); `?workspace=SECRET` opens one on another device;
- `serving.api`: `/api/<page>?<the page's parameters>` returns the view as JSON
  (explorer.share.views.twin).

Both read what they need through `serving.source.LoaderSource`, i.e. the pages' own cached
loaders (ui.loaders), so one process holds one engine and one model for the pages and the API.
"""


def routes() -> list:
    from serving.api import api_routes

    return api_routes()


def middleware() -> list:
    from starlette.middleware import Middleware

    from serving.previews import PreviewMiddleware
    from serving.workspace import WorkspaceMiddleware

    # The workspace's cookie first: the preview then describes the view for this browser's workspace.
    return [Middleware(WorkspaceMiddleware), Middleware(PreviewMiddleware)]
