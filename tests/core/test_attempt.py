"""core.web.attempt: one way for a view to run a service for a form."""

from __future__ import annotations

import pytest
from django import forms

from helhet.core.errors import NotFound, PermissionDenied, ValidationFailed
from helhet.core.web import all_but_not_found, attempt, every_refusal, of_kinds


class NameForm(forms.Form):
    name = forms.CharField()
    version = forms.IntegerField(widget=forms.HiddenInput)


def _form() -> NameForm:
    form = NameForm({"name": "x", "version": "1"})
    assert form.is_valid()
    return form


def _raise(exc: Exception):
    def call():
        raise exc

    return call


def test_a_call_that_succeeds_gives_its_value_and_status_200():
    done = attempt(_form(), lambda: 42)
    assert done.ok and done.value == 42 and done.status == 200


def test_an_invalid_input_goes_beside_the_field_it_names():
    form = _form()
    done = attempt(form, _raise(ValidationFailed("Too long.", details={"field": "name"})))
    assert not done.ok and done.status == 400
    assert form.errors["name"] == ["Too long."]
    assert not form.non_field_errors()


def test_an_error_naming_a_hidden_or_unknown_field_goes_above_the_form():
    form = _form()
    attempt(form, _raise(ValidationFailed("Stale.", details={"field": "version"})))
    attempt(form, _raise(ValidationFailed("Odd.", details={"field": "colour_id"})))
    assert form.non_field_errors() == ["Stale.", "Odd."]
    assert "version" not in form.errors


def test_by_default_403_and_404_go_on_to_the_error_page():
    with pytest.raises(PermissionDenied):
        attempt(_form(), _raise(PermissionDenied()))
    with pytest.raises(NotFound):
        attempt(_form(), _raise(NotFound()))


def test_the_view_chooses_which_refusals_the_form_shows():
    form = _form()
    done = attempt(form, _raise(PermissionDenied("Not yours.")), shown=all_but_not_found)
    assert done.status == 403 and form.non_field_errors() == ["Not yours."]
    with pytest.raises(NotFound):
        attempt(_form(), _raise(NotFound()), shown=all_but_not_found)
    assert attempt(_form(), _raise(NotFound()), shown=every_refusal).status == 404
    with pytest.raises(PermissionDenied):
        attempt(_form(), _raise(PermissionDenied()), shown=of_kinds(ValidationFailed))
