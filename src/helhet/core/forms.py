"""Form pieces shared by the apps: Designsystemet styling, date widgets, staff choices."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.widgets import Input


class StyledFormMixin:
    """Adds Designsystemet classes so templates can render ``{{ field }}`` as it is.

    A form that shares a page with others sets ``id_prefix`` so that field ids (and so the
    labels pointing at them) stay unique on the page.
    """

    id_prefix: str = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if self.id_prefix:
            kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, Input | forms.Select | forms.Textarea):
                widget.attrs.setdefault("class", "ds-input")


# Browsers show their own pickers for these; the formats are the ones the inputs send.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class StaffChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A choice of staff users, shown by full name (user name if none)."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())
