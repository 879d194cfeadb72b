"""The rendering layer's own error; the API turns it into a DocgenError."""

from __future__ import annotations


class TemplateProblem(Exception):
    """A template or an image cannot be used; the message is Chinese."""
