"""A pull request's summary: build the site from the base and from the change, compare what each shows, and say
the difference in the data's words (build_charts.what_changed writes the report)."""
