"""The web layer: one blueprint a module over the pure core."""
