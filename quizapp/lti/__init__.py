"""LTI 1.3 (issue 18): the plain logic of launches from a learning platform, and the one
module (``adapter``) that talks to the LTI library. No Flask, no database here."""
