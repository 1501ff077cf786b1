"""The glossary's parts: ``annotate`` (marking terms in a text, no Django), ``selectors``
and ``services`` (reads and writes), ``spec`` (a glossary as plain data), ``csvfile`` and
``tbx`` (the two file formats), ``views`` (its pages) and ``hook`` (what it lends other apps'
pages through ``core.annotations``)."""
