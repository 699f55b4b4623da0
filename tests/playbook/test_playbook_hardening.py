# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Real ansible runs against a server that misbehaves: nothing wrong is written, nothing secret is shown, no traceback."""

from __future__ import annotations

import json
import subprocess
import time
from urllib.parse import quote

import pytest
from harness import fake_api, hostile_api

ACCOUNT = fake_api.DEMO_ACCOUNT_ID
DOMAIN_ID = fake_api.DEMO_DOMAIN_ID
OTHER_ID = "5c0a7c6e-9a53-4b8e-8d1f-2f0b7f4c9e11"
SECRET = "hostile-test-token-Zq8w+/=x"
DOMAIN = fake_api.make_domain(DOMAIN_ID, "example.com")
INFO = "cloudflare_community.email_security.email_security_domain_info"
BULK = "cloudflare_community.email_security.email_security_domains"


@pytest.fixture(scope="module")
def servers():
    main, elsewhere = hostile_api.start("127.0.0.1"), hostile_api.start("127.0.0.2")
    yield main, elsewhere
    for server in (main, elsewhere):
        server.shutdown()
        server.server_close()


@pytest.fixture
def hostile(servers):
    servers[1].script()
    return servers[0]


def env(server, **extra):
    values = {"CLOUDFLARE_API_TOKEN": SECRET, "CLOUDFLARE_ACCOUNT_ID": ACCOUNT, "CLOUDFLARE_BASE_URL": server.base_url}
    values.update(extra)
    return values


def secret_forms(secret):
    return [secret, repr(secret)[1:-1], json.dumps(secret)[1:-1], quote(secret, safe=""), quote(secret)]


