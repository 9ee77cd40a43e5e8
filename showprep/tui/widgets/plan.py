"""The Plan view: the rundown as a tree of segments and their sources, and a preview of the selection.

The view only shows the snapshot it is given and asks for changes with a PlanEdit message; the
episode screen applies the edit through the plan service, which saves it, and hands back the new
snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Markdown, Tree
from textual.widgets.tree import TreeNode

from showprep.domain import plan_edits
from showprep.domain.episode import Episode, Segment
from showprep.domain.source import Source
from showprep.services.plan import EpisodeSnapshot
from showprep.tui.screens.dialogs import (
    UNASSIGNED,
    ChooseSegment,
    Confirm,
    PointsDialog,
    PointsForm,
    TextPrompt,
)
from showprep.tui.widgets.fetches import FetchPanel
from showprep.tui.widgets.previews import segment_markdown, source_markdown, unassigned_markdown


@dataclass(frozen=True)
class PlanItem:
    """What a tree node stands for: a segment, a source (in a segment or not), or the unassigned group."""

    segment_id: str | None = None
    source_id: str | None = None


UNASSIGNED_GROUP = PlanItem()


class PlanEdit(Message):
    """The user asked for a change to the plan; `select` is the item to show selected afterwards."""

    def __init__(self, edit: Callable[[Episode], Episode], select: PlanItem | None = None) -> None:
        super().__init__()
        self.edit = edit
        self.select = select


class RefetchSource(Message):
    """The user asked to fetch a source's article again (a failed fetch keeps the old copy)."""

    def __init__(self, source_id: str, url: str) -> None:
        super().__init__()
        self.source_id = source_id
        self.url = url


