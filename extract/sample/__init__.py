"""The built-in sample: the 2017 TIP report's narratives from Jamaica to Namibia.

A public-domain US government text (US State Department, Trafficking in Persons Report,
June 2017), converted from PDF; kept as converted so the reader's repairs are exercised.
"""

from importlib.resources import files

SAMPLE_NAME = "tip-2017-jamaica-namibia.txt"


def sample_text() -> str:
    """Return the sample report text exactly as shipped."""
    return files(__name__).joinpath(SAMPLE_NAME).read_text(encoding="utf-8")


def sample_bytes() -> bytes:
    """Return the sample report bytes (for checksums)."""
    return files(__name__).joinpath(SAMPLE_NAME).read_bytes()
