"""The pure plan edits behind the UI's Plan view."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from showprep.domain import plan_edits as edits
from showprep.domain.episode import Episode, Segment
from showprep.domain.plan_edits import PlanEditError

PLAN = Episode(
    title="Reel Talk",
    date=dt.date(2026, 11, 23),
    segments=(
        Segment("box-office", "Box office", ("A horror film won",), 6, ("orchard", "numbers")),
        Segment("streaming", "Streaming", (), 5, ("lumen",)),
        Segment("festivals", "Festivals"),
    ),
    extra={"host": "Joe"},
)


def ids(episode: Episode) -> list[str]:
    return [s.id for s in episode.segments]


def test_add_segment_after_the_selected_one_with_a_slug_id() -> None:
    added = edits.add_segment(PLAN, "  Listener   mail ", after="box-office")
    assert ids(added) == ["box-office", "listener-mail", "streaming", "festivals"]
    assert added.segment("listener-mail") == Segment("listener-mail", "Listener mail")
    assert ids(edits.add_segment(PLAN, "Streaming")) == [
        "box-office",
        "streaming",
        "festivals",
        "streaming-2",
    ]
    assert edits.new_segment_id(PLAN, "Streaming") == "streaming-2"
    assert edits.add_segment(PLAN, "Éclair!").segments[-1].id == "eclair"


@pytest.mark.parametrize("title", ["", "   ", "\n\t"])
def test_a_segment_needs_a_title(title: str) -> None:
    with pytest.raises(PlanEditError, match="a segment needs a non-empty title"):
        edits.add_segment(PLAN, title)
    with pytest.raises(PlanEditError, match="a segment needs a non-empty title"):
        edits.rename_segment(PLAN, "streaming", title)


def test_rename_keeps_the_id_and_everything_else() -> None:
    renamed = edits.rename_segment(PLAN, "streaming", "Streamers raise prices")
    assert renamed.segment("streaming") == Segment("streaming", "Streamers raise prices", (), 5, ("lumen",))
    assert renamed.extra == PLAN.extra and renamed.segments[0] is PLAN.segments[0]


def test_unknown_segment() -> None:
    with pytest.raises(PlanEditError, match="there is no segment 'nope'"):
        edits.rename_segment(PLAN, "nope", "x")
    with pytest.raises(PlanEditError, match="there is no segment 'nope'"):
        edits.move_source(PLAN, "lumen", "nope")


def test_delete_leaves_its_sources_unassigned() -> None:
    deleted = edits.delete_segment(PLAN, "box-office")
    assert ids(deleted) == ["streaming", "festivals"]
    assert edits.unassigned_sources(deleted, ["lumen", "numbers", "orchard"]) == ["numbers", "orchard"]


def test_move_segment_stops_at_the_ends() -> None:
    assert ids(edits.move_segment(PLAN, "box-office", 1)) == ["streaming", "box-office", "festivals"]
    assert ids(edits.move_segment(PLAN, "box-office", -1)) == ids(PLAN)
    assert ids(edits.move_segment(PLAN, "festivals", 5)) == ids(PLAN)
    assert ids(edits.move_segment(PLAN, "festivals", -2)) == ["festivals", "box-office", "streaming"]


def test_move_source_between_segments_and_out_of_all() -> None:
    moved = edits.move_source(PLAN, "orchard", "festivals")
    assert moved.segment("box-office").sources == ("numbers",)  # type: ignore[union-attr]
    assert moved.segment("festivals").sources == ("orchard",)  # type: ignore[union-attr]
    assert edits.segment_of(moved, "orchard") == "festivals"
    loose = edits.move_source(PLAN, "lumen", None)
    assert edits.segment_of(loose, "lumen") is None
    assert edits.move_source(PLAN, "lumen", "streaming").segment("streaming").sources == ("lumen",)  # type: ignore[union-attr]


def test_reorder_source_within_its_segment() -> None:
    assert edits.reorder_source(PLAN, "numbers", -1).segments[0].sources == ("numbers", "orchard")
    assert edits.reorder_source(PLAN, "orchard", -1).segments[0].sources == ("orchard", "numbers")
    with pytest.raises(PlanEditError, match="move it to a segment first"):
        edits.reorder_source(PLAN, "drive-in", 1)


def test_points_and_minutes() -> None:
    edited = edits.set_points(PLAN, "festivals", ["  The lineup ", "", "Tickets"])
    assert edited.segment("festivals").points == ("The lineup", "Tickets")  # type: ignore[union-attr]
    assert edits.set_minutes(PLAN, "festivals", 2.5).segment("festivals").minutes == 2.5  # type: ignore[union-attr]
    assert edits.set_minutes(PLAN, "box-office", None).segment("box-office").minutes is None  # type: ignore[union-attr]
    with pytest.raises(PlanEditError, match="zero or more"):
        edits.set_minutes(PLAN, "festivals", -1)


@pytest.mark.parametrize(("text", "minutes"), [("", None), (" 5 ", 5), ("2.5", 2.5), ("0", 0)])
def test_parse_minutes(text: str, minutes: float | None) -> None:
    assert edits.parse_minutes(text) == minutes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("five", "planned minutes must be a number, not 'five'"),
        ("-3", "planned minutes must be zero or more, not -3"),
        ("nan", "planned minutes must be zero or more, not nan"),
        ("inf", "planned minutes must be zero or more, not inf"),
    ],
)
def test_parse_minutes_refuses(text: str, message: str) -> None:
    with pytest.raises(PlanEditError) as caught:
        edits.parse_minutes(text)
    assert str(caught.value) == message


SEGMENT_IDS = ["box-office", "streaming", "festivals"]


@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("segment"), st.sampled_from(SEGMENT_IDS), st.integers(-3, 3)),
            st.tuples(st.just("source"), st.sampled_from(["orchard", "numbers", "lumen", "new"]),
                      st.sampled_from([*SEGMENT_IDS, None])),
        ),
        max_size=12,
    )
)  # fmt: skip
def test_moves_never_lose_or_duplicate_anything(moves: list[tuple[str, str, object]]) -> None:
    episode = PLAN
    for kind, name, where in moves:
        if kind == "segment":
            episode = edits.move_segment(episode, name, int(where))  # type: ignore[call-overload]
        else:
            episode = edits.move_source(episode, name, where)  # type: ignore[arg-type]
    assert sorted(ids(episode)) == sorted(ids(PLAN))
    placed = [sid for s in episode.segments for sid in s.sources]
    assert len(placed) == len(set(placed))
    assert set(placed) <= {"orchard", "numbers", "lumen", "new"}
    assert {s.id: (s.title, s.points, s.minutes) for s in episode.segments} == {
        s.id: (s.title, s.points, s.minutes) for s in PLAN.segments
    }
