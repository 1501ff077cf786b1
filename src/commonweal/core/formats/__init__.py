"""Date and number formats per language (Django's FORMAT_MODULE_PATH), one module for each
of the six languages.

One date format and one date-and-time format per language, used everywhere: the short
formats are the same as the long ones, so a page never shows a date two ways. Each follows
CLDR's long date for its language, with 24-hour time: English "12 March 2019, 08:30" (no
"a.m." that a sentence's full stop would double), Chinese "2019年3月12日 08:30", Arabic
"12 مارس 2019، 08:30", French "12 mars 2019 à 08:30", Russian "12 марта 2019 г., 08:30"
(the month in the genitive), Spanish "12 de marzo de 2019, 8:30". The decimal mark and the
thousands separator are CLDR's too (Arabic in Western digits: decisions/
bidi-latin-digits-in-arabic.md), for the numbers Django itself writes. Numbers, money and
shares on pages go through the ``number``, ``money`` and ``percent`` filters
(core/templatetags/formatting.py), which follow each language's own rules.
"""
