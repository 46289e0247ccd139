"""Form styling shared by the apps: Designsystemet classes on the standard Django widgets."""

from __future__ import annotations

from typing import Any

from django import forms


class StyledFormMixin:
    """Adds Designsystemet classes so templates can render ``{{ field }}`` as it is."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                widget.attrs.setdefault("class", "ds-input")
            elif isinstance(widget, forms.Select | forms.TextInput | forms.Textarea | forms.DateInput | forms.NumberInput | forms.PasswordInput | forms.EmailInput):
                widget.attrs.setdefault("class", "ds-input")
