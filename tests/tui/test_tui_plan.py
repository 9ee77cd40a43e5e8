"""The Plan view through the pilot: every edit is on disk the moment it is made."""

from __future__ import annotations

from pathlib import Path

from conftest import episode_screen, fresh, settle
from textual.message import Message
from textual.widgets import Input, Markdown, TextArea, Tree

from showprep.adapters.store import EpisodeStore
from showprep.tui.app import ShowprepApp
from showprep.tui.messages import SnapshotLoaded
from showprep.tui.widgets.plan import UNASSIGNED_GROUP, PlanItem, PlanView


def tree(app: ShowprepApp) -> Tree[PlanItem]:
    return app.screen.query_one("#rundown", Tree)


def lines(app: ShowprepApp) -> list[PlanItem | None]:
    """The items of the tree's visible lines, top to bottom."""
    rundown = tree(app)
    return [rundown.get_node_at_line(i).data for i in range(rundown.last_line + 1)]  # type: ignore[union-attr]


def select(app: ShowprepApp, item: PlanItem) -> None:
    rundown = tree(app)
    rundown.move_cursor_to_line(lines(app).index(item))


def preview(app: ShowprepApp) -> str:
    return app.screen.query_one("#preview", Markdown).source


async def test_tree_shows_segments_sources_and_the_unassigned(store: EpisodeStore, planned: Path) -> None:
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert lines(app) == [
            PlanItem("box-office"),
            PlanItem("box-office", "orchard-box-office"),
            PlanItem("streaming"),
            PlanItem("streaming", "lumen-prices"),
            PlanItem("festivals"),
            PlanItem("festivals", "festival-lineup"),
            UNASSIGNED_GROUP,
            PlanItem(None, "drive-in"),
        ]
        assert app.focused is tree(app)
        assert "A horror film won" in preview(app)
        await pilot.press("down")
        await settle(pilot)
        text = preview(app)
        assert "# 'The Hollow Orchard' Scares Up $41 Million" in text
        assert "by Dana Reyes · **Screen Scoop** · 2026-11-22" in text
        assert "[Box Office Daily](https://bod.example/weekend)" in text
        assert "It opened on 2,800 screens." in text


async def test_move_source_to_another_segment(store: EpisodeStore, planned: Path) -> None:
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        select(app, PlanItem(None, "drive-in"))
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("down", "enter")  # the dialog lists the segments; the second is "streaming"
        await settle(pilot)
        assert fresh(planned).segment("streaming").sources == ("lumen-prices", "drive-in")  # type: ignore[union-attr]
        assert UNASSIGNED_GROUP not in lines(app)
        assert app.screen.query_one(PlanView).selected == PlanItem("streaming", "drive-in")


async def test_reorder_segments_and_sources(store: EpisodeStore, planned: Path) -> None:
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("shift+down")
        await settle(pilot)
        assert [s.id for s in fresh(planned).segments] == ["streaming", "box-office", "festivals"]
        await pilot.press("shift+down", "shift+down")  # stops at the end
        await settle(pilot)
        assert [s.id for s in fresh(planned).segments] == ["streaming", "festivals", "box-office"]
        await pilot.press("shift+up")
        await settle(pilot)
        assert [s.id for s in fresh(planned).segments] == ["streaming", "box-office", "festivals"]


async def test_new_rename_delete_segment(store: EpisodeStore, planned: Path) -> None:
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one(Input).value = "Listener mail"
        await pilot.press("enter")
        await settle(pilot)
        assert [s.id for s in fresh(planned).segments] == [
            "box-office",
            "listener-mail",
            "streaming",
            "festivals",
        ]
        assert app.screen.query_one(PlanView).selected == PlanItem("listener-mail")

        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one(Input).value = "Your letters"
        await pilot.press("enter")
        await settle(pilot)
        renamed = fresh(planned).segment("listener-mail")
        assert renamed is not None and renamed.title == "Your letters"

        select(app, PlanItem("box-office"))
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        episode = fresh(planned)
        assert [s.id for s in episode.segments] == ["listener-mail", "streaming", "festivals"]
        assert PlanItem(None, "orchard-box-office") in lines(app)
        assert (planned / "sources" / "orchard-box-office.md").is_file()
        assert episode.notes == "Keep the intro short.\n"


