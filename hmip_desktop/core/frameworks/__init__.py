"""Frameworks: versioned case read forms with their rating rules, loaded from YAML."""

from .loader import FrameworkError, FrameworkInvalid, check_dir, content_hash, load_file, load_text
from .model import JUDGEMENT, Framework, KeyQuestion, Prompt, Standard

__all__ = [
    "JUDGEMENT",
    "Framework",
    "FrameworkError",
    "FrameworkInvalid",
    "KeyQuestion",
    "Prompt",
    "Standard",
    "check_dir",
    "content_hash",
    "load_file",
    "load_text",
]
