"""The admin reads discussions (search, filters) and changes nothing: every write goes
through the pages, so that each hiding has a reason and can be appealed."""

import pytest
from django.contrib import admin
from django.urls import reverse

from commonweal.discussion.models import Appeal, Comment, Moderation

pytestmark = pytest.mark.django_db


def test_an_administrator_searches_and_filters_every_discussion_list(admin_client, appealed):
    for model in (Comment, Moderation, Appeal):
        model_admin = admin.site._registry[model]
        assert model_admin.search_fields and model_admin.list_filter
        url = reverse(f"admin:discussion_{model._meta.model_name}_changelist")
        assert admin_client.get(url, {"q": "crook"}).status_code == 200
    url = reverse("admin:discussion_comment_changelist")
    hidden_only = admin_client.get(url, {"moderation__isempty": "0"}).content.decode()
    assert "The chair is a crook." in hidden_only
    assert admin_client.get(url, {"moderation__isempty": "1"}).status_code == 200


def test_the_admin_cannot_change_or_delete_a_comment(admin_client, hidden):
    change = reverse("admin:discussion_comment_change", args=[hidden.pk])
    admin_client.post(change, {"text": "Rewritten."})
    delete = reverse("admin:discussion_comment_delete", args=[hidden.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    hidden.refresh_from_db()
    assert hidden.text == "The chair is a crook."
