"""facilitator: run a patient support group from a laptop, offline."""

__version__ = "0.1.0"
