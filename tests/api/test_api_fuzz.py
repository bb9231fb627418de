"""The HTTP API fuzzed from its own OpenAPI document (issue 15, item 6): schemathesis
makes valid and invalid calls to every operation, as a DJ and as a guest, on the
real party of the test database; no call may answer 500, and every answer must be one
the document lists, in the shape it gives. Bounded: a few examples per operation and caller."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from liveparty.accounts.services import issue_token
from tests.personas import PASSWORD
from tests.realtime.sockets import guest_headers

EXAMPLES = 25

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture(params=["dj", "guest"])
def token(request, dj, guest) -> str:
    """Each operation is fuzzed as the party's DJ and as one of its guests."""
    if request.param == "dj":
        return issue_token(dj.username, PASSWORD, "127.0.0.1")
    return guest_headers(guest)["authorization"].removeprefix("Bearer ")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_contract_under_any_input(case, transactional_db, event, guest, song, token):
    if "code" in (case.path_parameters or {}):
        case.path_parameters["code"] = event.code  # the real party: deeper than a 404
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance],
    )
