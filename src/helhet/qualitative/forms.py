from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledFormMixin
from helhet.qualitative.models import SourceKind
from helhet.qualitative.text import MAX_QUOTE_CHARS, MAX_TEXT_CHARS

PASTED_KINDS = [(k, label) for k, label in SourceKind.choices if k != SourceKind.MINUTES]
MINUTES_LANGUAGES = [
    ("nb", _("Norwegian (bokmål)")),
    ("en", _("English")),
    ("fr", _("French")),
]


def _optional(choices: list[tuple[Any, str]], empty: str = "—") -> list[tuple[Any, str]]:
    return [("", empty), *choices]


class ProjectForm(StyledFormMixin, forms.Form):
    id_prefix = "project"
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MemberForm(StyledFormMixin, forms.Form):
    id_prefix = "member"
    user = forms.TypedChoiceField(label=_("Member of staff"), coerce=int, choices=())

    def __init__(self, *args: Any, staff: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = _optional(staff)  # type: ignore[attr-defined]


class SiteForm(StyledFormMixin, forms.Form):
    id_prefix = "site"
    name = forms.CharField(label=_("Name"), max_length=200)
    country = forms.CharField(label=_("Country"), max_length=100, required=False)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    network = forms.TypedChoiceField(
        label=_("Network"), coerce=int, required=False, empty_value=None, choices=()
    )

    def __init__(self, *args: Any, networks: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].choices = _optional(networks)  # type: ignore[attr-defined]

    def site_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["network_id"] = data.pop("network")
        return data


class SourceForm(StyledFormMixin, forms.Form):
    id_prefix = "source"
    kind = forms.ChoiceField(label=_("Kind"), choices=PASTED_KINDS)
    title = forms.CharField(label=_("Title"), max_length=200)
    site = forms.TypedChoiceField(
        label=_("Site"), coerce=int, required=False, empty_value=None, choices=()
    )
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=MAX_TEXT_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Paste the text here, or upload a file below."),
    )
    file = forms.FileField(
        label=_("Or upload a text file"),
        required=False,
        help_text=_("Plain text (.txt) or Markdown (.md), in UTF-8. Other kinds are refused."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,text/plain,text/markdown"}),
    )

    def __init__(self, *args: Any, sites: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = _optional(sites)  # type: ignore[attr-defined]


class MinutesForm(StyledFormMixin, forms.Form):
    id_prefix = "minutes"
    meeting = forms.TypedChoiceField(
        label=_("Meeting"), coerce=int, choices=(), widget=forms.RadioSelect
    )
    site = forms.TypedChoiceField(
        label=_("Site"), coerce=int, required=False, empty_value=None, choices=()
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for a title made of the meeting's kind and date."),
    )
    language = forms.ChoiceField(
        label=_("Language of the minutes"),
        choices=MINUTES_LANGUAGES,
        initial="nb",
        help_text=_("The pseudonyms are written in this language (Person A, Ansatt 1, …)."),
    )

    def __init__(
        self,
        *args: Any,
        meetings: list[tuple[int, str]],
        sites: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = meetings  # type: ignore[attr-defined]
        self.fields["site"].choices = _optional(sites)  # type: ignore[attr-defined]


class SegmentForm(StyledFormMixin, forms.Form):
    """Code a passage. The page's script fills ``start`` and ``end`` from the selection; without
    script the quote is typed or pasted and looked up in the text."""

    id_prefix = "segment"
    quote = forms.CharField(
        label=_("Passage"),
        required=False,
        max_length=MAX_QUOTE_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "data-coding-quote": ""}),
        help_text=_(
            "Select the passage in the text above, or type or paste it exactly as it stands."
        ),
    )
    start = forms.IntegerField(
        required=False,
        min_value=0,
        widget=forms.HiddenInput(attrs={"data-coding-start": ""}),
    )
    end = forms.IntegerField(
        required=False,
        min_value=0,
        widget=forms.HiddenInput(attrs={"data-coding-end": ""}),
    )
    occurrence = forms.TypedChoiceField(
        label=_("Which occurrence?"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=(),
        widget=forms.RadioSelect,
    )
    codes = forms.TypedMultipleChoiceField(
        label=_("Codes"),
        coerce=int,
        choices=(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose more than one."),
    )

    def __init__(
        self,
        *args: Any,
        codes: list[tuple[int, str]],
        occurrences: list[tuple[int, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = codes  # type: ignore[attr-defined]
        if occurrences:
            self.fields["occurrence"].choices = occurrences  # type: ignore[attr-defined]
        else:
            del self.fields["occurrence"]

    def segment_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "code_ids": data["codes"],
            "start": data.get("start"),
            "end": data.get("end"),
            "quote": data.get("quote") or "",
            "occurrence_start": data.get("occurrence"),
        }


class SegmentCodeForm(StyledFormMixin, forms.Form):
    id_prefix = "segment_code"
    segment = forms.IntegerField(widget=forms.HiddenInput)
    code = forms.TypedChoiceField(label=_("Add a code"), coerce=int, choices=())

    def __init__(self, *args: Any, codes: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = codes  # type: ignore[attr-defined]


class MemoForm(StyledFormMixin, forms.Form):
    id_prefix = "memo"
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Memo"), max_length=50_000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CodeForm(StyledFormMixin, forms.Form):
    id_prefix = "code"
    name = forms.CharField(label=_("Name"), max_length=200)
    parent = forms.TypedChoiceField(
        label=_("Under"), coerce=int, required=False, empty_value=None, choices=()
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, codes: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = _optional(codes, str(_("(top level)")))  # type: ignore[attr-defined]


class CodeEditForm(StyledFormMixin, forms.Form):
    id_prefix = "code_edit"
    code = forms.TypedChoiceField(label=_("Code"), coerce=int, choices=())
    name = forms.CharField(label=_("New name"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    color = forms.CharField(
        label=_("Colour"),
        max_length=7,
        required=False,
        widget=forms.TextInput(attrs={"type": "color"}),
    )

    def __init__(self, *args: Any, codes: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = codes  # type: ignore[attr-defined]


class CodeMoveForm(StyledFormMixin, forms.Form):
    """``codes`` are the codes that may move (not the five constructs), ``targets`` all."""

    id_prefix = "code_move"
    code = forms.TypedChoiceField(label=_("Code"), coerce=int, choices=())
    parent = forms.TypedChoiceField(
        label=_("Move under"), coerce=int, required=False, empty_value=None, choices=()
    )

    def __init__(
        self,
        *args: Any,
        codes: list[tuple[int, str]],
        targets: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = codes  # type: ignore[attr-defined]
        self.fields["parent"].choices = _optional(targets, str(_("(top level)")))  # type: ignore[attr-defined]


class CodeMergeForm(StyledFormMixin, forms.Form):
    id_prefix = "code_merge"
    code = forms.TypedChoiceField(label=_("Merge this code"), coerce=int, choices=())
    into = forms.TypedChoiceField(label=_("into this code"), coerce=int, choices=())

    def __init__(
        self,
        *args: Any,
        codes: list[tuple[int, str]],
        targets: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = codes  # type: ignore[attr-defined]
        self.fields["into"].choices = targets  # type: ignore[attr-defined]


class CodeDeleteForm(StyledFormMixin, forms.Form):
    id_prefix = "code_delete"
    code = forms.TypedChoiceField(label=_("Code"), coerce=int, choices=())
    confirm = forms.BooleanField(
        label=_("Yes, delete the code with its sub-codes and all their codings"),
        required=False,
    )

    def __init__(self, *args: Any, codes: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = codes  # type: ignore[attr-defined]


class RetrievalForm(StyledFormMixin, forms.Form):
    id_prefix = "filter"
    descendants = forms.BooleanField(label=_("Include sub-codes"), required=False, initial=True)
    site = forms.TypedChoiceField(
        label=_("Site"), coerce=int, required=False, empty_value=None, choices=()
    )
    kind = forms.ChoiceField(label=_("Kind of source"), required=False, choices=())

    def __init__(self, *args: Any, sites: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = _optional(sites, str(_("All sites")))  # type: ignore[attr-defined]
        kinds: list[tuple[Any, str]] = [(k, str(label)) for k, label in SourceKind.choices]
        self.fields["kind"].choices = _optional(kinds, str(_("All kinds")))  # type: ignore[attr-defined]


class CooccurrenceForm(RetrievalForm):
    mode = forms.ChoiceField(
        label=_("Count"),
        choices=[
            ("segment", _("Segments coded with both codes")),
            ("overlap", _("Also overlapping segments in the same source")),
        ],
        required=False,
    )
    level = forms.ChoiceField(
        label=_("Codes"),
        choices=[
            ("all", _("Every code")),
            ("top", _("Top-level codes, with their sub-codes counted in")),
        ],
        required=False,
    )

    def __init__(self, *args: Any, sites: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, sites=sites, **kwargs)
        del self.fields["descendants"]
