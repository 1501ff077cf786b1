"""The glossary's pages for every role, "I know this", personal data, and the annotation
that other apps' pages ask for through core.annotations without importing learning."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from commonweal.core.annotations import annotate_html
from commonweal.learning.glossary.files import glossary_load_demo
from commonweal.learning.models import KnownTerm, Term
from tests.roles import ROLE_ORDER, row

EVERYONE = row(200, 200, 200, 200, 200, 200, 200)
STAFF = row(302, 403, 403, 200, 403, 403, 200)
STAFF_AND_COORDINATOR = row(302, 403, 200, 200, 403, 403, 200)

PAGES = {
    "learning:glossary": ({}, EVERYONE),
    "learning:term": ({"slug": "icann"}, EVERYONE),
    "learning:glossary_file": ({"file_format": "tbx"}, EVERYONE),
    "learning:term_add": ({}, STAFF_AND_COORDINATOR),
    "learning:term_edit": ({"slug": "icann"}, STAFF),
    # The NCSG owns its own entry: its coordinator edits it too.
    "learning:term_edit ncsg": ({"slug": "ncsg"}, STAFF_AND_COORDINATOR),
}


@pytest.fixture
def glossary(role_users):
    glossary_load_demo()
    Term.objects.filter(written="NCSG").update(owner_group=role_users["groups"]["ncsg"])


@pytest.mark.parametrize("role", ROLE_ORDER)
def test_each_role_gets_what_its_row_says(client, role_users, glossary, role):
    if role_users[role] is not None:
        client.force_login(role_users[role])
    wrong = {}
    for key, (kwargs, expected) in PAGES.items():
        status = client.get(reverse(key.split()[0], kwargs=kwargs)).status_code
        if status != expected[role]:
            wrong[key] = (status, expected[role])
    assert not wrong


def test_the_term_page_reads_in_the_readers_language(client, glossary):
    page = client.get(
        reverse("learning:term", kwargs={"slug": "ncsg"}), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "非商业利益相关方团体" in page.content.decode()


def test_the_list_searches_every_language(client, glossary):
    page = client.get(reverse("learning:glossary"), {"q": "Stakeholders"}).content.decode()
    assert ">NCSG<" in page and ">ICANN<" not in page


def test_a_coordinator_edits_their_groups_term(client, role_users, glossary):
    client.force_login(role_users["coordinator"])
    url = reverse("learning:term_edit", kwargs={"slug": "ncsg"})
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(owner_group=role_users["groups"]["ncsg"].pk, expansion_en="Non-Commercial SG")
    assert client.post(url, data).status_code == 302
    assert Term.objects.get(written="NCSG").meanings.get().expansions["en"] == "Non-Commercial SG"


def test_i_know_this_hides_the_term_and_goes_with_the_personal_data(client, role_users, glossary):
    from commonweal.accounts.services import account_erase, personal_data_export

    user = role_users["participant"]
    client.force_login(user)
    url = reverse("learning:term_know", kwargs={"slug": "ncsg"})
    assert client.post(url, HTTP_X_REQUESTED_WITH="fetch").status_code == 204
    request = RequestFactory().get("/")
    request.user = user
    assert "<abbr" not in annotate_html(request, "NCSG", language="en")
    exported = personal_data_export(user=user)["records"]
    assert any(rows for key, rows in exported.items() if "knownterm" in key.lower())
    account_erase(user=user)
    assert not KnownTerm.objects.exists()


def test_anonymous_visitors_cannot_say_they_know_a_term(client, glossary):
    url = reverse("learning:term_know", kwargs={"slug": "ncsg"})
    assert client.post(url).status_code == 302
    assert not KnownTerm.objects.exists()


def test_a_lower_apps_template_annotates_through_the_tag(rf, glossary):
    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    template = Template(
        "{% load annotations %}{% annotate text day as marked %}{{ marked|linebreaksbr }}"
        "{% annotate text day %}{% annotation_assets %}"
    )
    html = template.render(
        Context({"request": request, "text": "NCSG & EPDP\n<b>", "day": datetime.date(2019, 3, 12)})
    )
    assert html.count('data-term="ncsg"') == 1  # the second use on the page stays plain
    assert "&amp; <abbr" in html and "<br>&lt;b&gt;" in html
    assert "learning/glossary.js" in html
