import pytest
from django.urls import reverse

from commonweal.meetings.models import Candidate
from commonweal.recommendations.models import Recommendation

pytestmark = pytest.mark.django_db


def test_a_confirmed_candidate_becomes_a_recommendation_that_quotes_its_turn(
    client, role_users, kobe_meeting
):
    candidate = Candidate.objects.filter(meeting=kobe_meeting, kind="recommendation").first()
    client.force_login(role_users["secretariat"])
    review = reverse("meetings:candidate_review", kwargs={"pk": candidate.pk})
    # Publishing into the registry is asked first, naming the effect; nothing is made yet.
    asked = client.post(review, {"status": "confirmed"})
    assert asked.status_code == 200
    assert "Add this sentence to the registry as a recommendation?" in asked.content.decode()
    assert Recommendation.objects.count() == 0
    assert client.post(review, {"status": "confirmed", "confirm": "yes"}).status_code == 302
    assert client.post(review, {"status": "confirmed", "confirm": "yes"}).status_code == 302

    recommendation = Recommendation.objects.get()
    assert recommendation.candidate == candidate
    assert recommendation.source.kind == "meeting"
    page = client.get(recommendation.get_absolute_url()).content.decode()
    index = candidate.turn.index
    turn_link = f"/meetings/{kobe_meeting.pk}/turns/{index}/"
    assert recommendation.turn_url() == turn_link
    assert f'<a href="{turn_link}">' in page
    # The link lands on the part of the meeting page that holds the turn.
    landing = client.get(turn_link, follow=True)
    assert landing.redirect_chain[-1][0].endswith(f"?turn={index}#turn-{index}")
    assert f'id="turn-{index}"' in landing.content.decode()
    assert "<blockquote" in page
    assert candidate.sentence in page
    assert recommendation.speaker in page
    client.logout()
    assert candidate.sentence in client.get(reverse("recommendations:list")).content.decode()


def test_only_the_secretariat_can_confirm_a_candidate_into_the_registry(
    client, role_users, kobe_meeting
):
    candidate = Candidate.objects.filter(meeting=kobe_meeting, kind="recommendation").first()
    client.force_login(role_users["coordinator"])
    review = reverse("meetings:candidate_review", kwargs={"pk": candidate.pk})
    assert client.post(review, {"status": "confirmed"}).status_code == 403
    assert Recommendation.objects.count() == 0
