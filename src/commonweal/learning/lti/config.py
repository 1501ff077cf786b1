"""pylti1p3's view of the tool's configuration, read from the database.

One issuer may register the tool several times (one client id each), so every lookup
goes by issuer and client id; a login that names no client id is accepted only when the
issuer has exactly one active registration.
"""

from __future__ import annotations

from pylti1p3.deployment import Deployment
from pylti1p3.registration import Registration
from pylti1p3.tool_config import ToolConfAbstract

from commonweal.learning.lti.keys import tool_key, tool_public_pem
from commonweal.learning.lti.models import LtiPlatform


def platform_find(issuer: str, client_id: str | None) -> LtiPlatform | None:
    platforms = LtiPlatform.objects.filter(issuer=issuer, active=True)
    if client_id:
        return platforms.filter(client_id=client_id).first()
    found = list(platforms[:2])
    return found[0] if len(found) == 1 else None


class DatabaseToolConf(ToolConfAbstract):
    """Registrations and deployments from ``LtiPlatform`` rows."""

    def check_iss_has_one_client(self, iss: str) -> bool:
        return False

    def check_iss_has_many_clients(self, iss: str) -> bool:
        return True

    def _registration(self, platform: LtiPlatform | None) -> Registration | None:
        if platform is None:
            return None
        key = tool_key()
        registration = (
            Registration()
            .set_issuer(platform.issuer)
            .set_client_id(platform.client_id)
            .set_auth_login_url(platform.auth_login_url)
            .set_auth_token_url(platform.auth_token_url)
            .set_key_set(platform.key_set or None)
            .set_key_set_url(platform.key_set_url or None)
            .set_tool_private_key(key.private_key)
            .set_tool_public_key(tool_public_pem(key))
        )
        if platform.auth_audience:
            registration.set_auth_audience(platform.auth_audience)
        return registration

    def find_registration_by_issuer(self, iss: str, *args, **kwargs):
        return self._registration(platform_find(iss, None))

    def find_registration_by_params(self, iss: str, client_id: str, *args, **kwargs):
        return self._registration(platform_find(iss, client_id))

    def find_deployment(self, iss: str, deployment_id: str):
        return self.find_deployment_by_params(iss, deployment_id, None)

    def find_deployment_by_params(self, iss: str, deployment_id: str, client_id, *args, **kwargs):
        platform = platform_find(iss, client_id)
        if platform is None or deployment_id not in platform.deployment_ids:
            return None
        return Deployment().set_deployment_id(deployment_id)