class PlanView(Horizontal):
    """Segments and sources on the left, the selected one's details on the right."""

    REORDER = Binding.Group("Reorder", compact=True)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+up", "move(-1)", "Move up", key_display="⇧↑", priority=True, group=REORDER),
        Binding("shift+down", "move(1)", "Move down", key_display="⇧↓", priority=True, group=REORDER),
        Binding("s", "new_segment", "New segment"),
        Binding("r", "rename_segment", "Rename"),
        Binding("e", "edit_points", "Points"),
        Binding("m", "move_source", "Move source"),
        Binding("f", "refetch", "Fetch again"),
        Binding("x,delete", "delete_segment", "Delete"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.snapshot: EpisodeSnapshot | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="plan-left"):
            tree: Tree[PlanItem] = Tree("Rundown", id="rundown")
            tree.show_root = False
            tree.guide_depth = 3
            yield tree
            yield FetchPanel(id="fetches")
        with VerticalScroll(id="preview-pane"):
            yield Markdown("", id="preview")

    # -- showing -------------------------------------------------------------------------------

    def show(self, snapshot: EpisodeSnapshot, select: PlanItem | None = None) -> None:
        """Display this snapshot, keeping the selection on the same item where it still exists."""
        self.snapshot = snapshot
        tree: Tree[PlanItem] = self.query_one("#rundown", Tree)
        wanted = select or self.selected
        tree.clear()
        nodes: dict[PlanItem, TreeNode[PlanItem]] = {}
        episode = snapshot.episode
        for number, segment in enumerate(episode.segments, 1):
            item = PlanItem(segment.id)
            node = tree.root.add(_segment_label(number, segment), data=item, expand=True)
            nodes[item] = node
            for source_id in segment.sources:
                source_item = PlanItem(segment.id, source_id)
                nodes[source_item] = node.add_leaf(
                    _source_label(source_id, snapshot.sources.get(source_id)), data=source_item
                )
        loose = plan_edits.unassigned_sources(episode, snapshot.sources)
        if loose:
            group = tree.root.add(
                Text.assemble(("Unassigned", "italic"), f"  ({len(loose)})"),
                data=UNASSIGNED_GROUP,
                expand=True,
            )
            nodes[UNASSIGNED_GROUP] = group
            for source_id in loose:
                item = PlanItem(None, source_id)
                nodes[item] = group.add_leaf(_source_label(source_id, snapshot.sources[source_id]), data=item)
        order = list(nodes)
        target = wanted if wanted in nodes else None
        if target is None and wanted is not None and wanted.source_id is not None:
            target = next((i for i in order if i.source_id == wanted.source_id), None)
        if target is None and wanted is not None and wanted.segment_id is not None:
            target = PlanItem(wanted.segment_id) if PlanItem(wanted.segment_id) in nodes else None
        if order:
            # Every node is expanded, so a node's line is its place in the order it was added.
            tree.move_cursor_to_line(order.index(target) if target is not None else 0)
        self._show_preview(tree.cursor_node.data if tree.cursor_node else None)

    @property
    def selected(self) -> PlanItem | None:
        """The item under the tree's cursor."""
        node = self.query_one("#rundown", Tree).cursor_node
        return node.data if node is not None else None

    def selected_segment(self) -> Segment | None:
        """The segment under the cursor, or the one holding the source under the cursor."""
        item = self.selected
        if self.snapshot is None or item is None or item.segment_id is None:
            return None
        return self.snapshot.episode.segment(item.segment_id)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[PlanItem]) -> None:
        self._show_preview(event.node.data)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the edits that apply to what is selected, so the footer lists just those."""
        item = self.selected
        on_segment = item is not None and item.segment_id is not None and item.source_id is None
        on_source = item is not None and item.source_id is not None
        if action in ("rename_segment", "edit_points", "delete_segment"):
            return on_segment
        if action in ("move_source", "refetch"):
            return on_source
        if action == "move":
            return on_segment or (on_source and item is not None and item.segment_id is not None)
        return True

    def _show_preview(self, item: PlanItem | None) -> None:
        snapshot = self.snapshot
        if snapshot is None:
            return
        if item is None:
            text = "*No segments yet. Press `s` to add one, or `a` to add article links.*"
        elif item.source_id is not None:
            source = snapshot.sources.get(item.source_id)
            text = source_markdown(source) if source else f"*`{item.source_id}` cannot be read.*"
        elif item.segment_id is not None:
            segment = snapshot.episode.segment(item.segment_id)
            text = segment_markdown(segment, snapshot.sources) if segment else ""
        else:
            text = unassigned_markdown(plan_edits.unassigned_sources(snapshot.episode, snapshot.sources))
        self._render_preview(text)

    @work(exclusive=True, group="preview")
    async def _render_preview(self, text: str) -> None:
        self.query_one("#preview-pane", VerticalScroll).scroll_home(animate=False)
        await self.query_one("#preview", Markdown).update(text)

    # -- editing -------------------------------------------------------------------------------

    def _edit(self, edit: Callable[[Episode], Episode], select: PlanItem | None = None) -> None:
        self.post_message(PlanEdit(edit, select))

    def action_new_segment(self) -> None:
        item = self.selected
        after = item.segment_id if item is not None else None

        def create(title: str | None) -> None:
            if title is None or self.snapshot is None:
                return
            new_id = plan_edits.new_segment_id(self.snapshot.episode, title)
            self._edit(lambda ep: plan_edits.add_segment(ep, title, after), PlanItem(new_id))

        self.app.push_screen(TextPrompt("New segment", placeholder="Segment title"), create)

    def action_rename_segment(self) -> None:
        segment = self.selected_segment()
        if segment is None:
            self.notify("Select a segment to rename.", severity="warning")
            return

        def rename(title: str | None) -> None:
            if title is not None:
                self._edit(lambda ep: plan_edits.rename_segment(ep, segment.id, title))

        self.app.push_screen(TextPrompt("Rename segment", segment.title), rename)

    def action_edit_points(self) -> None:
        segment = self.selected_segment()
        if segment is None:
            self.notify("Select a segment to edit its talking points.", severity="warning")
            return
        minutes = "" if segment.minutes is None else f"{segment.minutes:g}"

        def save(form: PointsForm | None) -> None:
            if form is None:
                return

            def edit(episode: Episode) -> Episode:
                planned = plan_edits.parse_minutes(form.minutes)
                edited = plan_edits.set_points(episode, segment.id, form.points.splitlines())
                return plan_edits.set_minutes(edited, segment.id, planned)

            self._edit(edit)

        self.app.push_screen(PointsDialog(segment.title, "\n".join(segment.points), minutes), save)

    def action_move_source(self) -> None:
        item = self.selected
        if self.snapshot is None or item is None or item.source_id is None:
            self.notify("Select a source to move.", severity="warning")
            return
        source_id = item.source_id
        choices = [(s.id, s.title) for s in self.snapshot.episode.segments]

        def move(choice: str | None) -> None:
            if choice is None:
                return
            target = None if choice == UNASSIGNED else choice
            self._edit(lambda ep: plan_edits.move_source(ep, source_id, target), PlanItem(target, source_id))

        self.app.push_screen(ChooseSegment("Move source to…", choices, item.segment_id), move)

    def action_refetch(self) -> None:
        item = self.selected
        if self.snapshot is None or item is None or item.source_id is None:
            return
        source = self.snapshot.sources.get(item.source_id)
        if source is None:
            self.notify(f"{item.source_id} cannot be read, so its link is not known.", severity="warning")
            return
        self.post_message(RefetchSource(source.id, source.url))

    def action_move(self, offset: int) -> None:
        item = self.selected
        if item is None or item == UNASSIGNED_GROUP:
            return
        if item.source_id is None and item.segment_id is not None:
            segment_id = item.segment_id
            self._edit(lambda ep: plan_edits.move_segment(ep, segment_id, offset), item)
        elif item.source_id is not None and item.segment_id is not None:
            source_id = item.source_id
            self._edit(lambda ep: plan_edits.reorder_source(ep, source_id, offset), item)

    def action_delete_segment(self) -> None:
        item = self.selected
        segment = self.selected_segment()
        if segment is None or item is None or item.source_id is not None:
            self.notify("Select a segment to delete.", severity="warning")
            return
        count = len(segment.sources)
        question = f"Delete segment “{segment.title}”?"
        if count:
            question += f" Its {count} source{'s' if count != 1 else ''} stay in the episode, unassigned."

        def delete(yes: bool | None) -> None:
            if yes:
                self._edit(lambda ep: plan_edits.delete_segment(ep, segment.id))

        self.app.push_screen(Confirm(question), delete)


def _segment_label(number: int, segment: Segment) -> Text:
    label = Text.assemble((f"{number}. ", "dim"), (segment.title, "bold"))
    details = []
    if segment.minutes is not None:
        details.append(f"{segment.minutes:g} min")
    details.append(f"{len(segment.sources)} source{'s' if len(segment.sources) != 1 else ''}")
    label.append(f"  {' · '.join(details)}", style="dim")
    return label


def _source_label(source_id: str, source: Source | None) -> Text:
    if source is None:
        return Text.assemble(("✗ ", "red"), (source_id, "red"), (" unreadable", "dim red"))
    if not source.ok:
        return Text.assemble(("✗ ", "red"), (source.url, "red"))
    label = Text(source.title or source.url)
    if source.publisher:
        label.append(f"  {source.publisher}", style="dim")
    return label
