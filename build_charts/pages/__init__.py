"""Generated pages: one module per page family, each returning {path: markdown}."""
