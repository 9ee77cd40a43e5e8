"""The `showprep` command line: parses arguments, calls services, prints. Nothing else."""

from showprep.cli.main import main

__all__ = ["main"]
