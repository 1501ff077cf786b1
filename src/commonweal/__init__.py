"""Commonweal: meeting records, measurements and community prioritization."""

__version__ = "0.1.0"
