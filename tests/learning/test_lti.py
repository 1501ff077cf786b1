"""LTI 1.3 launches, against a platform the test plays itself: it holds an RSA key,
registers the tool with its key set, answers the tool's login redirect and signs the
id_token the browser posts back."""

from __future__ import annotations

import json
import time
import uuid
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwcrypto.jwk import JWK

from commonweal.learning.lti.models import LtiAccount, LtiPlatform

ISSUER = "https://moodle.example.org"
CLIENT_ID = "commonweal-tool"
DEPLOYMENT = "deployment-1"
LTI = "https://purl.imsglobal.org/spec/lti/claim/"


def _rsa_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


class Platform:
    """A learning management system, as far as the tool can tell."""

    kid = "platform-key-1"

    def __init__(self) -> None:
        self.private_pem = _rsa_pem()

    def key_set(self) -> dict:
        public = json.loads(JWK.from_pem(self.private_pem.encode()).export_public())
        return {"keys": [{**public, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    def login(self, client, target="http://testserver/learn/courses/newcomers/") -> dict:
        """Start the third-party login; return the authentication request's parameters."""
        response = client.post(
            "/learn/lti/login/",
            {"iss": ISSUER, "login_hint": "learner-7", "target_link_uri": target},
        )
        assert response.status_code == 302, response.content
        location = urlsplit(response["Location"])
        assert f"{location.scheme}://{location.netloc}{location.path}" == f"{ISSUER}/auth"
        return {key: values[0] for key, values in parse_qs(location.query).items()}

    def id_token(self, nonce: str, *, key_pem: str | None = None, **changes) -> str:
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": "learner-7",
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "given_name": "Amina",
            "family_name": "Diallo",
            LTI + "message_type": "LtiResourceLinkRequest",
            LTI + "version": "1.3.0",
            LTI + "deployment_id": DEPLOYMENT,
            LTI + "target_link_uri": "http://testserver/learn/courses/newcomers/",
            LTI + "resource_link": {"id": "link-1"},
            LTI + "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
        }
        claims.update(changes)
        return jwt.encode(
            claims, key_pem or self.private_pem, algorithm="RS256", headers={"kid": self.kid}
        )

    def launch(self, client, state: str, token: str, **extra):
        return client.post("/learn/lti/launch/", {"state": state, "id_token": token}, **extra)


@pytest.fixture
def platform(db):
    playing = Platform()
    LtiPlatform.objects.create(
        name="Moodle",
        issuer=ISSUER,
        client_id=CLIENT_ID,
        auth_login_url=f"{ISSUER}/auth",
        auth_token_url=f"{ISSUER}/token",
        key_set=playing.key_set(),
        deployment_ids=[DEPLOYMENT],
    )
    return playing


def test_a_launch_signs_the_learner_in_on_the_course_page(client, platform, newcomers):
    auth = platform.login(client)
    assert auth["redirect_uri"] == "http://testserver/learn/lti/launch/"
    assert auth["client_id"] == CLIENT_ID and auth["login_hint"] == "learner-7"

    response = platform.launch(client, auth["state"], platform.id_token(auth["nonce"]), follow=True)

    assert response.redirect_chain[-1][0] == "/learn/courses/newcomers/"
    assert "Welcome to the community" in response.content.decode()
    assert "Sign out" in response.content.decode()
    link = LtiAccount.objects.get(platform__issuer=ISSUER, subject="learner-7")
    assert response.wsgi_request.user == link.user
    assert link.user.first_name == "Amina" and not link.user.has_usable_password()


def test_the_second_launch_finds_the_same_account(client, platform, newcomers):
    for _ in range(2):
        client.logout()
        auth = platform.login(client)
        response = platform.launch(client, auth["state"], platform.id_token(auth["nonce"]))
        assert response.status_code == 302
    assert LtiAccount.objects.count() == 1


def test_a_custom_parameter_names_the_course(client, platform, newcomers):
    auth = platform.login(client, target="http://testserver/learn/lti/launch/")
    token = platform.id_token(
        auth["nonce"],
        **{LTI + "target_link_uri": "http://testserver/learn/lti/launch/"},
        **{LTI + "custom": {"course": "newcomers"}},
    )
    response = platform.launch(client, auth["state"], token)
    assert response.status_code == 302
    assert response["Location"] == "/learn/courses/newcomers/"


def test_in_a_frame_only_the_platform_may_show_the_launch_page(client, platform, newcomers):
    auth = platform.login(client)
    token = platform.id_token(auth["nonce"])
    response = platform.launch(client, auth["state"], token, HTTP_SEC_FETCH_DEST="iframe")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == f"frame-ancestors {ISSUER}"
    assert "X-Frame-Options" not in response
    assert "Open the course in a new window" in response.content.decode()
    assert client.get("/learn/courses/newcomers/")["X-Frame-Options"] == "DENY"


def _refused(response, status=400) -> str:
    assert response.status_code == status, response.content
    page = response.content.decode()
    assert "The course could not be opened" in page
    return page


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        pytest.param({"key_pem": "other"}, "Signature verification failed", id="another key"),
        pytest.param(
            {"exp": int(time.time()) - 60, "iat": int(time.time()) - 600},
            "Signature has expired",
            id="expired",
        ),
        pytest.param({"aud": "someone-else"}, "Registration not found", id="wrong audience"),
        pytest.param(
            {LTI + "deployment_id": "unknown"}, "Unable to find deployment", id="deployment"
        ),
    ],
)
def test_a_bad_token_is_refused_with_a_readable_page(client, platform, newcomers, change, reason):
    auth = platform.login(client)
    if change.get("key_pem") == "other":
        change = {"key_pem": _rsa_pem()}
    token = platform.id_token(auth["nonce"], **change)
    page = _refused(platform.launch(client, auth["state"], token))
    assert "Open the course again from your learning system" in page
    assert reason in page
    assert not LtiAccount.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_replayed_nonce_is_refused(client, platform, newcomers):
    auth = platform.login(client)
    token = platform.id_token(auth["nonce"])
    assert platform.launch(client, auth["state"], token).status_code == 302
    assert "Invalid Nonce" in _refused(platform.launch(client, auth["state"], token))
    again = platform.id_token(auth["nonce"], iat=int(time.time()) + 1)
    assert "Invalid Nonce" in _refused(platform.launch(client, auth["state"], again))


