"""showprep: plan, transcribe and publish news-podcast episodes from plain files."""

__version__ = "0.1.0"
