"""Who said what, and which numbers the article reports.

Two pipeline stages share this package: ``quotes`` (direct and indirect speech with speaker, cue and
content spans; :mod:`narrascope.quotes.speech`, which reads the parse through
:mod:`~narrascope.quotes.grammar` and :mod:`~narrascope.quotes.speakers`) and ``claims`` (numbers,
what they count, and whom the article attributes them to; :mod:`narrascope.quotes.claims`). Both read
the parse stage's Doc and the cue lists in ``resources/quotes/``.
"""
