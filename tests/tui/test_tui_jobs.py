"""The jobs of the episode screen through the pilot, each with the real service behind it: links
fetched from a real local web server, show notes written, sources grouped."""

from __future__ import annotations

from pathlib import Path

from conftest import episode_screen, fresh, settle
from fixtures.server import LocalSite
from textual.widgets import Input, Markdown, Static, TextArea
from textual.widgets.markdown import MarkdownBlock

from showprep.adapters.store import EpisodeStore
from showprep.domain.source import Source
from showprep.tui.app import ShowprepApp
from showprep.tui.widgets.fetches import FetchRow
from showprep.tui.widgets.plan import PlanItem, PlanView


async def test_add_links_each_shown_inline_failures_too(
    store: EpisodeStore, planned: Path, local_site: LocalSite
) -> None:
    good = local_site.article("byline-pipe.html")
    missing = local_site.url("/status/404")
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert app.screen.query_one("#segment", Input).value == "The weekend box office"
        app.screen.query_one(TextArea).text = f"{good}\n{missing}\n  not a link\n"
        await pilot.press("ctrl+s")
        await settle(pilot)
        rows = {row.url: row for row in app.screen.query(FetchRow)}
        assert list(rows) == [good, missing, "not", "a", "link"]
        assert rows[good].has_class("ok")
        assert rows[missing].has_class("failed")
        failure = str(rows[missing].query_one(".fetch-text", Static).render())
        assert "404" in failure and missing in failure
        assert not app.screen.query(".pending")

        box_office = fresh(planned).segment("box-office")
        assert box_office is not None and len(box_office.sources) == 2
        new_id = box_office.sources[1]
        assert (planned / "sources" / f"{new_id}.md").is_file()
        assert PlanItem("box-office", new_id) in [
            node.data
            for node in app.screen.query_one("#rundown").root.children[0].children  # type: ignore[attr-defined]
        ]
        assert not any(n.title == "Reloaded" for n in app._notifications)


async def test_an_edit_made_while_links_were_added_is_not_lost(
    store: EpisodeStore, planned: Path, local_site: LocalSite
) -> None:
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one(TextArea).text = local_site.article("meta-only.html")
        app.screen.query_one("#segment", Input).value = "Listener mail"
        await pilot.press("ctrl+s")
        await pilot.press("shift+down")  # box-office after streaming, while the link is fetched
        await settle(pilot)
        episode = fresh(planned)
        assert [s.id for s in episode.segments][-1] == "listener-mail"
        assert len(episode.segments[-1].sources) == 1
        if [s.id for s in episode.segments][:2] != ["streaming", "box-office"]:
            # The move landed after the service saved the plan; it was refused, never written over it.
            assert any("changed on disk since it was shown" in n.message for n in app._notifications)


async def test_write_notes_and_see_them_rendered(store: EpisodeStore, planned: Path) -> None:
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = episode_screen(app)
        assert screen.query_one("TabbedContent").active == "notes"  # type: ignore[attr-defined]
        written = (planned / "publish" / "show-notes.md").read_text(encoding="utf-8")
        assert "The weekend box office" in written
        rendered = screen.query_one("#notes-markdown", Markdown)
        assert rendered.source == written
        headings = [block.source for block in rendered.query("MarkdownH3").results(MarkdownBlock)]
        assert "### The weekend box office\n" in headings
        files = str(screen.query_one("#notes-files", Static).render())
        assert str(planned / "publish" / "show-notes.md") in files
        warnings = str(screen.query_one("#notes-warnings", Static).render())
        assert "no transcript yet" in warnings


async def test_group_unassigned_sources(store: EpisodeStore, planned: Path) -> None:
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        episode = fresh(planned)
        assert "drive-in" in episode.assigned_source_ids()
        assert len(episode.segments) == 4
        view = app.screen.query_one(PlanView)
        assert view.snapshot is not None and view.snapshot.episode == episode
        assert (planned / "publish" / "rundown.md").is_file()


async def test_fetch_a_source_again(store: EpisodeStore, planned: Path, local_site: LocalSite) -> None:
    good = Source(id="good", url=local_site.article("byline-pipe.html"), title="Old headline")
    gone = Source(id="gone", url=local_site.url("/status/404"), title="Kept copy", text="Old text.\n")
    store.save_source(planned, good)
    store.save_source(planned, gone)
    app = ShowprepApp(store, planned)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for source, outcome in ((good, "ok"), (gone, "failed")):
            view = app.screen.query_one(PlanView)
            rundown = app.screen.query_one("#rundown")
            line = [rundown.get_node_at_line(i).data for i in range(rundown.last_line + 1)]  # type: ignore[attr-defined]
            rundown.move_cursor_to_line(line.index(PlanItem(None, source.id)))  # type: ignore[attr-defined]
            await pilot.press("f")
            await settle(pilot)
            assert view.selected == PlanItem(None, source.id)
            [row] = app.screen.query(FetchRow)
            assert row.url == source.url and row.has_class(outcome)
        assert "kept the copy" in str(row.query_one(".fetch-text", Static).render())
        reread = EpisodeStore(planned.parent)
        assert reread.load_source(planned, "good").title != "Old headline"
        assert reread.load_source(planned, "gone") == gone
