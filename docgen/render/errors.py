"""The rendering layer's error: a template or a picture cannot be used (a DocgenError, exit 2)."""

from __future__ import annotations

from docgen.errors import TemplateFailure


class TemplateProblem(TemplateFailure):
    """A template or an image cannot be used; the message is Chinese."""
