from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import NotFound, PermissionDenied, ValidationFailed


class ProjectNotFound(NotFound):
    """The project does not exist or belongs to another municipality."""

    code = "coding_project_not_found"
    default_message = N_("Coding project not found.")


class SiteNotFound(NotFound):
    code = "coding_site_not_found"
    default_message = N_("Site not found.")


class SourceNotFound(NotFound):
    code = "coding_source_not_found"
    default_message = N_("Source not found.")


class CodeNotFound(NotFound):
    code = "coding_code_not_found"
    default_message = N_("Code not found.")


class SegmentNotFound(NotFound):
    code = "coding_segment_not_found"
    default_message = N_("Coded segment not found.")


class MemoNotFound(NotFound):
    code = "coding_memo_not_found"
    default_message = N_("Memo not found.")


class MeetingNotFoundForImport(NotFound):
    """The same answer whether the meeting does not exist or the actor's organisation does not
    take part in it."""

    code = "coding_meeting_not_found"
    default_message = N_("Meeting not found.")


class NotProjectEditor(PermissionDenied):
    code = "not_coding_project_editor"
    default_message = N_("Only the project's creator and its members may change this project.")


class CodingInvalid(ValidationFailed):
    """The coding project, source, code or coded segment cannot be saved as given."""

    code = "coding_invalid"


class SourceFileRefused(ValidationFailed):
    code = "coding_source_file_refused"
    default_message = N_(
        "Only plain text files (.txt) and Markdown files (.md) in UTF-8 can be added as sources."
    )


class QuoteNotFound(ValidationFailed):
    code = "coding_quote_not_found"
    default_message = N_(
        "The quote was not found in the source's text. Copy it exactly from the text."
    )


class QuoteAmbiguous(ValidationFailed):
    """The quote occurs more than once; ``details.occurrences`` lists each one's start, end and
    a little context, so the user can choose."""

    code = "coding_quote_ambiguous"
    default_message = N_("The quote occurs more than once in the text. Choose which occurrence.")


class CodeHierarchyInvalid(ValidationFailed):
    """The code cannot be moved there: it would become its own ancestor, or leave the
    codebook."""

    code = "coding_code_hierarchy_invalid"


class CodeDeleteUnconfirmed(ValidationFailed):
    """Deleting a code that has codings or sub-codes needs an explicit confirmation;
    ``details`` counts what would go."""

    code = "coding_code_delete_unconfirmed"
    default_message = N_(
        "The code has codings or sub-codes that would be deleted with it. Confirm to delete."
    )


class MinutesNoConsent(ValidationFailed):
    """Someone the meeting is about has no valid consent naming the researcher's organisation;
    ``details.missing`` counts them (never names them)."""

    code = "coding_minutes_no_consent"
    default_message = N_(
        "Not everyone the meeting is about has a valid consent that names your organisation, "
        "so its minutes cannot be used as research material."
    )


class MinutesInvalid(ValidationFailed):
    """The meeting's minutes cannot be taken into the project: no minutes yet, already in
    the project, or an unknown language."""

    code = "coding_minutes_invalid"
