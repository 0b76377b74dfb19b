"""The bench's first-view table runs each layer's view call on the bundled story (a call whose
signature changed once broke `make bench` with nothing in the suite to notice)."""

import pytest

from explorer.bench.first_view import first_view_table

pytestmark = pytest.mark.slow  # fills two layer caches with the real models


def test_the_first_view_table_times_every_layer_the_bundled_story_has(config, engine):
    table = first_view_table(config, engine)
    rows = {line.split(" | ")[0].strip("| ") for line in table.splitlines() if line.startswith("| ") and "---" not in line}
    assert {"entities", "events", "claims"} <= rows, table
