"""Small modal dialogs that ask for one thing and return it; they know nothing about episodes' files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

T = TypeVar("T")


class Dialog(ModalScreen[T | None]):
    """A centred box; escape cancels (returns None)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextPrompt(Dialog[str]):
    """One line of text, e.g. a segment's title."""

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self._title = title
        self._value = value
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="dialog-title")
            yield Input(self._value, placeholder=self._placeholder, id="prompt-input")
            yield Label("enter: OK  ·  escape: cancel", classes="dialog-hint")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class Confirm(Dialog[bool]):
    """A yes/no question; y or enter says yes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("y", "yes", "Yes"), Binding("n", "cancel", "No")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._question, classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes", variant="error", id="yes")
                yield Button("No", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


@dataclass(frozen=True)
class NewEpisodeForm:
    """What the user typed into the new-episode dialog, unparsed."""

    title: str
    date: str
    number: str


class NewEpisodeDialog(Dialog[NewEpisodeForm]):
    """Title, date and number of a new episode."""

    def __init__(self, default_date: str) -> None:
        super().__init__()
        self._default_date = default_date

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("New episode", classes="dialog-title")
            yield Input(placeholder="Title", id="title")
            yield Input(self._default_date, placeholder="Date, YYYY-MM-DD", id="date")
            yield Input(placeholder="Number (optional)", id="number", type="integer")
            yield Label("enter: create  ·  tab: next field  ·  escape: cancel", classes="dialog-hint")

    @on(Input.Submitted)
    def _submit(self) -> None:
        self.dismiss(
            NewEpisodeForm(
                title=self.query_one("#title", Input).value,
                date=self.query_one("#date", Input).value,
                number=self.query_one("#number", Input).value,
            )
        )


@dataclass(frozen=True)
class LinksForm:
    """Links pasted by the user (one or many, any whitespace between) and the segment to add them to."""

    links: str
    segment_title: str


class AddLinksDialog(Dialog[LinksForm]):
    """A box to paste article links into, and the segment they go to."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "submit", "Add links")]

    def __init__(self, segment_title: str) -> None:
        super().__init__()
        self._segment_title = segment_title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Add article links (one per line)", classes="dialog-title")
            yield TextArea(id="links", soft_wrap=True, show_line_numbers=False)
            yield Input(self._segment_title, placeholder="Segment (blank: unassigned)", id="segment")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", variant="primary", id="add")
                yield Button("Cancel", id="cancel")
            yield Label("ctrl+s: add  ·  escape: cancel", classes="dialog-hint")

    def action_submit(self) -> None:
        self.dismiss(
            LinksForm(self.query_one("#links", TextArea).text, self.query_one("#segment", Input).value)
        )

    @on(Button.Pressed, "#add")
    def _add(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#segment")
    def _segment_submitted(self) -> None:
        self.action_submit()


@dataclass(frozen=True)
class PointsForm:
    """A segment's talking points (one per line) and planned minutes, as typed."""

    points: str
    minutes: str


class PointsDialog(Dialog[PointsForm]):
    """Edit a segment's talking points and planned minutes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "submit", "Save")]

    def __init__(self, segment_title: str, points: str, minutes: str) -> None:
        super().__init__()
        self._segment_title = segment_title
        self._points = points
        self._minutes = minutes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(f"Talking points: {self._segment_title}", classes="dialog-title")
            yield TextArea(self._points, id="points", soft_wrap=True)
            yield Input(self._minutes, placeholder="Planned minutes", id="minutes", type="number")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
            yield Label("one point per line  ·  ctrl+s: save  ·  escape: cancel", classes="dialog-hint")

    def action_submit(self) -> None:
        self.dismiss(
            PointsForm(self.query_one("#points", TextArea).text, self.query_one("#minutes", Input).value)
        )

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#minutes")
    def _minutes_submitted(self) -> None:
        self.action_submit()


UNASSIGNED = "\0unassigned"
"""The choice of ChooseSegment meaning "no segment"; cannot clash with a segment id (slugs)."""


class ChooseSegment(Dialog[str]):
    """Pick a segment (or "unassigned") from a list; returns its id or UNASSIGNED."""

    def __init__(self, title: str, choices: list[tuple[str, str]], current: str | None) -> None:
        super().__init__()
        self._title = title
        self._choices = choices
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self._title, classes="dialog-title")
            options = [Option(label, id=choice) for choice, label in self._choices]
            options.append(Option("(unassigned)", id=UNASSIGNED))
            yield OptionList(*options, id="choices")
            yield Label("enter: move here  ·  escape: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        if self._current is not None:
            choices.highlighted = choices.get_option_index(self._current)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class AudioPicker(Dialog[Path]):
    """The recording to transcribe: type a path, or pick the file in the tree below."""

    def __init__(self, start: Path, value: str) -> None:
        super().__init__()
        self._start = start
        self._value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall"):
            yield Label("Transcribe a recording", classes="dialog-title")
            yield Input(self._value, placeholder="Path of the audio file", id="audio-path")
            yield DirectoryTree(self._start, id="audio-tree")
            yield Label("enter: transcribe  ·  pick a file below  ·  escape: cancel", classes="dialog-hint")

    @on(DirectoryTree.FileSelected)
    def _picked(self, event: DirectoryTree.FileSelected) -> None:
        path_input = self.query_one("#audio-path", Input)
        path_input.value = str(event.path)
        path_input.focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(Path(event.value.strip()).expanduser())
