"""Print and export: choose a document and a format; it renders in a worker, then says where."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, LoadingIndicator, Select, Static, Switch

from facilitator import outputs
from facilitator.core.model import Group, Occurrence, Privacy
from facilitator.store import Store
from facilitator.tui.calls import StoreCalls
from facilitator.tui.messages import StoreFailed
from facilitator.tui.widgets.keybar import KeyBar

SESSION_DOCUMENTS = (
    ("Agenda for this session", "agenda"),
    ("Sign-in sheet", "signin"),
    ("Sign-in slips, one per person", "slips"),
    ("Door sign (cancelled or moved)", "door-sign"),
    ("Name labels: first names, then blank ones", "labels"),
)
LIBRARY_DOCUMENTS = (
    ("Handout sheet: the resource library", "handouts"),
    ("Calendar (.ics) for this group", "calendar-group"),
    ("Calendar (.ics) for all groups", "calendar"),
    ("Attendance (CSV, counts only)", "attendance"),
    ("Privacy notice", "privacy-notice"),
)
NOT_PRINTABLE = {"calendar", "calendar-group", "attendance"}
PDF_ONLY = {"labels"}  # label sheets: the format choice does not apply


def desktop_present() -> bool:
    """Whether 'open' can show a file without taking over this terminal."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def build(
    store: Store,
    document: str,
    group: Group | None,
    occurrence: Occurrence | None,
    layout: outputs.Layout,
    now,
) -> outputs.Rendered:
    """Render one of the dialog's documents."""
    match document:
        case "agenda":
            return outputs.agenda(store, group, occurrence, layout)
        case "signin" | "slips":
            return outputs.signin(store, group, occurrence, layout, slips=document == "slips")
        case "door-sign":
            return outputs.door_sign(store, group, occurrence, layout)
        case "labels":
            return outputs.labels(store, group, occurrence, layout)
        case "handouts":
            return outputs.handouts(store, layout, group=group)
        case "calendar-group":
            return outputs.calendar(store, group, now)
        case "calendar":
            return outputs.calendar(store, None, now)
        case "privacy-notice":
            return outputs.privacy_notice(store, layout)
    return outputs.attendance(store, group, now)


NOT_PROTECTED = (
    "The exported file is not protected by your passphrase: anyone who has it can read it."
)


