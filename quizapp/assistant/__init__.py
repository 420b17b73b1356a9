"""The author's assistant: detectors that draft annotations, a draft writer, an evaluation.

Plain Python beside the core (no web, no database): ``suggest`` runs every detector over an
article, ``draft`` turns the suggestions into a quiz file that ``quizapp validate``
accepts, and ``evaluate`` measures the detectors against the bank's own annotations.
"""
