"""Show notes rendered with Jinja2, from the user's template when there is one.

The template is looked up in this order: `template.md.j2` in the episode folder, `template.md.j2` in
the episodes folder (for every episode), then showprep's own `show-notes.md.j2`. Partials such as
`credit.md.j2` resolve the same way, so a custom template can reuse or replace them. A broken
template is a StoreError naming the template file and line.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import jinja2

from showprep.adapters.errors import StoreError
from showprep.domain.show_notes import ShowNotes

OVERRIDE_NAME = "template.md.j2"
DEFAULT_NAME = "show-notes.md.j2"

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def markdown_escape(text: object) -> str:
    """Text that markdown shows as written: brackets, emphasis marks and tags escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def _environment(episode_folder: Path, episodes_root: Path) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(str(episode_folder)),
            jinja2.FileSystemLoader(str(episodes_root)),
            jinja2.PackageLoader("showprep", "templates"),
        ]
    )
    environment = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["md"] = markdown_escape
    return environment


def _template_line(template_file: str | None) -> int | None:
    """The template line being rendered when the current exception was raised (Jinja2 maps it)."""
    traceback = sys.exc_info()[2]
    line = None
    while traceback is not None:
        if template_file and traceback.tb_frame.f_code.co_filename == template_file:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def render_show_notes(notes: ShowNotes, episode_folder: Path, episodes_root: Path) -> tuple[str, Path]:
    """The show notes text, and the template it came from."""
    environment = _environment(episode_folder, episodes_root)
    filename: str | None = None
    try:
        try:
            template = environment.get_template(OVERRIDE_NAME)
        except jinja2.TemplateNotFound:
            template = environment.get_template(DEFAULT_NAME)
        filename = template.filename
        return template.render(notes=notes), Path(filename or DEFAULT_NAME)
    except jinja2.TemplateSyntaxError as exc:
        raise StoreError(
            Path(exc.filename or OVERRIDE_NAME), f"template error: {exc.message}", exc.lineno
        ) from exc
    except jinja2.TemplateNotFound as exc:
        where = Path(filename or OVERRIDE_NAME)
        raise StoreError(
            where, f"template error: no template named {exc.name!r}", _template_line(filename)
        ) from exc
    except jinja2.TemplateError as exc:
        where = Path(filename or OVERRIDE_NAME)
        raise StoreError(where, f"template error: {exc.message or exc}", _template_line(filename)) from exc
