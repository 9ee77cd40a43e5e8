"""`write_notes` on the sample episode with a transcript of its script: the files, exactly, and their care."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from spoken import demo_truth, script_transcript

from showprep.adapters.errors import StoreError
from showprep.adapters.store import EpisodeStore
from showprep.services.notes import write_notes
from showprep.services.outline import make_outline

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "episodes" / "2026-11-23-reel-talk-42"
TRUTH = demo_truth()

EXPECTED_NOTES = """\
# Reel Talk #42: Sequels, Streamers and a Box-Office Surprise

2026-11-23 · Episode 42

Streamers raise their prices again: Which plans went up, and by how much. The weekend box office: A small \
horror film beat two franchise sequels.

## Chapters

- 00:00:00 Intro
- 00:00:23 Streamers raise their prices again
- 00:00:54 The weekend box office

### 00:00:23 Streamers raise their prices again

- [Lumen Plus Raises Prices Again; Ad-Free Plan Now $17.99 a Month]\
(https://streamdigest.example/news/lumen-plus-raises-prices-again) — Stream Digest, Marcus Bell, 2026-11-20. \
Originally reported by [Harbor Business Journal](https://harborbusiness.example/media/lumen-plus-price-increase).

### 00:00:54 The weekend box office

- ['The Hollow Orchard' Scares Up $41 Million, Beating Two Franchise Sequels]\
(https://screenscoop.example/2026/11/22/hollow-orchard-tops-weekend-box-office/) — Screen Scoop, \
Dana Whitlock, 2026-11-22. Originally reported by [The Hollywood Courier]\
(https://hollywoodcourier.example/box-office/hollow-orchard-opening-weekend).

## Also mentioned

- [Ohio's Starlight Drive-In Will Reopen After Fans Raise $300,000]\
(https://heartlandscreens.example/stories/starlight-drive-in-reopens) — Heartland Screens, Tom Reyes, \
2026-11-19. Originally reported by [Columbus Evening Post]\
(https://columbuseveningpost.example/local/starlight-drive-in-campaign).
"""


@pytest.fixture
def sample(episodes_dir: Path) -> tuple[EpisodeStore, Path]:
    folder = episodes_dir / SAMPLE.name
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("publish", "transcript.json", "*.ogg"))
    store = EpisodeStore(episodes_dir)
    store.save_transcript(folder, script_transcript())
    return store, folder


def test_show_notes_follow_the_recording(sample: tuple[EpisodeStore, Path]) -> None:
    store, folder = sample
    result = write_notes(store, folder)
    assert result.show_notes == EXPECTED_NOTES
    assert (folder / "publish" / "show-notes.md").read_text(encoding="utf-8") == EXPECTED_NOTES
    assert result.coverage_warnings == [
        "segment 'Festival season news' (festival-news) was not found in the recording; it gets no chapter"
    ]
    assert result.chapter_warnings == []
    assert result.problems == []
    assert result.complete


def test_every_publish_file_is_written(sample: tuple[EpisodeStore, Path]) -> None:
    store, folder = sample
    result = write_notes(store, folder)
    publish = folder / "publish"
    names = sorted(p.name for p in result.files.paths)
    transcripts = ["transcript.vtt", "transcript.srt", "transcript.txt", "transcript.json"]
    assert names == sorted(["show-notes.md", "chapters.json", "youtube.txt", "rundown.md", *transcripts])
    chapters = json.loads((publish / "chapters.json").read_text(encoding="utf-8"))
    assert chapters["version"] == "1.2.0"
    expected_starts = [c["start"] for c in TRUTH["chapters"]]
    assert [c["startTime"] for c in chapters["chapters"]] == expected_starts
    assert [c.get("url") for c in chapters["chapters"]] == [
        None,
        "https://streamdigest.example/news/lumen-plus-raises-prices-again",
        "https://screenscoop.example/2026/11/22/hollow-orchard-tops-weekend-box-office/",
    ]
    youtube = (publish / "youtube.txt").read_text(encoding="utf-8")
    assert "\n0:00 Intro\n0:23 Streamers raise their prices again\n0:54 The weekend box office\n" in youtube
    assert "  Originally reported by The Hollywood Courier: https://hollywoodcourier.example/" in youtube
    rundown = (publish / "rundown.md").read_text(encoding="utf-8")
    assert "## Not covered in the recording\n\n- Festival season news (`festival-news`)\n" in rundown
    assert "Festival" not in result.show_notes


def test_a_file_edited_by_hand_is_kept_unless_forced(sample: tuple[EpisodeStore, Path]) -> None:
    store, folder = sample
    write_notes(store, folder)
    notes = folder / "publish" / "show-notes.md"
    edited = EXPECTED_NOTES.replace("## Chapters", "## Chapters (thanks, Sam!)")
    notes.write_text(edited, encoding="utf-8")

    spared = write_notes(store, folder)
    assert notes.read_text(encoding="utf-8") == edited
    assert spared.files.kept == [notes]
    assert not spared.complete
    assert f"{notes}: edited by hand since showprep wrote it; not overwriting it" in spared.warnings()[0]
    assert (folder / "publish" / "youtube.txt") in spared.files.paths, "the other files are still written"

    forced = write_notes(store, folder, force=True)
    assert notes.read_text(encoding="utf-8") == EXPECTED_NOTES
    backup = folder / "publish" / "show-notes.md.bak"
    assert forced.files.backups == [backup]
    assert backup.read_text(encoding="utf-8") == edited
    assert write_notes(store, folder).complete, "once regenerated, the file is showprep's again"


def test_a_file_put_there_by_someone_else_is_not_overwritten(sample: tuple[EpisodeStore, Path]) -> None:
    store, folder = sample
    publish = folder / "publish"
    publish.mkdir()
    (publish / "youtube.txt").write_text("my own description\n", encoding="utf-8")
    result = write_notes(store, folder)
    assert (publish / "youtube.txt").read_text(encoding="utf-8") == "my own description\n"
    assert result.files.kept == [publish / "youtube.txt"]


def test_existing_transcript_files_are_left_alone(sample: tuple[EpisodeStore, Path]) -> None:
    store, folder = sample
    publish = folder / "publish"
    publish.mkdir()
    (publish / "transcript.txt").write_text("corrected by hand\n", encoding="utf-8")
    result = write_notes(store, folder)
    assert (publish / "transcript.txt").read_text(encoding="utf-8") == "corrected by hand\n"
    assert (publish / "transcript.vtt").read_text(encoding="utf-8").startswith("WEBVTT")
    assert result.files.kept == []


def test_template_in_the_episode_folder_wins_over_the_episodes_folder(
    sample: tuple[EpisodeStore, Path],
) -> None:
    store, folder = sample
    (store.root / "template.md.j2").write_text("Show: {{ notes.title }}\n", encoding="utf-8")
    assert write_notes(store, folder).show_notes == (
        "Show: Reel Talk #42: Sequels, Streamers and a Box-Office Surprise\n"
    )
    (folder / "template.md.j2").write_text(
        '{% import "macros.md.j2" as show %}'
        "{% for c in notes.chapters %}{{ c.timestamp }} {{ c.title }}\n"
        "{% for item in c.credits %}{{ show.credit(item) }}\n{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    result = write_notes(store, folder)
    assert result.template == folder / "template.md.j2"
    assert result.show_notes.splitlines()[:3] == [
        "00:00:00 Intro",
        "00:00:23 Streamers raise their prices again",
        "- [Lumen Plus Raises Prices Again; Ad-Free Plan Now $17.99 a Month]"
        "(https://streamdigest.example/news/lumen-plus-raises-prices-again) — Stream Digest, Marcus Bell, "
        "2026-11-20. Originally reported by [Harbor Business Journal]"
        "(https://harborbusiness.example/media/lumen-plus-price-increase).",
    ]


def test_a_broken_template_is_one_error_naming_file_and_line(sample: tuple[EpisodeStore, Path]) -> None:
    store, folder = sample
    template = folder / "template.md.j2"
    template.write_text(
        "# {{ notes.title }}\n\n{% for c in notes.chapters %}\n{{ c.title }\n", encoding="utf-8"
    )
    with pytest.raises(StoreError) as raised:
        write_notes(store, folder)
    assert str(raised.value).startswith(f"{template}:4: template error: ")
    template.write_text("# {{ notes.title }}\n{{ notes.no_such_thing }}\n", encoding="utf-8")
    with pytest.raises(StoreError) as raised:
        write_notes(store, folder)
    assert str(raised.value) == (
        f"{template}:2: template error: "
        "'showprep.domain.show_notes.ShowNotes object' has no attribute 'no_such_thing'"
    )
    assert not (folder / "publish" / "show-notes.md").exists()


def test_without_a_transcript_the_notes_follow_the_plan(sample: tuple[EpisodeStore, Path]) -> None:
    store, folder = sample
    store.transcript_path(folder).unlink()
    result = write_notes(store, folder)
    assert result.problems == [
        f"{folder / 'transcript.json'}: no transcript yet, so no chapters; run `showprep transcribe` first "
        "(notes follow the plan meanwhile)"
    ]
    assert "## Chapters" not in result.show_notes
    assert "### Festival season news" in result.show_notes
    assert "Also mentioned" not in result.show_notes
    assert not (folder / "publish" / "chapters.json").exists()


def test_an_unreadable_source_is_reported_and_the_rest_written(sample: tuple[EpisodeStore, Path]) -> None:
    store, folder = sample
    broken = folder / "sources" / "lumen-plus-price-rise.md"
    broken.write_text("---\nurl: [unclosed\n---\nbody\n", encoding="utf-8")
    result = write_notes(store, folder)
    assert result.problems[0].startswith(f"{broken}:")
    assert result.problems[1] == (
        f"{folder / 'episode.md'}: segment 'streaming-prices' names source 'lumen-plus-price-rise', "
        "but sources/lumen-plus-price-rise.md is missing or unreadable"
    )
    assert "The weekend box office" in result.show_notes
    assert not result.complete


def test_outline_writes_the_rundown_with_coverage(sample: tuple[EpisodeStore, Path]) -> None:
    store, folder = sample
    result = make_outline(store, folder)
    assert (folder / "publish" / "rundown.md").read_text(encoding="utf-8") == result.text
    assert "Recorded at 0:23 for 0:31." in result.text
    assert "## Sources not in any segment" in result.text
    assert result.added == []

    grouped = make_outline(store, folder, auto=True)
    assert [(s.title, s.sources) for s in grouped.added] == [
        ("Ohio's Starlight Drive-In", ("starlight-drive-in-reopens",))
    ]
    saved = store.load_episode(folder)
    assert [s.id for s in saved.segments] == [
        "box-office",
        "streaming-prices",
        "festival-news",
        "ohios-starlight-drive-in",
    ]
    assert "## Sources not in any segment" not in grouped.text
