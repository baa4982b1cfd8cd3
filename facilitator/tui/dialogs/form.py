"""One form dialog for every record: fields, live previews, errors beside the field and
summed up in one line that stays in view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, Switch, TextArea

from facilitator.core.errors import FacilitatorError, InputError
from facilitator.store import Store
from facilitator.store.cipher import LONGEST
from facilitator.tui.calls import StoreCalls
from facilitator.tui.messages import StoreFailed
from facilitator.tui.widgets.keybar import KeyBar

MAX_PASTE = 5000  # a 1 MB paste is cut here and then refused by the field's own limit


@dataclass(frozen=True)
class Field:
    """One input of a form."""

    name: str
    label: str
    kind: str = "text"  # text, multiline, select, switch, secret
    value: object = ""
    options: tuple[tuple[str, object], ...] = ()
    placeholder: str = ""
    errors_for: tuple[str, ...] = ()  # InputError.field values shown under this field
    preview: Callable[[str, dict], str] | None = None  # live reading: (this text, all values)
    required: bool = False  # marked on its label; the save itself refuses it empty

    def shown_label(self) -> str:
        """The label as the form shows it: required fields say so."""
        return f"{self.label} (required)" if self.required else self.label

    def short_label(self) -> str:
        """The label without its explanation in brackets, to name the field in a summary."""
        return self.label.split(" (", 1)[0]


class FormDialog(StoreCalls, ModalScreen[object]):
    """Fill in fields, then save: the save runs in a worker; a refusal shows at its field."""

    BINDINGS = [
        Binding("escape", "cancel", "Close", id="form-cancel"),
        Binding("ctrl+s", "save", "Save", id="form-save"),
        Binding("f1", "app.help", "Help", id="form-help"),  # a dialog hides the app's keys
    ]
    AUTO_FOCUS = ""  # on_mount focuses the first field instead

    def __init__(
        self,
        title: str,
        fields: list[Field],
        save: Callable[[Store, dict], object],
        save_label: str = "Save",
        close_label: str = "Cancel",
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = fields
        self.save = save
        self.save_label, self.close_label = save_label, close_label

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(Text(self.form_title), id="form-title")
            # Above the fields, so no scrolling or small terminal hides why a save failed.
            yield Static("", id="form-error", markup=False)
            with VerticalScroll(id="form-fields", can_focus=False):
                for field in self.fields:
                    yield Label(
                        Text(field.shown_label()), id=f"label-{field.name}", classes="field-label"
                    )
                    yield self._widget(field)
                    yield Static("", id=f"note-{field.name}", classes="field-note", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button(f"{self.save_label} (ctrl+s)", variant="primary", id="save")
                yield Button(f"{self.close_label} (esc)", id="cancel")
        yield KeyBar()  # the form's own keys, not those of the screen beneath

    def _widget(self, field: Field):
        ident, classes = f"field-{field.name}", "form-field"
        if field.kind == "multiline":
            area = TextArea(str(field.value or ""), id=ident, classes=classes, soft_wrap=True)
            area.show_line_numbers = False
            return area
        if field.kind == "select":
            options = [(Text(label), value) for label, value in field.options]
            return Select(options, value=field.value, id=ident, classes=classes, allow_blank=False)
        if field.kind == "secret":  # typed, never shown
            return Input(
                str(field.value or ""),
                placeholder=field.placeholder,
                id=ident,
                classes=classes,  # a form may start with one: it takes the first focus
                password=True,
                max_length=LONGEST,  # a huge paste would freeze the app (a passphrase's limit)
            )
        if field.kind == "switch":
            return Switch(bool(field.value), id=ident, classes=classes)
        return Input(
            str(field.value or ""), placeholder=field.placeholder, id=ident, classes=classes
        )

    def on_mount(self) -> None:
        # The first field, so typing at once goes where it is meant to; without scrolling,
        # which would hide its label before the form is even laid out.
        self.set_focus(self.query(".form-field").first(), scroll_visible=False)
        self._show_previews()

    def on_input_changed(self, event: Input.Changed) -> None:
        if len(event.value) > MAX_PASTE:
            event.input.value = event.value[:MAX_PASTE]
            return
        self._show_previews()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._show_previews()

    def _show_previews(self) -> None:
        values = self.values()
        for field in self.fields:
            if field.preview is not None:
                self._show_preview(field, str(values.get(field.name) or ""), values)

    def _show_preview(self, field: Field, text: str, values: dict) -> None:
        note = self.query_one(f"#note-{field.name}", Static)
        try:
            note.update(field.preview(text, values) if text.strip() else "")
            note.set_class(False, "error")
        except FacilitatorError as error:
            note.update(getattr(error, "message", str(error)))
            note.set_class(True, "error")

    def values(self) -> dict:
        """What is in every field now."""
        found = {}
        for field in self.fields:
            widget = self.query_one(f"#field-{field.name}")
            if isinstance(widget, TextArea):
                found[field.name] = widget.text
            elif isinstance(widget, (Select, Switch, Input)):
                found[field.name] = widget.value
        return found

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        """Check and write in a worker; close only when it worked."""
        for note in self.query(".field-note.error"):
            note.update("")
            note.set_class(False, "error")
        self._sum_up("")
        values = self.values()
        self.call_store("save", lambda store: self.save(store, values))

    def loaded_save(self, value: object) -> None:
        self.dismiss(value if value is not None else True)

    def failed_save(self, message: StoreFailed) -> None:
        target = next(
            (f for f in self.fields if message.field and message.field in (f.name, *f.errors_for)),
            None,
        )
        if target is None:
            self._sum_up(f"Not saved: {message.text}")
            return
        self._sum_up(f"Not saved: {target.short_label()}: {message.text}")
        note = self.query_one(f"#note-{target.name}", Static)
        note.update(message.text)
        note.set_class(True, "error")
        self.query_one(f"#field-{target.name}").focus()

    def _sum_up(self, text: str) -> None:
        """Say why a save failed in the line above the fields (shown only then)."""
        summary = self.query_one("#form-error", Static)
        summary.update(text)
        summary.display = bool(text)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


def required_text(values: dict, name: str, field: str) -> str:
    """A text value that must not be empty (forms check the rest through core)."""
    text = str(values.get(name) or "").strip()
    if not text:
        raise InputError("must not be empty", field)
    return text
