"""Every setting is documented in the README (the settings table feeds the CLI help too)."""

from pathlib import Path

from explorer.settings import SETTINGS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme():
    missing = [s.env for s in SETTINGS if s.env not in README]
    assert not missing, f"document these in README.md: {missing}"
