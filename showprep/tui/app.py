"""The showprep Textual application: the episodes list first, an episode's screen on top of it."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen

from showprep.adapters.store import EpisodeStore
from showprep.tui.screens.episode import EpisodeScreen
from showprep.tui.screens.episodes import EpisodesScreen


class ShowprepApp(App[None]):
    """Plan, transcribe and publish episodes from the keyboard."""

    CSS_PATH = Path(__file__).with_name("showprep.tcss")
    TITLE = "showprep"

    def __init__(self, store: EpisodeStore, episode: Path | None = None) -> None:
        """`episode`, when given, is opened on top of the list, so `q` goes back to the list."""
        super().__init__()
        self.store = store
        self._first_episode = episode

    def get_default_screen(self) -> Screen[None]:
        return EpisodesScreen(self.store)

    def on_mount(self) -> None:
        if self._first_episode is not None:
            self.push_screen(EpisodeScreen(self.store, self._first_episode))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands, then every key binding active on the screen, so the palette lists
        every action the screen offers, whether or not the footer has room for it."""
        builtin = list(super().get_system_commands(screen))
        yield from builtin
        titles = {command.title for command in builtin}
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.description in titles or not active.enabled:
                continue
            titles.add(binding.description)
            help_text = binding.tooltip or f"Key: {self.get_key_display(binding)}"
            run = partial(self.run_action, binding.action, active.node)
            yield SystemCommand(binding.description, help_text, run)
