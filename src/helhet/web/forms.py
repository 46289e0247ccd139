"""Form styling shared by the apps: Designsystemet classes on the standard Django widgets."""

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