async def test_empty_title_is_refused_with_a_message(store: EpisodeStore, planned: Path) -> None:
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        before = (planned / "episode.md").read_bytes()
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one(Input).value = "   "
        await pilot.press("enter")
        await settle(pilot)
        assert (planned / "episode.md").read_bytes() == before
        assert [n.message for n in app._notifications] == ["a segment needs a non-empty title"]


async def test_edit_points_and_minutes(store: EpisodeStore, planned: Path) -> None:
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        select(app, PlanItem("festivals"))
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(TextArea).text = "The surprise lineup\n\nTicket prices\n"
        app.screen.query_one("#minutes", Input).value = "4.5"
        await pilot.press("ctrl+s")
        await settle(pilot)
        segment = fresh(planned).segment("festivals")
        assert segment is not None
        assert segment.points == ("The surprise lineup", "Ticket prices")
        assert segment.minutes == 4.5
        assert "- Ticket prices" in preview(app)


async def test_outside_edit_is_shown_not_overwritten(store: EpisodeStore, planned: Path) -> None:
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        path = planned / "episode.md"
        edited = path.read_text(encoding="utf-8").replace("Festival news", "Festival gossip")
        path.write_text(edited, encoding="utf-8")
        # An edit made before the screen has noticed is refused, and the file keeps the outside edit.
        await pilot.press("shift+down")
        await settle(pilot)
        assert path.read_text(encoding="utf-8") == edited
        assert any("changed on disk since it was shown" in n.message for n in app._notifications)
        screen = episode_screen(app)
        assert screen.snapshot is not None
        assert screen.snapshot.episode.segment("festivals").title == "Festival gossip"  # type: ignore[union-attr]
        # The screen now works on the new version.
        await pilot.press("shift+down")
        await settle(pilot)
        assert [s.id for s in fresh(planned).segments] == ["streaming", "box-office", "festivals"]
        assert fresh(planned).segment("festivals").title == "Festival gossip"  # type: ignore[union-attr]


async def test_outside_edit_is_noticed_while_idle(store: EpisodeStore, planned: Path) -> None:
    seen: list[Message] = []
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36), message_hook=seen.append) as pilot:
        await settle(pilot)
        path = planned / "episode.md"
        path.write_text(
            path.read_text(encoding="utf-8").replace("Reel Talk 7", "Reel Talk Seven"), encoding="utf-8"
        )
        screen = episode_screen(app)
        for _ in range(100):
            await pilot.pause(0.1)
            if screen.title == "Reel Talk Seven":
                break
        assert screen.title == "Reel Talk Seven"
        reloads = [m for m in seen if isinstance(m, SnapshotLoaded)]
        assert reloads[-1].reason == "The episode's files changed on disk."
        assert reloads[-1].snapshot.episode.title == "Reel Talk Seven"


async def test_a_broken_outside_edit_is_reported_and_left_alone(store: EpisodeStore, planned: Path) -> None:
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        path = planned / "episode.md"
        broken = path.read_text(encoding="utf-8").replace("title: Reel Talk 7", "title: [Reel Talk 7")
        path.write_text(broken, encoding="utf-8")
        await pilot.press("ctrl+r")
        await settle(pilot)
        [failure] = [n.message for n in app._notifications if n.title == "Episode not loaded"]
        assert failure.startswith(f"{path}:3: front matter is not valid YAML")
        await pilot.press("shift+down")
        await settle(pilot)
        assert path.read_text(encoding="utf-8") == broken
        # The broken file is not read again and again while nobody touches it.
        failures = sum(1 for n in app._notifications if n.title == "Episode not loaded")
        await pilot.pause(2.5)
        assert sum(1 for n in app._notifications if n.title == "Episode not loaded") == failures
        # Once mended, it is read again by itself.
        path.write_text(broken.replace("[Reel Talk 7", "Reel Talk 7, mended"), encoding="utf-8")
        screen = episode_screen(app)
        for _ in range(50):
            await pilot.pause(0.1)
            if screen.title == "Reel Talk 7, mended":
                break
        assert screen.title == "Reel Talk 7, mended"


async def test_an_unreadable_source_is_said_once(store: EpisodeStore, planned: Path) -> None:
    broken = planned / "sources" / "broken.md"
    broken.write_text("---\ntitle: [oops\n---\n", encoding="utf-8")
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        said = [n.message for n in app._notifications if n.severity == "warning"]
        assert len(said) == 1 and said[0].startswith(f"{broken}:3: front matter is not valid YAML")
        assert PlanItem(None, "broken") not in lines(app)
