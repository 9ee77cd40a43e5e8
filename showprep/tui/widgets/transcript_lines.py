"""A scrolling list of timestamped transcript lines that renders only the rows on screen.

A two-hour recording has a couple of thousand lines; laying all of them out as widgets or options
costs a noticeable pause, so this widget wraps the plain text once per width and paints rows on
demand through Textual's line API.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True)
class TranscriptLine:
    """One entry: a stretch of speech, or a chapter heading placed before the speech it starts."""

    stamp: str
    """The start time as shown, e.g. "0:01:23"."""
    text: str
    chapter: bool = False


@dataclass(frozen=True)
class _Row:
    entry: int
    text: str
    first: bool


def wrap_words(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cells; a word longer than the width is cut."""
    rows: list[str] = []
    current = ""
    used = 0
    for word in text.split():
        size = cell_len(word)
        while size > width:
            if current:
                rows.append(current)
                current, used = "", 0
            rows.append(word[:width])
            word = word[width:]
            size = cell_len(word)
        if not word:
            continue
        if current and used + 1 + size > width:
            rows.append(current)
            current, used = "", 0
        current = f"{current} {word}" if current else word
        used += size + (1 if used else 0)
    if current or not rows:
        rows.append(current)
    return rows


class TranscriptLines(ScrollView, can_focus=True):
    """Timestamped lines with a cursor; `cursor` is the index of the highlighted entry."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "transcript-lines--stamp",
        "transcript-lines--chapter",
        "transcript-lines--cursor",
        "transcript-lines--match",
    }

    DEFAULT_CSS = """
    TranscriptLines {
        background: $surface;
        & > .transcript-lines--stamp { color: $text-muted; text-style: dim; }
        & > .transcript-lines--chapter { color: $accent; text-style: bold; }
        & > .transcript-lines--cursor { background: $block-cursor-blurred-background; }
        & > .transcript-lines--match { background: $warning 40%; }
        &:focus > .transcript-lines--cursor { background: $block-cursor-background; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First line", show=False),
        Binding("end", "jump(-1)", "Last line", show=False),
    ]

    cursor: reactive[int] = reactive(0)
    highlight: reactive[str] = reactive("")
    """Text to mark wherever it occurs (case-insensitive)."""

    STAMP_WIDTH = 10

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: list[TranscriptLine] = []
        self._rows: list[_Row] = []
        self._first_row: list[int] = []
        self._wrapped_for = -1

    @property
    def entries(self) -> list[TranscriptLine]:
        return self._entries

    def set_lines(self, entries: list[TranscriptLine]) -> None:
        """Replace the content; the cursor goes back to the top."""
        self._entries = entries
        self._wrapped_for = -1
        self.set_reactive(TranscriptLines.cursor, 0)
        self._layout_rows()
        self.scroll_home(animate=False)

    def on_resize(self, event: events.Resize) -> None:
        self._layout_rows()

    def _layout_rows(self) -> None:
        width = self.scrollable_content_region.width or self.size.width
        if width <= 0 or width == self._wrapped_for:
            self.refresh()
            return
        text_width = max(10, width - self.STAMP_WIDTH)
        rows: list[_Row] = []
        first_row: list[int] = []
        for index, entry in enumerate(self._entries):
            first_row.append(len(rows))
            wrapped = wrap_words(entry.text, text_width - (2 if entry.chapter else 0))
            rows.extend(_Row(index, text, n == 0) for n, text in enumerate(wrapped))
        self._rows, self._first_row, self._wrapped_for = rows, first_row, width
        self.virtual_size = Size(width, len(rows))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        row_index = round(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if row_index >= len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[row_index]
        entry = self._entries[row.entry]
        style = (
            base + self.get_component_rich_style("transcript-lines--cursor")
            if row.entry == self.cursor
            else base
        )
        stamp_style = style + self.get_component_rich_style("transcript-lines--stamp", partial=True)
        stamp = entry.stamp if row.first else ""
        segments = [Segment(f"{stamp:>{self.STAMP_WIDTH - 2}}  ", stamp_style)]
        if entry.chapter:
            chapter_style = style + self.get_component_rich_style("transcript-lines--chapter", partial=True)
            segments.append(Segment(("▌ " if row.first else "  ") + row.text, chapter_style))
        else:
            segments.extend(self._marked(row.text, style))
        return Strip(segments).adjust_cell_length(width, style)

    def _marked(self, text: str, style: Style) -> list[Segment]:
        needle = self.highlight.casefold()
        folded = text.casefold()
        if not needle or len(folded) != len(text):
            return [Segment(text, style)]
        match_style = style + self.get_component_rich_style("transcript-lines--match", partial=True)
        segments = []
        position = 0
        while (found := folded.find(needle, position)) >= 0:
            segments += [
                Segment(text[position:found], style),
                Segment(text[found : found + len(needle)], match_style),
            ]
            position = found + len(needle)
        segments.append(Segment(text[position:], style))
        return segments

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        if self._first_row and 0 <= new < len(self._first_row):
            self.scroll_to_entry(new)

    def watch_highlight(self) -> None:
        self.refresh()

    def scroll_to_entry(self, index: int) -> None:
        """Scroll as little as needed for entry `index` to be on screen."""
        if not self._first_row:
            return
        first = self._first_row[index]
        last = self._first_row[index + 1] - 1 if index + 1 < len(self._first_row) else len(self._rows) - 1
        height = self.scrollable_content_region.height
        if first < self.scroll_offset.y:
            self.scroll_to(y=first, animate=False)
        elif last >= self.scroll_offset.y + height:
            self.scroll_to(y=last - height + 1, animate=False)

    def action_move(self, offset: int) -> None:
        if self._entries:
            self.cursor = max(0, min(len(self._entries) - 1, self.cursor + offset))

    def action_page(self, direction: int) -> None:
        if not self._rows:
            return
        row = self._first_row[self.cursor] + direction * max(1, self.scrollable_content_region.height - 1)
        self.cursor = self._rows[max(0, min(len(self._rows) - 1, row))].entry

    def action_jump(self, index: int) -> None:
        if self._entries:
            self.cursor = index % len(self._entries)

    def on_click(self, event: events.Click) -> None:
        row = round(self.scroll_offset.y) + event.y
        if 0 <= row < len(self._rows):
            self.cursor = self._rows[row].entry
