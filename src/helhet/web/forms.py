"""Form styling shared by the apps: Designsystemet classes on the standard Django widgets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.widgets import Input


class StyledFormMixin:
    """Adds Designsystemet classes so templates can render ``{{ field }}`` as it is."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, Input | forms.Select | forms.Textarea):
                widget.attrs.setdefault("class", "ds-input")
