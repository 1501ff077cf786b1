import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commonweal.community.models import Membership, Person

pytestmark = pytest.mark.django_db


def test_the_secretariat_imports_a_roster_from_the_upload_page(client, role_users):
    client.force_login(role_users["secretariat"])
    roster = SimpleUploadedFile("roster.csv", b"name,group,role\nElsa Saade,ncsg,member\n")
    response = client.post(reverse("community:roster_upload"), {"file": roster})
    assert response.status_code == 200
    assert "1 people and 0 groups created" in response.content.decode()
    assert Membership.objects.filter(person__display_name="Elsa Saade", group__slug="ncsg").exists()


def test_a_bad_roster_upload_shows_each_problem_by_line_and_writes_nothing(client, role_users):
    client.force_login(role_users["secretariat"])
    people_before = Person.objects.count()
    roster = SimpleUploadedFile("roster.csv", b"name,group,role\nA,ncsg,member\n,ncsg,member\n")
    response = client.post(reverse("community:roster_upload"), {"file": roster})
    assert response.status_code == 400
    assert "roster.csv:3: name is missing" in response.content.decode()
    assert Person.objects.count() == people_before


def test_an_upload_over_the_limit_is_refused_before_it_is_read(client, role_users, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    client.force_login(role_users["secretariat"])
    roster = SimpleUploadedFile("roster.csv", b"name,group,role\n" + b"A,ncsg,member\n" * 200)
    response = client.post(reverse("community:roster_upload"), {"file": roster})
    assert response.status_code == 413
    assert "limited to 1.0\xa0KB" in response.content.decode()
    assert "File too large" in response.content.decode()


def test_a_coordinator_adds_a_member_to_their_own_group(client, role_users, make_person):
    newcomer = make_person("Bruna Santos")
    client.force_login(role_users["coordinator"])
    url = reverse("community:membership_add", kwargs={"slug": "ncsg"})
    response = client.post(url, {"person": newcomer.pk, "role": "member", "title": "member"})
    assert response.status_code == 302
    assert Membership.objects.filter(person=newcomer, group__slug="ncsg").exists()


def test_a_membership_cannot_end_before_it_starts(client, role_users, make_person):
    client.force_login(role_users["coordinator"])
    url = reverse("community:membership_add", kwargs={"slug": "ncsg"})
    data = {
        "person": make_person().pk,
        "role": "member",
        "start_date": "2024-05-01",
        "end_date": "2024-01-01",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "cannot end before it starts" in response.content.decode()


def test_people_are_found_by_a_name_in_another_script(client, make_person):
    from commonweal.community.services import person_alias_add

    person_alias_add(person=make_person("Stephanie Perrin"), name="丝黛芬妮")
    make_person("Kathy Kleiman")
    page = client.get(reverse("community:people"), {"q": "丝黛芬妮"}).content.decode()
    assert "Stephanie Perrin" in page and "Kathy Kleiman" not in page


def test_groups_are_listed_with_their_constituencies_beneath_them(client, make_group):
    parent = make_group("ncsg", name="Non-Commercial Stakeholder Group")
    make_group(
        "npoc", kind="constituency", name="Not-for-Profit Operational Concerns", parent=parent
    )
    page = client.get(reverse("community:groups")).content.decode()
    assert page.index("Non-Commercial Stakeholder Group") < page.index(
        "Not-for-Profit Operational Concerns"
    )
    assert 'class="depth-1"' in page


def test_a_refused_page_explains_itself(client, role_users):
    client.force_login(role_users["participant"])
    response = client.get(reverse("community:roster_upload"))
    assert response.status_code == 403
    assert "does not have access" in response.content.decode()


def test_the_chosen_language_is_remembered_on_the_account(client, role_users):
    user = role_users["participant"]
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    user.refresh_from_db()
    assert user.language == "zh-hans"
    client.cookies.clear()
    client.force_login(user)
    assert "我的账户" in client.get(reverse("site:home")).content.decode()


def test_the_groups_list_counts_only_current_members(client, make_group, make_person):
    group = make_group("alac", name="At-Large Advisory Committee")
    Membership.objects.create(person=make_person(), group=group)
    Membership.objects.create(
        person=make_person(), group=group, start_date="2010-01-01", end_date="2012-01-01"
    )
    page = client.get(reverse("community:groups")).content.decode()
    row = page.split("At-Large Advisory Committee")[1].split("</tr>")[0]
    assert row.rstrip().endswith("<td>1</td>")
