from django.apps import apps
from django.contrib import admin
from django.urls import reverse

PLATFORM_APPS = {
    "accounts",
    "audio",
    "community",
    "conduct",
    "consultations",
    "core",
    "discussion",
    "learning",
    "meetings",
    "recommendations",
    "rounds",
}
# Edited inline on their parent's admin page, or (ballots, void receipts) kept out of the
# admin so that no staff member can read anyone's choices or trace a receipt; the old
# priority-list comments, moved to the discussion app, are only kept until their table goes.
NOT_ON_THEIR_OWN = {
    "audio.Voice",  # listed on its recording's page
    # Conduct cases and all they hold stay out of the admin; only key holders are listed.
    "conduct.Case",
    "conduct.CaseKey",
    "conduct.Message",
    "conduct.Attachment",
    "conduct.Consent",
    "conduct.DisclosureRequest",
    "conduct.AccessEntry",
    "conduct.ReceiptFailure",
    "consultations.Document",
    "consultations.Extension",
    "rounds.Comment",
    "rounds.VoidReceipt",
    "recommendations.RecommendationTranslation",
    "recommendations.LifecycleEvent",
    "recommendations.Milestone",
    "rounds.RoundItem",
    "rounds.Ballot",
    # The parts of a course and of a term, edited on their parent's page.
    "learning.Module",
    "learning.LessonEdition",
    "learning.LessonFile",
    "learning.Choice",
    "learning.TermMeaning",
    # A learner's own progress, answers and "I know this": theirs, not the staff's.
    "learning.Enrolment",
    "learning.LessonDone",
    "learning.QuizAttempt",
    "learning.KnownTerm",
    # Keys and the login state of LTI launches, never edited by hand.
    "learning.LtiToolKey",
    "learning.LtiCacheEntry",
}


def test_every_platform_model_has_an_admin_with_search_and_filters():
    for model in apps.get_models():
        if model._meta.app_label not in PLATFORM_APPS or model._meta.label in NOT_ON_THEIR_OWN:
            continue
        model_admin = admin.site._registry.get(model)
        assert model_admin is not None, f"{model._meta.label} has no admin"
        assert model_admin.search_fields, f"{model._meta.label} admin cannot search"
        assert model_admin.list_filter, f"{model._meta.label} admin has no filters"


def test_an_administrator_can_search_and_filter_every_changelist(admin_client, role_users):
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in PLATFORM_APPS:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = admin_client.get(url, {"q": "ncsg"})
        assert response.status_code == 200, url


def test_the_admin_finds_a_person_by_a_name_in_another_script(admin_client, make_person):
    from commonweal.community.services import person_alias_add

    person = make_person("Stephanie Perrin")
    person_alias_add(person=person, name="丝黛芬妮")
    response = admin_client.get(reverse("admin:community_person_changelist"), {"q": "丝黛芬妮"})
    assert "Stephanie Perrin" in response.content.decode()


def test_no_admin_page_shows_a_ballot(admin_client):
    from commonweal.rounds.models import Ballot

    assert Ballot not in admin.site._registry
    assert b"ballot" not in admin_client.get(reverse("admin:index")).content.lower()
