from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import NotFound, PermissionDenied, ValidationFailed


class SynthesisNotFound(NotFound):
    """Said when the project does not exist or belongs to another municipality."""

    code = "synthesis_not_found"
    default_message = N_("Synthesis project not found.")


class StudyNotFound(NotFound):
    code = "synthesis_study_not_found"
    default_message = N_("The site or study is not part of this synthesis project.")


class ConstructNotFound(NotFound):
    code = "synthesis_construct_not_found"
    default_message = N_("There is no such construct in the analytical grid.")


class StepNotFound(NotFound):
    code = "synthesis_step_not_found"
    default_message = N_("There is no such step: meta-ethnography has seven.")


class NoteNotFound(NotFound):
    code = "synthesis_note_not_found"
    default_message = N_("Synthesis note not found.")


class SegmentNotFound(NotFound):
    code = "synthesis_segment_not_found"
    default_message = N_("Coded segment not found.")


class SynthesisInvalid(ValidationFailed):
    """The cross-site synthesis, its sites or its findings cannot be saved as given."""

    code = "synthesis_invalid"


class StepNotReady(ValidationFailed):
    """A step is marked done before what it needs exists; ``details.step`` names it."""

    code = "synthesis_step_not_ready"
    default_message = N_("This step cannot be completed yet.")


class SegmentRefused(ValidationFailed):
    """A segment offered to a matrix cell is not from the cell's site or not coded under its
    construct; ``details.segment_id`` names it."""

    code = "synthesis_segment_refused"
    default_message = N_("The segment does not belong in this cell.")


class NotSynthesisResearcher(PermissionDenied):
    code = "not_synthesis_researcher"
    default_message = N_(
        "Only the project's researchers (and administrators) may change a synthesis project."
    )
