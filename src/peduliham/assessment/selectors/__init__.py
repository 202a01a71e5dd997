"""Assessment selectors, one module per area."""
