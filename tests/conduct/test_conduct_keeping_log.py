"""`commonweal conduct verify-log`: the access log's chain holds, or the first entry that
does not is named, with its case and what is wrong."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from commonweal.conduct.accesslog import log_append
from commonweal.conduct.models import AccessEntry
from tests.conduct import fixtures_keeping
from tests.conduct.fixtures_keeping import case_with_everything

pytestmark = pytest.mark.django_db
media_root = fixtures_keeping.media_root


def verify() -> str:
    out = io.StringIO()
    call_command("conduct", "verify-log", stdout=out)
    return out.getvalue()


@pytest.fixture
def logged(conduct_keys, role_users, media_root):
    """Two cases, each filed, answered, and read twice."""
    cases = [case_with_everything(role_users["ombudsman"])[0] for _ in range(2)]
    for case in cases:
        for _ in range(2):
            log_append(case=case, actor=AccessEntry.Actor.OMBUDSMAN, action="read")
    return cases


def test_an_untouched_log_holds(logged):
    count = AccessEntry.objects.count()
    assert count > 6
    assert verify().strip() == f"{count} entries, the chain holds"


def test_an_entry_changed_in_the_database_is_named(logged):
    second = logged[1]
    entry = AccessEntry.objects.filter(case=second, action="read").first()
    AccessEntry.objects.filter(pk=entry.pk).update(action="filed")
    with pytest.raises(CommandError) as failure:
        verify()
    assert failure.value.returncode == 1
    message = str(failure.value)
    assert f"entry {entry.seq} " in message and second.reference in message
    assert "changed" in message


def test_a_deleted_entry_is_named_as_the_gap(logged):
    AccessEntry.objects.filter(seq=3).delete()
    with pytest.raises(CommandError) as failure:
        verify()
    assert failure.value.returncode == 1
    assert "entry 3 is missing" in str(failure.value)
    assert "entry 4" in str(failure.value)


def test_an_empty_log_holds(db):
    assert verify().strip() == "0 entries, the chain holds"
