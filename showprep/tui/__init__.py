"""The Textual terminal UI: screens and widgets over the same services the command line uses.

Importing this package loads Textual, which is why the command line imports it only inside the
command that opens the UI.
"""
