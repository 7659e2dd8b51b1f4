"""Turn a partnership's open data package into a static transparency site."""

__version__ = "0.2.0"
