"""Opening an episode for the UI, saving plan edits at once, and refusing edits to a stale plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from showprep.adapters.errors import OutsideEditError
from showprep.adapters.store import EpisodeStore
from showprep.domain import plan_edits
from showprep.domain.episode import Segment
from showprep.domain.plan_edits import PlanEditError
from showprep.domain.source import Source
from showprep.services.plan import changed_on_disk, create_from_form, edit_plan, open_episode


@pytest.fixture
def folder(episodes_dir: Path) -> Path:
    store = EpisodeStore(episodes_dir)
    folder, episode = store.create("Reel Talk", dt.date(2026, 11, 23))
    store.save_source(folder, Source(id="orchard", url="https://a.example/1", title="Orchard"))
    store.save_episode(folder, replace(episode, segments=(Segment("box-office", "Box office"),)))
    return folder


def test_open_reads_everything_and_reports_unreadable_files(episodes_dir: Path, folder: Path) -> None:
    (folder / "sources" / "broken.md").write_text("---\ntitle: [oops\n---\n", encoding="utf-8")
    (folder / "transcript.json").write_text("{not json", encoding="utf-8")
    (folder / "publish").mkdir()
    (folder / "publish" / "show-notes.md").write_text("# Notes\n", encoding="utf-8")
    (folder / "publish" / ".generated.json").write_text("{}", encoding="utf-8")
    snapshot = open_episode(EpisodeStore(episodes_dir), folder)
    assert snapshot.episode.title == "Reel Talk"
    assert list(snapshot.sources) == ["orchard"]
    assert snapshot.transcript is None
    assert snapshot.show_notes == "# Notes\n"
    assert snapshot.published == (folder / "publish" / "show-notes.md",)
    assert len(snapshot.problems) == 2
    assert snapshot.problems[0].startswith(f"{folder / 'sources' / 'broken.md'}:")
    assert snapshot.problems[1].startswith(f"{folder / 'transcript.json'}")


def test_edits_are_saved_at_once_and_noticed_changes_are_not_news(episodes_dir: Path, folder: Path) -> None:
    store = EpisodeStore(episodes_dir)
    snapshot = open_episode(store, folder)
    edited = edit_plan(store, snapshot, lambda ep: plan_edits.move_source(ep, "orchard", "box-office"))
    assert EpisodeStore(episodes_dir).load_episode(folder).segments[0].sources == ("orchard",)
    assert not changed_on_disk(store, edited)
    assert edit_plan(store, edited, lambda ep: ep) is edited
    (folder / "sources" / "new.md").write_text("---\nurl: https://b.example\n---\n", encoding="utf-8")
    assert changed_on_disk(store, edited)


def test_an_edit_to_a_plan_changed_on_disk_is_refused(episodes_dir: Path, folder: Path) -> None:
    store = EpisodeStore(episodes_dir)
    snapshot = open_episode(store, folder)
    path = folder / "episode.md"
    outside = path.read_text(encoding="utf-8").replace("Box office", "Box office, edited elsewhere")
    path.write_text(outside, encoding="utf-8")
    with pytest.raises(OutsideEditError, match="changed on disk since it was shown"):
        edit_plan(store, snapshot, lambda ep: plan_edits.rename_segment(ep, "box-office", "Mine"))
    assert path.read_text(encoding="utf-8") == outside


def test_a_bad_edit_changes_nothing(episodes_dir: Path, folder: Path) -> None:
    store = EpisodeStore(episodes_dir)
    snapshot = open_episode(store, folder)
    before = (folder / "episode.md").read_bytes()
    with pytest.raises(PlanEditError):
        edit_plan(store, snapshot, lambda ep: plan_edits.rename_segment(ep, "box-office", " "))
    assert (folder / "episode.md").read_bytes() == before


def test_create_from_form(episodes_dir: Path) -> None:
    store = EpisodeStore(episodes_dir)
    folder = create_from_form(store, "Reel Talk 8", "2026-11-30", " 8 ")
    episode = store.load_episode(folder)
    assert (episode.date, episode.number) == (dt.date(2026, 11, 30), 8)
    assert create_from_form(store, "No number", "2026-12-07", "").name == "2026-12-07-no-number"


@pytest.mark.parametrize(
    ("date", "number", "message"),
    [
        ("30/11/2026", "", "date must be written YYYY-MM-DD, not '30/11/2026'"),
        ("2026-11-30", "eight", "number must be a whole number, not 'eight'"),
        ("2026-11-30", "-1", "number must be zero or more, not -1"),
    ],
)
def test_create_from_form_refuses(episodes_dir: Path, date: str, number: str, message: str) -> None:
    with pytest.raises(PlanEditError) as caught:
        create_from_form(EpisodeStore(episodes_dir), "Reel Talk", date, number)
    assert str(caught.value) == message
    assert list(episodes_dir.iterdir()) == []
