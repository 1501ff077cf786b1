"""Date formats per language (Django's FORMAT_MODULE_PATH).

One date format and one date-and-time format per language, used everywhere: the short
formats are the same as the long ones, so a page never shows a date two ways. English
writes "12 March 2019, 08:30" (no "a.m." that a sentence's full stop would double);
Chinese keeps Django's "2019年3月12日 08:30"; Arabic "12 مارس 2019، 08:30". Numbers and money
on pages go through the ``number`` and ``money`` filters (core/templatetags/formatting.py),
which follow each language's own rules.
"""
