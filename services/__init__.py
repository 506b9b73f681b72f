"""recruitwatch: party-member recruitment reports from Vietnamese news sites, as data."""

__version__ = "0.1.0"
