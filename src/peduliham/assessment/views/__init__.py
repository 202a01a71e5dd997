"""Assessment views, one module per area."""
