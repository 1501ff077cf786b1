"""The secretariat names a topic better than the chair's cue did."""

from django.urls import reverse

from commonweal.meetings.models import Topic


def test_the_secretariat_renames_a_topic_and_the_cue_words_are_kept(
    client, kobe_meeting, role_users
):
    topic = Topic.objects.filter(meeting=kobe_meeting).order_by("index")[1]
    found = topic.title
    url = reverse("meetings:topic_title", kwargs={"pk": topic.pk})
    client.force_login(role_users["participant"])
    assert client.post(url, {"title": "Security and cybercrime"}).status_code == 403
    client.force_login(role_users["secretariat"])
    form = client.get(url).content.decode()
    assert f"“<bdi>{found}</bdi>”" in form  # the words the transcript gave are shown
    refused = client.post(url, {"title": "   "})
    assert refused.status_code == 400 and "Write a title." in refused.content.decode()
    saved = client.post(url, {"title": "  Security   and cybercrime "}, follow=True)
    page = saved.content.decode()
    assert "The topic&#x27;s title is saved." in page or "The topic's title is saved." in page
    assert ">Security and cybercrime</a>" in page
    topic.refresh_from_db()
    assert topic.title == "Security and cybercrime" and topic.detected_title == found
    assert topic.edited_by == role_users["secretariat"] and topic.edited_at is not None


def test_only_the_secretariat_sees_the_rename_links(client, kobe_meeting, role_users):
    page = client.get(kobe_meeting.get_absolute_url()).content.decode()
    assert "/title/" not in page
    client.force_login(role_users["secretariat"])
    page = client.get(kobe_meeting.get_absolute_url()).content.decode()
    assert page.count("/title/") == Topic.objects.filter(meeting=kobe_meeting).count()
