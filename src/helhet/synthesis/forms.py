from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledFormMixin
from helhet.observatory.constructs import Construct
from helhet.qualitative.models import Project, Segment, Site
from helhet.synthesis.models import StepStatus, Study, TranslationKind
from helhet.tenancy.models import User

TEXT_MAX = 50_000
EXTERNAL = ""


class ResearcherChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class SynthesisForm(StyledFormMixin, forms.Form):
    id_prefix = "synthesis"
    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(
        label=_("Research question"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the comparison of the sites should answer."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    coding_projects = forms.ModelMultipleChoiceField(
        label=_("Coding projects"),
        queryset=Project.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The coding projects whose sites the synthesis compares."),
    )
    researchers = ResearcherChoiceField(
        label=_("Researchers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Who may change the project. You are one of them when you start it."),
    )

    def __init__(
        self,
        *args: Any,
        projects: QuerySet[Project],
        researchers: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coding_projects"].queryset = projects  # type: ignore[attr-defined]
        self.fields["researchers"].queryset = researchers  # type: ignore[attr-defined]

    def synthesis_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "question": data["question"],
            "description": data["description"],
            "coding_project_ids": [p.pk for p in data["coding_projects"]],
            "researcher_ids": [u.pk for u in data["researchers"]],
        }


class StudyForm(StyledFormMixin, forms.Form):
    id_prefix = "study"
    site = forms.TypedChoiceField(
        label=_("Site"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=(),
        help_text=_("A site of one of the coding projects, or an external study."),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("For a coded site, leave empty to use the site's name."),
    )
    reference = forms.CharField(
        label=_("Reference"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where an external study is published (needed for an external study)."),
    )

    def __init__(self, *args: Any, sites: list[Site], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [  # type: ignore[attr-defined]
            (EXTERNAL, _("External study (coded outside Helhet)")),
            *((s.pk, f"{s.name} ({s.project.title})") for s in sites),
        ]

    def study_fields(self) -> dict[str, Any]:
        return {
            "site_id": self.cleaned_data["site"],
            "name": self.cleaned_data["name"],
            "reference": self.cleaned_data["reference"],
        }


class StudyRemoveForm(StyledFormMixin, forms.Form):
    id_prefix = "study_remove"
    study = forms.TypedChoiceField(label=_("Site or study"), coerce=int, choices=())

    def __init__(self, *args: Any, studies: list[Study], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["study"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((s.pk, s.name) for s in studies),
        ]


class StepForm(StyledFormMixin, forms.Form):
    id_prefix = "step"
    status = forms.ChoiceField(
        label=_("Status"), choices=StepStatus.choices, widget=forms.RadioSelect
    )
    notes = forms.CharField(
        label=_("Notes"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class CellForm(StyledFormMixin, forms.Form):
    id_prefix = "cell"
    interpretation = forms.CharField(
        label=_("Second-order interpretation"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("How this site's findings on the construct read in the light of the others."),
    )


class SegmentIdsField(forms.MultipleChoiceField):
    """Offers the candidate segments as checkboxes but accepts any id: the service decides,
    and says why a segment does not belong in the cell."""

    def valid_value(self, value: Any) -> bool:
        return str(value).isdigit() and len(str(value)) <= 18


class LinkForm(StyledFormMixin, forms.Form):
    id_prefix = "link"
    segments = SegmentIdsField(
        label=_("Coded segments to link"), widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args: Any, candidates: list[Segment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["segments"].choices = [  # type: ignore[attr-defined]
            (s.pk, f"{s.source.title}: {s.text}") for s in candidates
        ]

    def segment_ids(self) -> list[int]:
        return [int(v) for v in self.cleaned_data["segments"]]


class UnlinkForm(forms.Form):
    segment = forms.IntegerField(min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)


def _construct_choices() -> list[tuple[str, Any]]:
    return [("", _("The synthesis as a whole")), *Construct.choices]


class NoteForm(StyledFormMixin, forms.Form):
    id_prefix = "note"
    construct = forms.ChoiceField(label=_("About"), choices=_construct_choices, required=False)
    kind = forms.ChoiceField(label=_("Kind of translation"), choices=TranslationKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Third-order interpretation"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
