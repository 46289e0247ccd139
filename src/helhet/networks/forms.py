from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from helhet.networks.models import LeadershipModel, Lifecycle, MemberRole, NetworkKind, NetworkType
from helhet.tenancy.models import Organisation
from helhet.web.forms import StyledFormMixin


class NetworkForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=NetworkKind.choices)
    type = forms.ChoiceField(label=_("Type"), choices=NetworkType.choices)
    target_population = forms.CharField(
        label=_("Target population"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    districts = forms.CharField(label=_("Districts"), required=False, max_length=500)
    leadership_model = forms.ChoiceField(label=_("Leadership"), choices=LeadershipModel.choices)
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organisation.objects.none(), required=False
    )
    informal_leaders = forms.CharField(label=_("Informal leaders"), required=False, max_length=500)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = organisations  # type: ignore[attr-defined]

    def network_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        lead = data.pop("lead_organisation")
        data["lead_organisation_id"] = lead.pk if lead else None
        return data


class MemberForm(StyledFormMixin, forms.Form):
    id_prefix = "member"
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class StatusForm(StyledFormMixin, forms.Form):
    id_prefix = "status"
    status = forms.ChoiceField(label=_("Lifecycle"), choices=Lifecycle.choices)
