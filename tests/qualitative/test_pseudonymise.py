"""Pseudonymising text (pure)."""

from __future__ import annotations

from helhet.qualitative.pseudonymise import organisation, person, pseudonymise, staff


def test_names_become_stable_pseudonyms_in_order_of_appearance():
    text = (
        "Kari Nordmann møtte Ola Hansen. Etterpå sa Kari at Nordmanns sak haster, "
        "og Hansen var enig. NAV Testvik (kommune) og Barnevernet Testvik var til stede."
    )
    result = pseudonymise(
        text,
        [
            person(1, "Ola", "Hansen"),
            person(2, "Kari", "Nordmann"),
            organisation(10, "Barnevernet Testvik"),
            organisation(11, "NAV Testvik (kommune)"),
        ],
    )
    assert result.text == (
        "Person A møtte Person B. Etterpå sa Person A at Person As sak haster, "
        "og Person B var enig. Organisasjon 1 og Organisasjon 2 var til stede."
    )
    assert result.replaced == {"person": 5, "org": 2}


def test_single_names_match_as_written_full_names_in_any_case():
    result = pseudonymise(
        "KARI KOORDINATOR ringte. Koordinatoren og en koordinator møttes; Koordinator kom.",
        [staff(5, "Kari", "Koordinator", "kari.k")],
    )
    assert result.text == "Ansatt 1 ringte. Koordinatoren og en koordinator møttes; Ansatt 1 kom."


def test_numbers_and_addresses_are_removed():
    text = (
        "Fnr 01018012345 og 010180 12345. Ring 912 34 567, 91234567, +47 22 33 44 55 eller "
        "(514) 555-1234; skriv til ola.hansen@nav.example. Budsjettet er 1 500 000 kroner "
        "for 2026 og 2027, møtet var 14.10.2026."
    )
    result = pseudonymise(text, [], language="en")
    assert result.text == (
        "Fnr [removed] og [removed]. Ring [removed], [removed], [removed] eller "
        "[removed]; skriv til [removed]. Budsjettet er 1 500 000 kroner "
        "for 2026 og 2027, møtet var 14.10.2026."
    )
    assert result.removed == 7


def test_languages():
    entities = [person(1, "Ola", "Hansen"), staff(2, "Eva", "Berg"), organisation(3, "CSSS")]
    fr = pseudonymise("Ola Hansen, Eva Berg, CSSS", entities, language="fr").text
    assert fr == "Personne A, Employé 1, Organisation 1"
    en = pseudonymise("Ola Hansen, Eva Berg, CSSS", entities, language="en").text
    assert en == "Person A, Staff 1, Organisation 1"


def test_a_family_name_shared_by_the_household_alone_becomes_the_family():
    result = pseudonymise(
        "Mona Bakken og Mio Bakken. Bakkens økonomi er stram; Mona jobber.",
        [person(1, "Mona", "Bakken"), person(2, "Mio", "Bakken")],
    )
    assert result.text == "Person A og Person B. Familie As økonomi er stram; Person A jobber."
