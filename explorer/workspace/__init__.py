"""Workspaces: what one browser keeps on a shared server (its private collections, their reviewed
layer, its notes, stars and saved searches) and the read-only links it publishes.

- `workspaces`: a workspace per browser, found by a secret cookie (stored hashed), openable on
  another device by a secret link; idle ones swept with their files after the TTL.
- `access`: the one resolver of `c=` for the pages, the JSON twins and the link previews: the
  bundled story, one of the workspace's own collections, or a published token. Nothing else
  reaches a collection, so one workspace never sees another's.
- `publish`: read-only links (an unguessable token in `c=`), revoked at once by unpublishing.
- `notebook`: stars, notes (with the quoted span) and saved searches, and their exports.

The pages never write a cookie (Streamlit has no API for it): serving.workspace's middleware
issues and redeems them, and the pages read them through st.context.cookies.
"""
