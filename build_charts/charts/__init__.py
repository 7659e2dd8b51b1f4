"""Charts: Altair specs built from the data, rendered to static SVG at build time."""