class ExportDialog(StoreCalls, ModalScreen[Path | None]):
    """Pick a document, a format and a folder; Export renders it off the UI thread."""

    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    BINDINGS = [
        Binding("escape", "close", "Close", id="export-close"),
        Binding("ctrl+s", "export", "Export", id="export-run"),
        Binding("f1", "app.help", "Help", id="export-help"),  # a dialog hides the app's keys
    ]

    def __init__(
        self,
        group: Group | None = None,
        occurrence: Occurrence | None = None,
        default: str | None = None,
    ) -> None:
        super().__init__()
        self.group, self.occurrence = group, occurrence
        documents = list(SESSION_DOCUMENTS) if occurrence else []
        if occurrence is not None and occurrence.needs_door_sign:  # what this session needs
            documents.sort(key=lambda document: document[1] != "door-sign")
        if group is not None and group.privacy is Privacy.COUNTS:
            documents = [d for d in documents if d[1] not in ("signin", "slips")]
        documents += [d for d in LIBRARY_DOCUMENTS if group or d[1] != "calendar-group"]
        self.documents = documents
        self.default = default or documents[0][1]
        self.saved: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            title = "Print or export" + (f": {self.group.name}" if self.group else "")
            if self.occurrence is not None:  # which session: staff print for one evening
                start = self.occurrence.start
                title += f", {start:%a} {start.day} {start:%b %Y %H:%M}"
            yield Label(Text(title), id="form-title")
            yield Label("Document", classes="field-label")
            yield Select(
                [(Text(label), value) for label, value in self.documents],
                value=self.default,
                allow_blank=False,
                id="document",
            )
            with Horizontal(classes="row"):
                yield Select(
                    [("PDF", "pdf"), ("HTML", "html"), ("Markdown", "md")],
                    value="pdf",
                    allow_blank=False,
                    id="format",
                )
                yield Select(
                    [("A4", "a4"), ("Letter", "letter")], value="a4", allow_blank=False, id="paper"
                )
            with Horizontal(classes="row"):
                yield Label("Large print", classes="field-label")
                yield Switch(False, id="large")
            yield Label("Save in folder", classes="field-label")
            yield Input(str(Path.cwd()), id="folder")
            if self.app.store.encrypted:  # the database is; what leaves it is not
                yield Static(NOT_PROTECTED, id="not-protected", markup=False)
            yield LoadingIndicator(id="working")
            yield Static("", id="result", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Export (ctrl+s)", variant="primary", id="export")
                if desktop_present():
                    yield Button("Open", id="open", disabled=True)
                yield Button("Close (esc)", id="close")
        yield KeyBar()  # the dialog's own keys, not those of the screen beneath

    def on_mount(self) -> None:
        self.query_one("#working").display = False
        self._fit_choices(self.default)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "document":
            self._fit_choices(event.value)
            self.query_one("#result", Static).update("")  # the last file is not this one

    def _fit_choices(self, document: object) -> None:
        """Only the choices that apply: label sheets are PDF alone, and a calendar or a CSV
        has no format, paper or print size to choose."""
        fixed = document in NOT_PRINTABLE | PDF_ONLY
        chosen_format = self.query_one("#format", Select)
        if fixed:
            chosen_format.value = "pdf" if document in PDF_ONLY else chosen_format.value
        chosen_format.disabled = fixed
        self.query_one("#paper", Select).disabled = document in NOT_PRINTABLE
        self.query_one("#large", Switch).disabled = fixed

    def on_button_pressed(self, event: Button.Pressed) -> None:
        match event.button.id:
            case "export":
                self.action_export()
            case "open":
                self._open()
            case _:
                self.action_close()

    def action_export(self) -> None:
        """Render and save in a worker, with a progress indicator meanwhile."""
        document = self.query_one("#document", Select).value
        fmt = self.query_one("#format", Select).value
        try:
            layout = outputs.Layout(
                "pdf" if document in NOT_PRINTABLE | PDF_ONLY else fmt,
                self.query_one("#paper", Select).value,
                self.query_one("#large", Switch).value,
            )
        except ValueError as error:
            self.query_one("#result", Static).update(str(error))
            return
        folder = Path(self.query_one("#folder", Input).value.strip() or ".").expanduser()
        group, occurrence, now = self.group, self.occurrence, self.app.now()
        self.query_one("#working").display = True
        self.query_one("#result", Static).update("Rendering…")

        def work(store: Store) -> tuple[Path, tuple[str, ...]]:
            rendered = build(store, document, group, occurrence, layout, now)
            return outputs.save(rendered, None, folder, store.path), rendered.warnings

        self.call_store("export", work)

    def loaded_export(self, value: tuple[Path, tuple[str, ...]]) -> None:
        path, warnings = value
        self.saved = path
        self.query_one("#working").display = False
        lines = [f"Saved: {path}", *(f"Warning: {w}" for w in warnings)]
        self.query_one("#result", Static).update("\n".join(lines))
        for button in self.query("#open"):
            button.disabled = False

    def failed_export(self, message: StoreFailed) -> None:
        self.query_one("#working").display = False
        self.query_one("#result", Static).update(f"Not exported: {message.text}")

    def _open(self) -> None:
        if self.saved is None:
            return
        if sys.platform == "win32":
            os.startfile(self.saved)  # type: ignore[attr-defined]
        else:
            opener = "open" if sys.platform == "darwin" else "xdg-open"
            subprocess.Popen(
                [opener, str(self.saved)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )

    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss(self.saved)
