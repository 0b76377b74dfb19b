"""The command line, `python -m explorer ...`: one sub-command per task, errors as one sentence on
stderr with a non-zero exit code."""

from explorer.cli.commands import main

__all__ = ["main"]
