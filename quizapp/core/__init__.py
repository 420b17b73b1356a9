"""The pure-Python engine: quiz model, loading, anchoring, tokenizing, scoring, building.

Nothing in this package may import Flask, Flask-WTF or SQLAlchemy.
"""