def test_a_wrong_state_is_refused(client, platform, newcomers):
    auth = platform.login(client)
    token = platform.id_token(auth["nonce"])
    page = _refused(platform.launch(client, "state-" + str(uuid.uuid4()), token))
    assert "State not found" in page
    _refused(platform.launch(client, auth["state"], "not-a-token"))


def test_an_unknown_platform_cannot_start_a_login(client, platform):
    _refused(client.post("/learn/lti/login/", {"iss": "https://other.example", "login_hint": "x"}))
    _refused(client.get("/learn/lti/login/"))


def test_a_launch_for_a_course_that_does_not_exist_says_so(client, platform, newcomers):
    auth = platform.login(client)
    token = platform.id_token(auth["nonce"], **{LTI + "custom": {"course": "nothing-here"}})
    page = _refused(platform.launch(client, auth["state"], token), status=404)
    assert "does not exist here" in page


def test_the_launch_needs_no_csrf_token_but_a_get_is_not_allowed(platform, newcomers):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    auth = platform.login(strict)
    response = platform.launch(strict, auth["state"], platform.id_token(auth["nonce"]))
    assert response.status_code == 302
    assert strict.get("/learn/lti/launch/").status_code == 405


def test_the_tool_publishes_one_public_key(client, db):
    keys = client.get("/learn/lti/jwks/").json()["keys"]
    assert len(keys) == 1
    assert keys[0]["kty"] == "RSA" and keys[0]["alg"] == "RS256" and "d" not in keys[0]
    assert client.get("/learn/lti/jwks/").json() == {"keys": keys}
