"""The episode store: SPEC.md's file format, round trips, outside edits and malformed files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from showprep.adapters.errors import EpisodeNotFoundError, MalformedFileError, OutsideEditError
from showprep.adapters.store import EpisodeStore
from showprep.domain.episode import Episode, EpisodeStatus, Segment
from showprep.domain.source import Cite, Source

EPISODE_TEXT = """\
---
title: Reel Talk
producer: Sam  # a key showprep does not know
date: 2026-11-23
status: planning
segments:
- id: news
  title: The news
  points: [one, two]
  minutes: 5
  sources: [a-story]
  colour: red
custom:
  nested: [1, 2, 3]
---
# Notes

Keep *this* exactly.<3 spaces>
Trailing spaces and all.

""".replace("<3 spaces>", "   ")


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "episode.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_reads_every_key_of_the_spec(episodes_dir: Path) -> None:
    folder = episodes_dir / "ep"
    _write(folder, EPISODE_TEXT)
    episode = EpisodeStore(episodes_dir).load_episode(folder)
    assert episode.title == "Reel Talk"
    assert episode.date == dt.date(2026, 11, 23)
    assert episode.status is EpisodeStatus.PLANNING
    assert episode.segments == (
        Segment("news", "The news", ("one", "two"), 5, ("a-story",), {"colour": "red"}),
    )
    assert episode.extra == {"producer": "Sam", "custom": {"nested": [1, 2, 3]}}
    assert episode.notes.startswith("# Notes\n\nKeep *this* exactly.   \n")


def test_saving_an_unchanged_episode_rewrites_nothing(episodes_dir: Path) -> None:
    folder = episodes_dir / "ep"
    path = _write(folder, EPISODE_TEXT)
    before = path.stat().st_mtime_ns
    store = EpisodeStore(episodes_dir)
    episode = store.load_episode(folder)
    assert store.save_episode(folder, episode) is False
    assert path.read_text(encoding="utf-8") == EPISODE_TEXT
    assert path.stat().st_mtime_ns == before


def test_a_change_keeps_unknown_keys_their_order_and_the_body(episodes_dir: Path) -> None:
    folder = episodes_dir / "ep"
    path = _write(folder, EPISODE_TEXT)
    store = EpisodeStore(episodes_dir)
    episode = store.load_episode(folder)
    assert store.save_episode(folder, _retitled(episode, "Reel Talk 2"))
    text = path.read_text(encoding="utf-8")
    assert text.endswith("---\n# Notes\n\nKeep *this* exactly.   \nTrailing spaces and all.\n\n")
    front_matter = text.split("---\n")[1]
    keys = [line.split(":")[0] for line in front_matter.splitlines() if line[:1].isalpha()]
    assert keys == ["title", "producer", "date", "status", "segments", "custom"]
    again = EpisodeStore(episodes_dir).load_episode(folder)
    assert again == _retitled(episode, "Reel Talk 2")


def _retitled(episode: Episode, title: str) -> Episode:
    from dataclasses import replace

    return replace(episode, title=title)


yaml_safe_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\x85\u2028\u2029"),
    max_size=40,
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-(10**6), 10**6), yaml_safe_text)
extra_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(yaml_safe_text, inner, max_size=3),
    max_leaves=8,
)
extra_keys = st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12).filter(
    lambda k: k not in {"title", "number", "date", "status", "audio", "segments"}
)
bodies = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x85\u2028\u2029\ufeff"), max_size=200
)
segments = st.builds(
    Segment,
    id=st.text("abcdefghij-0123456789", min_size=1, max_size=10),
    title=yaml_safe_text.filter(str.strip),
    points=st.lists(yaml_safe_text, max_size=3).map(tuple),
    minutes=st.none() | st.integers(0, 120) | st.floats(0, 120, allow_nan=False),
    sources=st.lists(st.text("abcdef-", min_size=1, max_size=8), max_size=3).map(tuple),
)
episodes = st.builds(
    Episode,
    title=yaml_safe_text.filter(str.strip),
    date=st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31)),
    status=st.sampled_from(EpisodeStatus),
    number=st.none() | st.integers(0, 10_000),
    audio=st.none() | yaml_safe_text.filter(bool),
    segments=st.lists(segments, max_size=4).map(tuple),
    notes=bodies,
    extra=st.dictionaries(extra_keys, extra_values, max_size=4),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(episode=episodes)
def test_episode_round_trip(episode: Episode) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "ep"
        folder.mkdir()
        EpisodeStore(root).save_episode(folder, episode)
        path = folder / "episode.md"
        written = path.read_bytes()
        store = EpisodeStore(root)
        loaded = store.load_episode(folder)
        assert loaded == episode
        assert store.save_episode(folder, loaded) is False
        assert path.read_bytes() == written


sources = st.builds(
    Source,
    id=st.just("story"),
    url=yaml_safe_text.filter(str.strip).map(lambda s: "https://example.com/" + s),
    title=yaml_safe_text,
    authors=st.lists(yaml_safe_text.filter(str.strip), max_size=3).map(tuple),
    publisher=st.none() | yaml_safe_text.filter(bool),
    published=st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)),
    cites=st.lists(st.builds(Cite, name=yaml_safe_text, url=st.none() | yaml_safe_text), max_size=2).map(
        tuple
    ),
    fetched_at=st.none()
    | st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)),
    word_count=st.integers(0, 100_000),
    status=st.just("ok") | yaml_safe_text.filter(bool),
    text=bodies,
    extra=st.dictionaries(
        extra_keys.filter(lambda k: k not in {"url", "title", "status", "cites"}), extra_values, max_size=3
    ),
)


@settings(max_examples=100, deadline=None)
@given(source=sources)
def test_source_round_trip(source: Source) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "ep"
        EpisodeStore(root).save_source(folder, source)
        loaded = EpisodeStore(root).load_source(folder, "story")
        assert loaded == source


def test_outside_edit_is_detected_and_kept(episodes_dir: Path) -> None:
    folder = episodes_dir / "ep"
    path = _write(folder, EPISODE_TEXT)
    store = EpisodeStore(episodes_dir)
    episode = store.load_episode(folder)
    edited = EPISODE_TEXT.replace("Keep *this*", "The other editor wrote this")
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(OutsideEditError, match="changed by another program"):
        store.save_episode(folder, _retitled(episode, "Mine"))
    assert path.read_text(encoding="utf-8") == edited


def test_same_size_edit_within_the_same_mtime_is_still_detected(episodes_dir: Path) -> None:
    folder = episodes_dir / "ep"
    path = _write(folder, EPISODE_TEXT)
    store = EpisodeStore(episodes_dir)
    episode = store.load_episode(folder)
    stat = path.stat()
    path.write_text(EPISODE_TEXT.replace("Keep", "KEEP"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    with pytest.raises(OutsideEditError):
        store.save_episode(folder, _retitled(episode, "Mine"))


def test_a_file_created_elsewhere_is_not_overwritten(episodes_dir: Path) -> None:
    folder = episodes_dir / "ep"
    store = EpisodeStore(episodes_dir)
    path = store.source_path(folder, "story")
    path.parent.mkdir(parents=True)
    path.write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutsideEditError):
        store.save_source(folder, Source(id="story", url="https://example.com/a"))
    assert path.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize(
    ("front_matter", "line", "reason"),
    [
        ("title: [unclosed\ndate: 2026-11-23\n", 3, "not valid YAML"),
        ("title: Fine\ndate: 2026-11-23\nstatus: planning\n  bad indent: x\n", 5, "not valid YAML"),
        ("title: Fine\ndate: someday\n", 3, "date: must be a date"),
        ("title: Fine\ndate: 2026-11-23\nstatus: recording\n", 4, "status: must be one of"),
        ("title: Fine\ndate: 2026-11-23\nsegments: a string\n", 4, "segments: must be a list"),
        ("title: Fine\ndate: 2026-11-23\nnumber: forty-two\n", 4, "number: must be a whole number"),
        ("date: 2026-11-23\n", None, "title: is missing"),
        ("- a\n- list\n", 2, "must be a mapping"),
    ],
)
def test_malformed_front_matter_names_file_and_line_and_leaves_it(
    episodes_dir: Path, front_matter: str, line: int | None, reason: str
) -> None:
    folder = episodes_dir / "ep"
    text = f"---\n{front_matter}---\nbody\n"
    path = _write(folder, text)
    with pytest.raises(MalformedFileError) as caught:
        EpisodeStore(episodes_dir).load_episode(folder)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: " if line else f"{path}: ")
    assert reason in message
    assert "\n" not in message
    assert path.read_text(encoding="utf-8") == text


def test_create_makes_safe_unique_folders(episodes_dir: Path) -> None:
    store = EpisodeStore(episodes_dir)
    day = dt.date(2026, 11, 23)
    first, _ = store.create("../../etc/passwd", day)
    second, _ = store.create("../../etc/passwd", day)
    third, _ = store.create("Café — Ünïcode!", day)
    fourth, _ = store.create("日本語", day)
    assert [p.name for p in (first, second, third, fourth)] == [
        "2026-11-23-etc-passwd",
        "2026-11-23-etc-passwd-2",
        "2026-11-23-cafe-unicode",
        "2026-11-23-episode",
    ]
    assert all(p.parent == episodes_dir for p in (first, second, third, fourth))
    assert store.load_episode(third).title == "Café — Ünïcode!"


def test_resolve_accepts_folder_name_path_or_episode_file(episodes_dir: Path, tmp_path: Path) -> None:
    store = EpisodeStore(episodes_dir)
    folder, _ = store.create("Show", dt.date(2026, 1, 2))
    assert store.resolve(folder.name) == folder
    assert store.resolve(str(folder)) == folder
    assert store.resolve(str(folder / "episode.md")) == folder
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(folder, elsewhere)
    assert store.resolve(str(elsewhere)) == elsewhere
    with pytest.raises(EpisodeNotFoundError, match="no episode"):
        store.resolve("nope")


def test_listing_keeps_going_past_a_broken_episode(episodes_dir: Path) -> None:
    store = EpisodeStore(episodes_dir)
    store.create("Good", dt.date(2026, 1, 2))
    _write(episodes_dir / "broken", "---\ntitle: [\n---\n")
    rows = store.listings()
    assert [r.episode.title if r.episode else None for r in rows] == ["Good", None]
    assert "not valid YAML" in str(rows[1].error)


def test_changed_on_disk_polls_for_outside_edits(episodes_dir: Path) -> None:
    folder = episodes_dir / "ep"
    path = _write(folder, EPISODE_TEXT)
    store = EpisodeStore(episodes_dir)
    store.load_episode(folder)
    assert store.changed_on_disk(path) is False
    os.utime(path, ns=(0, 0))
    assert store.changed_on_disk(path) is False
    path.write_text(EPISODE_TEXT + "more\n", encoding="utf-8")
    assert store.changed_on_disk(path) is True


def test_update_episode_applies_a_change_to_the_file_as_it_is_now(episodes_dir: Path) -> None:
    folder = episodes_dir / "ep"
    path = _write(folder, EPISODE_TEXT)
    store = EpisodeStore(episodes_dir)
    store.load_episode(folder)
    path.write_text(EPISODE_TEXT.replace("Keep *this*", "Edited elsewhere"), encoding="utf-8")
    updated = store.update_episode(folder, lambda e: _retitled(e, "Recorded"))
    assert updated.title == "Recorded"
    text = path.read_text(encoding="utf-8")
    assert "Edited elsewhere" in text
    assert "title: Recorded" in text
