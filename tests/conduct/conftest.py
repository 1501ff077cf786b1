import pytest


@pytest.fixture
def key_dir(settings, tmp_path):
    """The key holders' private keys in a folder of this test's own."""
    settings.CONDUCT_KEY_DIR = tmp_path / "conduct-keys"
    return settings.CONDUCT_KEY_DIR


@pytest.fixture
def conduct_keys(key_dir, role_users):
    """The ombudsman's and a custodian's keys, and the offline recovery key (its private
    half returned, as it is printed once)."""
    from django.contrib.auth.models import Group

    from commonweal.conduct.keys import key_create
    from commonweal.conduct.models import KeyHolder
    from commonweal.core.roles import CUSTODIAN

    custodian = role_users.get("custodian")
    if custodian is None:
        from commonweal.accounts.models import User

        custodian = User.objects.create_user(
            email="custodian@example.org", password="a long pass phrase 7"
        )
    custodian.groups.add(Group.objects.get_or_create(name=CUSTODIAN)[0])
    ombudsman_key, _ = key_create(role=KeyHolder.Role.OMBUDSMAN, user=role_users["ombudsman"])
    custodian_key, _ = key_create(role=KeyHolder.Role.CUSTODIAN, user=custodian)
    recovery_key, recovery_private = key_create(role=KeyHolder.Role.RECOVERY)
    return {
        "ombudsman": ombudsman_key,
        "custodian": custodian_key,
        "custodian_user": custodian,
        "recovery": recovery_key,
        "recovery_private": recovery_private,
    }
