"""Assessment services, one module per area."""
