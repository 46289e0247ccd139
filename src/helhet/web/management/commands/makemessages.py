"""makemessages that also collects ``N_("…")``: domain error messages marked for translation
where they are defined and translated where they are shown (gettext_noop under a short name)."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N_"]