def assert_no_secret(*outputs):
    """No form of the secret, nor its first half (as a body cut in the middle of it would show)."""
    for output in outputs:
        for form in secret_forms(SECRET) + [SECRET[: len(SECRET) // 2]]:
            assert form not in output, "a form of the secret (%r) appeared" % form


def assert_clean_failure(result):
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output and "MODULE FAILURE" not in result.output, result.output
    assert_no_secret(result.output)


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirected_write_is_never_followed_nor_reported_as_a_change(ansible, hostile, servers, status):
    hostile.script({"body": hostile_api.envelope(DOMAIN)}, {"status": status, "headers": {"Location": servers[1].base_url + "/x"}, "body": ""})
    result = ansible.adhoc({"domain_id": DOMAIN_ID, "lookback_hops": 4}, env=env(hostile))
    assert_clean_failure(result)
    assert "redirect (HTTP %d) to host 127.0.0.2, which is never followed" % status in result.stdout
    assert hostile.methods() == ["GET", "PATCH"] and servers[1].requests == []


def test_a_dripping_server_is_cut_off_at_the_timeout(ansible, hostile):
    hostile.script({"body": hostile_api.envelope(dict(DOMAIN, padding="x" * 100)), "drip": 0.25})
    started = time.monotonic()
    result = ansible.adhoc({"domain_id": DOMAIN_ID, "timeout": 1, "max_retries": 0}, env=env(hostile))
    assert_clean_failure(result)
    assert "timed out after 1.0 seconds" in result.stdout
    # The body alone would take about 60 s; 1.0.0 waited for all of it.
    assert time.monotonic() - started < 30


def test_a_short_page_without_a_count_is_read_on_and_a_repeat_fails(ansible, hostile):
    hostile.script({"body": hostile_api.envelope([DOMAIN]), "repeat": True})
    result = ansible.adhoc({"max_retries": 3}, env=env(hostile), module=INFO)
    assert_clean_failure(result)
    assert "Page 2 of the list repeated only items of earlier pages" in result.stdout
    assert hostile.methods() == ["GET", "GET"]


def test_a_server_repeating_a_full_page_fails_instead_of_ending_the_list(ansible, hostile):
    """1.1.0 stopped at a page that brought nothing new and reported the list as complete."""
    page = [dict(DOMAIN, id="00000000-0000-4000-8000-%012d" % number, domain="d%d.example" % number) for number in range(1000)]
    hostile.script({"body": hostile_api.envelope(page), "repeat": True})
    result = ansible.adhoc({"max_retries": 0}, env=env(hostile), module=INFO)
    assert_clean_failure(result)
    assert "Page 2 of the list repeated only items of earlier pages, so the list cannot be read reliably" in result.stdout
    assert hostile.methods() == ["GET", "GET"]


@pytest.mark.parametrize(
    "answer, problem",
    [
        (None, "Expected an object with an id as the result, got null"),
        ([DOMAIN], "Expected an object with an id as the result, got a list of 1 items"),
        (dict(DOMAIN, id=OTHER_ID), "Expected the object with id %s, got the one with id %s" % (DOMAIN_ID, OTHER_ID)),
        ({"domain": "example.com"}, "Expected an object with an id as the result, got an object"),
    ],
)
def test_an_odd_read_fails_clearly_and_writes_nothing(ansible, hostile, answer, problem):
    hostile.script({"body": hostile_api.envelope(answer)})
    result = ansible.adhoc({"domain_id": DOMAIN_ID, "lookback_hops": 4, "regions": ["US"]}, env=env(hostile))
    assert_clean_failure(result)
    assert problem in result.stdout
    assert hostile.methods() == ["GET"]


@pytest.mark.parametrize(
    "answer, problem",
    [
        ({"id": DOMAIN_ID}, "Expected a list as the result, got an object with id"),
        ([DOMAIN, {"domain": "x.example"}], "Item 1 of page 1 has no id"),
    ],
)
def test_an_odd_list_fails_clearly_and_writes_nothing(ansible, hostile, answer, problem):
    hostile.script({"body": hostile_api.envelope(answer)})
    result = ansible.adhoc({"lookback_hops": 4, "domains": [{"domain": "example.com"}]}, env=env(hostile), module=BULK)
    assert_clean_failure(result)
    assert problem in result.stdout
    assert hostile.methods() == ["GET"]


@pytest.mark.parametrize("value", ["nan", "inf", "-3", "tomorrow"])
def test_an_unreadable_retry_after_falls_back_to_backoff(ansible, hostile, value):
    hostile.script(
        {"status": 429, "headers": {"Retry-After": value}, "body": hostile_api.envelope(None, success=False)}, {"body": hostile_api.envelope(DOMAIN)}
    )
    result = ansible.adhoc({"domain_id": DOMAIN_ID}, env=env(hostile))
    assert result.returncode == 0, result.output
    assert hostile.methods() == ["GET", "GET"]


def test_a_delete_whose_answer_is_lost_then_404_is_a_removal(ansible, hostile):
    hostile.script(
        {"body": hostile_api.envelope(DOMAIN)},
        {"body": hostile_api.envelope({"id": DOMAIN_ID, "padding": "x" * 40}), "drip": 0.1},
        {"status": 404, "body": hostile_api.envelope(None, success=False, errors=[{"code": 1002, "message": "Not found"}])},
    )
    result = ansible.adhoc({"domain_id": DOMAIN_ID, "state": "absent", "timeout": 1}, env=env(hostile))
    assert result.returncode == 0, result.output
    assert "localhost | CHANGED" in result.stdout
    assert hostile.methods() == ["GET", "DELETE", "DELETE"]


def test_netrc_never_replaces_the_configured_credentials(ansible, hostile, tmp_path):
    (tmp_path / ".netrc").write_text("machine 127.0.0.1 login intruder password netrc-secret\n")
    (tmp_path / ".netrc").chmod(0o600)
    hostile.script({"body": hostile_api.envelope(DOMAIN), "repeat": True})
    result = ansible.adhoc(
        {"domain_id": DOMAIN_ID},
        env=dict(
            env(hostile, CLOUDFLARE_EMAIL=fake_api.DEMO_EMAIL, CLOUDFLARE_API_KEY=fake_api.DEMO_API_KEY),
            CLOUDFLARE_API_TOKEN="",
            HOME=str(tmp_path),
            NETRC=str(tmp_path / ".netrc"),
        ),
    )
    assert result.returncode == 0, result.output
    headers = hostile.requests[0]["headers"]
    assert "Authorization" not in headers and headers["X-Auth-Key"] == fake_api.DEMO_API_KEY


@pytest.mark.every_release
def test_no_form_of_the_secret_appears_in_any_output_of_a_failing_run(ansible, hostile, tmp_path):
    """A vaulted token with a trailing newline, and a server that echoes it in every form it can."""
    echoed = " ".join(secret_forms(SECRET) + [repr(SECRET + "\n"), quote(SECRET + "\n")])
    hostile.script({"status": 502, "headers": {"Content-Type": "text/html"}, "body": "<p>token " + echoed + "</p>", "repeat": True})
    runs = []
    for verbosity in ([], ["-vvv"]):
        runs.append(ansible.adhoc({"domain_id": DOMAIN_ID, "max_retries": 0}, *verbosity, env=env(hostile, CLOUDFLARE_API_TOKEN=SECRET + "\n")))
    # ansible-core's own JSON outputs: results rendered as JSON, and the tree callback's JSON file per host.
    tree = tmp_path / "tree"
    runs.append(
        ansible.adhoc(
            {"domain_id": DOMAIN_ID, "max_retries": 0},
            env=env(
                hostile,
                CLOUDFLARE_API_TOKEN=SECRET + "\n",
                ANSIBLE_LOAD_CALLBACK_PLUGINS="1",
                ANSIBLE_CALLBACK_RESULT_FORMAT="json",
                ANSIBLE_CALLBACKS_ENABLED="ansible.builtin.tree",
                ANSIBLE_CALLBACK_TREE_DIR=str(tree),
            ),
        )
    )
    for result in runs:
        assert_clean_failure(result)
        assert "Expected a JSON response from Cloudflare but got text/html" in result.output
    written = (tree / "localhost").read_text()
    assert "Expected a JSON response from Cloudflare" in json.loads(written)["msg"]
    assert_no_secret(written)
    # The token really was sent, stripped of its newline.
    assert hostile.requests[0]["headers"]["Authorization"] == "Bearer " + SECRET


def test_a_proxy_from_the_environment_keeps_working(ansible, hostile):
    """requests still reads HTTP(S)_PROXY: the request reaches the proxy, addressed to the API's URL."""
    hostile.script({"body": hostile_api.envelope(DOMAIN)})
    unreachable = "http://127.0.0.3:9/client/v4"
    result = ansible.adhoc(
        {"domain_id": DOMAIN_ID, "max_retries": 0},
        env=env(hostile, CLOUDFLARE_BASE_URL=unreachable, HTTP_PROXY="http://%s:%d" % hostile.server_address[:2], NO_PROXY=""),
    )
    assert result.returncode == 0, result.output
    assert hostile.requests[0]["path"] == "%s/accounts/%s/email-security/settings/domains/%s" % (unreachable, ACCOUNT, DOMAIN_ID)


def test_a_refused_read_asks_for_the_read_permission(ansible, fake):
    result = ansible.adhoc({"domain_id": DOMAIN_ID}, env={"CLOUDFLARE_API_TOKEN": fake_api.DEMO_TOKEN, "CLOUDFLARE_ACCOUNT_ID": "0" * 32})
    assert result.returncode == 2
    assert "need the 'Cloud Email Security: Read' permission on account %s" % ("0" * 32) in result.stdout


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    """A self-signed certificate for localhost and 127.0.0.1, as a TLS-intercepting proxy's CA would be."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            key,
            "-out",
            cert,
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def https_behind_proxy(tls_files):
    server, proxy = hostile_api.start("127.0.0.1", tls=tls_files), hostile_api.start_proxy()
    yield server, proxy
    for one in (server, proxy):
        one.shutdown()
        one.server_close()


def test_https_through_a_proxy_from_the_environment_with_a_ca_path(ansible, https_behind_proxy, tls_files):
    server, proxy = https_behind_proxy
    server.script({"body": hostile_api.envelope(DOMAIN), "repeat": True})
    base_url = server.base_url.replace("127.0.0.1", "localhost")
    options = {"domain_id": DOMAIN_ID, "max_retries": 0, "ca_path": tls_files[0]}

    through = ansible.adhoc(options, env=env(server, CLOUDFLARE_BASE_URL=base_url, HTTPS_PROXY=proxy.url, NO_PROXY=""))
    assert through.returncode == 0, through.output
    assert proxy.targets == ["localhost:%d" % server.server_address[1]]

    direct = ansible.adhoc(options, env=env(server, CLOUDFLARE_BASE_URL=base_url, HTTPS_PROXY=proxy.url, NO_PROXY="localhost"))
    assert direct.returncode == 0, direct.output
    assert len(proxy.targets) == 1 and len(server.requests) == 2

    untrusted = ansible.adhoc(dict(options, ca_path=None), env=env(server, CLOUDFLARE_BASE_URL=base_url, NO_PROXY="localhost"))
    assert_clean_failure(untrusted)
    assert "SSLError: TLS certificate verification failed" in untrusted.stdout
