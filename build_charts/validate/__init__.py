"""Validation: every problem in the data package, in plain English, in one run."""

from build_charts.validate.problem import ERROR, WARNING, Problem
from build_charts.validate.run import validate_package

__all__ = ["ERROR", "WARNING", "Problem", "validate_package"]
