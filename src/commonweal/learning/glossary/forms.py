"""The term form: the term's own fields and one meaning, with a text in each language."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from commonweal.learning.glossary.spec import LANGUAGES, MAX_TEXT, MAX_WRITTEN, MeaningSpec

LANGUAGE_NAMES = dict(settings.LANGUAGES)

# A list typed in the form: the Latin semicolon, or the Arabic one (؛) an Arabic keyboard types.
LIST_SEPARATOR = re.compile("[;\u061b]")


class TermForm(forms.Form):
    written = forms.CharField(label=_("Term, as it is written"), max_length=MAX_WRITTEN)
    owner_group = forms.ModelChoiceField(
        label=_("Owning group"),
        queryset=None,
        required=False,
        help_text=_("Its coordinators edit the term; with none, the secretariat does."),
    )
    related = forms.CharField(
        label=_("Related terms"),
        required=False,
        help_text=_("Their written forms, separated by semicolons."),
    )
    links = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("One a line: the address, then a title."),
    )
    valid_from = forms.DateField(label=_("In force from"), required=False)
    valid_to = forms.DateField(label=_("In force until"), required=False)

    def __init__(self, *args, groups, group_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_group"].queryset = groups
        self.fields["owner_group"].required = group_required
        for code in LANGUAGES:
            name = LANGUAGE_NAMES.get(code, code)
            self.fields[f"expansion_{code}"] = forms.CharField(
                label=_("Expansion (%(language)s)") % {"language": name},
                max_length=MAX_TEXT,
                required=code == "en",
            )
            self.fields[f"definition_{code}"] = forms.CharField(
                label=_("Definition (%(language)s)") % {"language": name},
                max_length=MAX_TEXT,
                required=False,
                widget=forms.Textarea({"rows": 2}),
            )
            self.fields[f"forms_{code}"] = forms.CharField(
                label=_("Written in %(language)s text as") % {"language": name},
                required=False,
                help_text=_("Other forms of the term, separated by semicolons."),
            )

    def meaning(self) -> MeaningSpec:
        data = self.cleaned_data
        return MeaningSpec(
            expansions={c: data[f"expansion_{c}"] for c in LANGUAGES if data[f"expansion_{c}"]},
            definitions={c: data[f"definition_{c}"] for c in LANGUAGES if data[f"definition_{c}"]},
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
        )

    def local_forms(self) -> dict[str, list[str]]:
        split = {c: LIST_SEPARATOR.split(self.cleaned_data[f"forms_{c}"]) for c in LANGUAGES}
        return {
            c: [f.strip() for f in forms if f.strip()]
            for c, forms in split.items()
            if any(f.strip() for f in forms)
        }

    def links_list(self) -> list[dict[str, str]]:
        links = []
        for line in self.cleaned_data["links"].splitlines():
            url, _space, title = line.strip().partition(" ")
            if url:
                links.append({"url": url, "title": title.strip()})
        return links

    def related_list(self) -> list[str]:
        return [
            part.strip()
            for part in LIST_SEPARATOR.split(self.cleaned_data["related"])
            if part.strip()
        ]
