# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures for tests that run real ansible-playbook and ansible commands against the fake API.

The collection is built with ``ansible-galaxy collection build`` and installed
from the tarball, so these tests use exactly what a user would install.
"""

from __future__ import annotations

import pytest
from harness import Runner, fake_api, hostile_api, install_collection


@pytest.fixture(scope="session")
def collections_path(tmp_path_factory):
    """Build the collection and install the tarball into a fresh collections folder."""
    installed, tarball = install_collection(str(tmp_path_factory.mktemp("collection")))
    return {"path": installed, "tarball": tarball}


@pytest.fixture(scope="session")
def fake_server():
    server = fake_api.start_in_thread()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def fake(fake_server):
    """The fake API's state, reset for every test."""
    fake_server.fake.reset()
    return fake_server.fake


@pytest.fixture(scope="session")
def hostile_server():
    server = hostile_api.start("127.0.0.1")
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def hostile(hostile_server):
    """The hostile API (tests/hostile_api/), with no script and no recorded request left from another test."""
    hostile_server.script()
    return hostile_server


@pytest.fixture
def ansible(collections_path, fake_server, tmp_path):
    return Runner(collections_path["path"], fake_server.base_url, str(tmp_path / "ansible-home"))


def pytest_configure(config):
    config.addinivalue_line("markers", "awx: an AWX-style job through ansible-runner (tools/test runs these on ansible-core 2.15)")
    config.addinivalue_line(
        "markers",
        "every_release: what depends on ansible-core (module arguments, check and diff mode, output, ansible-doc, action groups, no_log);"
        " tools/test runs these on every release, and all the others on 2.15 (AWX's runtime)",
    )
