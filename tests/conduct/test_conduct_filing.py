"""Filing a report: it is stored encrypted, opens with the receipt and with the ombudsman's
key file, and with nothing else."""

import pytest

from commonweal.conduct import crypto
from commonweal.conduct.models import AccessEntry, Case, CaseKey
from commonweal.conduct.services.cases import (
    Report,
    case_by_receipt,
    key_by_receipt,
    key_for,
    report_file,
    report_read,
)

pytestmark = pytest.mark.django_db

WHAT = "He shouted at me in the corridor after the Tuesday session."


def _report(**fields):
    values = dict(
        kind="harassment",
        place="elsewhere",
        what=WHAT,
        when="Tuesday",
        where="corridor",
        who="a delegate",
    )
    values.update(fields)
    return Report(**values)


def test_a_report_opens_with_its_receipt_and_the_ombudsman_key_only(conduct_keys, role_users):
    case, receipt = report_file(report=_report())
    assert len(crypto.receipt_normal(receipt)) == 25
    assert WHAT.encode() not in bytes(Case.objects.get().report_box)
    found = case_by_receipt(receipt.lower().replace("-", " "))
    assert found == case
    assert report_read(case, key_by_receipt(case, receipt))["what"] == WHAT
    assert report_read(case, key_for(case, role_users["ombudsman"]))["what"] == WHAT
    assert key_for(case, role_users["secretariat"]) is None
    assert case_by_receipt("0" * 25) is None
    assert AccessEntry.objects.get().action == "filed"


def test_a_report_about_the_ombudsman_goes_to_the_custodian(conduct_keys, role_users):
    case, _receipt = report_file(report=_report(about_ombudsman=True))
    assert key_for(case, role_users["ombudsman"]) is None
    assert report_read(case, key_for(case, conduct_keys["custodian_user"]))["what"] == WHAT


def test_the_recovery_key_opens_every_case(conduct_keys):
    case, _receipt = report_file(report=_report())
    sealed = CaseKey.objects.get(case=case, holder=conduct_keys["recovery"]).sealed
    key = crypto.unseal(conduct_keys["recovery_private"], sealed)
    assert report_read(case, key)["what"] == WHAT
