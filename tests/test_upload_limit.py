"""The server's own upload limit is the explorer's: Streamlit refuses a file over
`server.maxUploadSize` MB before the app sees it, so that option must equal EXPLORER_MAX_FILE_MB,
or the browser's limit would be the only one (a script could PUT 200 MB files to the server)."""

import tomllib
from pathlib import Path

from explorer.settings import Config

ROOT = Path(__file__).resolve().parent.parent


def test_the_servers_upload_limit_in_config_toml_is_the_explorers_file_limit():
    server = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]
    assert server["maxUploadSize"] == Config().max_file_mb
