# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures every module test uses: no Cloudflare variable from the caller's environment, no real sleeping, scripted HTTP."""

from __future__ import annotations

import pytest
import responses

from ansible_collections.cloudflare_community.email_security.plugins.module_utils import _api

CLOUDFLARE_ENV = ("CLOUDFLARE_API_TOKEN", "CLOUDFLARE_TOKEN", "CLOUDFLARE_EMAIL", "CLOUDFLARE_API_KEY", "CLOUDFLARE_ACCOUNT_ID", "CLOUDFLARE_BASE_URL")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in CLOUDFLARE_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(_api.time, "sleep", lambda seconds: None)


@pytest.fixture
def http():
    """Every request must be scripted; an unscripted one fails the test, and so does an unused script."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock
