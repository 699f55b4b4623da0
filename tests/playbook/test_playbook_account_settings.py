# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Trusted domains, the impersonation registry, content policies, sending domain restrictions and URL ignore patterns,
through real ansible-playbook runs of the built collection against the fake API."""

from __future__ import annotations

import os

import pytest
from harness import REPO, during, fake_api, recap

ACCOUNT = fake_api.DEMO_ACCOUNT_ID
ENV = {"CLOUDFLARE_API_TOKEN": fake_api.DEMO_TOKEN, "CLOUDFLARE_ACCOUNT_ID": ACCOUNT}

# kind: (path, id option, create, the same again spelled otherwise, a change by id, the fields the create sends, removal)
LIFE = {
    "trusted_domain": (
        "trusted_domains",
        "trusted_domain_id",
        {"pattern": "Partner.Example", "is_similarity": True, "is_recent": False},
        {"pattern": "partner.example.", "is_similarity": True},
        {"comments": "CHG-2"},
        {"pattern": "partner.example", "is_regex": False, "is_similarity": True, "is_recent": False},
        {"pattern": "PARTNER.example", "state": "absent"},
    ),
    "impersonation_registry": (
        "impersonation_registry",
        "impersonation_registry_id",
        {"email": "CEO@Example.com", "name": "Jane Doe"},
        {"email": "ceo@example.COM", "name": "Jane Doe"},
        {"name": "Jane Q. Doe"},
        {"email": "ceo@example.com", "name": "Jane Doe", "is_email_regex": False},
        {"email": "ceo@example.com", "state": "absent"},
    ),
    "content_policy": (
        "content_policies",
        "policy_id",
        {"name": "Wire transfers", "pattern": "(?i)urgent wire", "targets": ["SUBJECT", "BODY"]},
        {"name": "Wire transfers", "targets": ["BODY", "SUBJECT", "BODY"]},
        {"enabled": False},
        {"name": "Wire transfers", "pattern": "(?i)urgent wire", "targets": ["BODY", "SUBJECT"], "enabled": True},
        {"name": "WIRE TRANSFERS", "state": "absent"},
    ),
    "sending_domain_restriction": (
        "sending_domain_restrictions",
        "sending_domain_restriction_id",
        {"domain": "Example.com", "exclude": ["Legacy.example.com"]},
        {"domain": "example.com.", "exclude": ["legacy.EXAMPLE.com"]},
        {"exclude": []},
        {"domain": "example.com", "exclude": ["legacy.example.com"]},
        {"domain": "example.com", "state": "absent"},
    ),
    "url_ignore_pattern": (
        "url_ignore_patterns",
        "pattern_id",
        {"pattern": "https://intranet.example.com/*"},
        {"pattern": "https://intranet.example.com/*"},
        {"comments": "internal links"},
        {"pattern": "https://intranet.example.com/*"},
        {"pattern": "https://intranet.example.com/*", "state": "absent"},
    ),
}


def wire(fake, path, requests=None):
    """The requests seen (or ``requests``), as 'METHOD path' relative to the resource's endpoint."""
    prefix = "/accounts/%s/email-security/settings/%s" % (ACCOUNT, path)
    seen = fake.requests_seen() if requests is None else requests
    return ["%s %s" % (request["method"], request["path"].replace(prefix, "") or "/") for request in seen]


def task(ansible, module, args, *flags):
    completed, outcome = ansible.task(module, dict(args), *flags, env=ENV)
    assert completed.returncode == 0, completed.output
    return completed, outcome


@pytest.mark.parametrize("kind", sorted(LIFE))
def test_one_entry_created_found_again_read_changed_and_removed(ansible, fake, kind):
    """Check mode and repeated removals are the generic kit's, tested with the sender lists; here, each declaration.

    One play, one task per step; each step's requests are told apart by when they came.
    """
    path, id_option, create, again, change, sent, removal = LIFE[kind]
    module = "email_security_" + kind
    steps = [
        {"module": module, "args": create, "check_mode": True},
        {"module": module, "args": create, "register": "created"},
        {"module": module, "args": again},
        {"module": "email_security_%s_info" % kind, "args": {}},
        {"module": module, "args": dict(change, **{id_option: "{{ created.%s.id }}" % kind}), "diff": True},
        {"module": module, "args": removal},
    ]
    run, (checked, created, unchanged, listed, updated, removed) = ansible.tasks(steps, env=ENV)
    assert run.returncode == 0, run.output
    steps_wire = [
        ["%s %s" % (request["method"], request["path"].rsplit(path, 1)[1] or "/") for request in during(fake, step)]
        for step in (checked, created, unchanged, listed, updated, removed)
    ]
    entry_id = created[kind]["id"]
    assert checked["changed"] and steps_wire[0] == ["GET /"]
    assert created["changed"] and steps_wire[1] == ["GET /", "POST /"]
    assert fake.requests_seen("POST")[0]["body"] == sent
    assert not unchanged["changed"] and steps_wire[2] == ["GET /"]
    assert [item["id"] for item in listed[fake_api.RESOURCES[path].list_key]] == [entry_id] and len(listed["entries"]) == 1
    assert updated["changed"] and steps_wire[4] == ["GET /%s" % entry_id, "PATCH /%s" % entry_id]
    assert fake.requests_seen("PATCH")[0]["body"] == change
    assert "+++ after" in run.stdout
    assert removed["changed"] and steps_wire[5] == ["GET /", "DELETE /%s" % entry_id]
    assert fake.entries(ACCOUNT, path) == {}
    # The _info module's export, fed back to the single-entry module, changes nothing.
    fake.set_objects(ACCOUNT, path, [dict(created[kind])])
    _run, fed_back = task(ansible, module, listed["entries"][0])
    assert not fed_back["changed"]


def test_a_registry_entry_synced_from_a_directory_is_reported_and_never_changed(ansible, fake):
    synced = fake_api.make_entry(
        fake_api.RESOURCES["impersonation_registry"],
        "00000000-0000-4000-8000-000000000001",
        {"email": "cfo@example.com", "name": "John Roe", "is_email_regex": False, "provenance": "SNOOPY-GOOGLE_DIRECTORY", "directory_id": 12},
    )
    fake.set_objects(ACCOUNT, "impersonation_registry", [synced])
    run, (listed, refused, not_removed) = ansible.tasks(
        [
            ("email_security_impersonation_registry_info", {"provenance": "SNOOPY-GOOGLE_DIRECTORY"}),
            ("email_security_impersonation_registry", {"email": "cfo@example.com", "name": "J. Roe"}),
            ("email_security_impersonation_registry", {"email": "cfo@example.com", "state": "absent"}),
        ],
        env=ENV,
    )
    assert run.returncode == 0, run.output
    assert [item["provenance"] for item in listed["impersonation_registry_entries"]] == ["SNOOPY-GOOGLE_DIRECTORY"]
    assert "provenance" not in listed["entries"][0] and "directory_id" not in listed["entries"][0]
    assert refused["failed"] and "is synced from a directory (provenance SNOOPY-GOOGLE_DIRECTORY)" in refused["msg"]
    assert not_removed["failed"] and "nothing was changed" in not_removed["msg"]
    assert [request["method"] for request in fake.requests_seen()] == ["GET"] * 3


# list module: (path, three entries, the second changed, an entry of the account the task does not list)
LISTS = {
    "trusted_domains": (
        [{"pattern": "a.example", "is_similarity": True, "is_recent": False}, {"pattern": "b.example", "is_similarity": False, "is_recent": True}],
        {"pattern": "B.example", "is_similarity": True},
        {"pattern": "stale.example", "is_regex": False, "is_similarity": True, "is_recent": True},
    ),
    "content_policies": (
        [{"name": "Wire", "pattern": "(?i)wire", "targets": ["BODY"]}, {"name": "Gift cards", "pattern": "(?i)gift ?cards?", "targets": ["BODY"]}],
        {"name": "gift cards", "enabled": False},
        {"name": "Stale", "pattern": "stale", "targets": ["SUBJECT"], "enabled": True},
    ),
}


@pytest.mark.parametrize("plural", sorted(LISTS))
def test_the_whole_list_in_one_task_with_and_without_purge(ansible, fake, plural):
    entries, changed, stale = LISTS[plural]
    resource = fake_api.RESOURCES[plural]
    fake.set_objects(ACCOUNT, plural, [fake_api.make_entry(resource, "00000000-0000-4000-8000-000000000009", stale)])
    module = "email_security_" + plural

    steps = [
        (module, {"entries": entries}),
        (module, {"entries": entries}),
        {"module": module, "args": {"entries": [entries[0], changed]}, "diff": True},
        (module, {"entries": [], "purge": True}),
        (module, {"entries": [entries[0], changed], "purge": True}),
    ]
    run, (created, unchanged, updated, refused, purged) = ansible.tasks(steps, env=ENV)
    assert run.returncode == 0, run.output
    assert len(created["created"]) == 2 and wire(fake, plural, during(fake, created)) == ["GET /", "POST /batch"]
    assert not unchanged["changed"] and wire(fake, plural, during(fake, unchanged)) == ["GET /"]

    assert len(updated["updated"]) == 1 and updated["created"] == [] and updated["removed"] == []
    assert "+++ after" in run.stdout
    batches = [request["body"] for request in fake.requests_seen("POST")]
    assert [(len(batch["deletes"]), len(batch["patches"]), len(batch["posts"])) for batch in batches] == [(0, 0, 2), (0, 1, 0), (1, 0, 0)]

    assert refused["failed"] and "allow_empty: true" in refused["msg"] and during(fake, refused) == []
    assert [item["id"] for item in purged["removed"]] == ["00000000-0000-4000-8000-000000000009"]
    assert len(fake.entries(ACCOUNT, plural)) == 2


@pytest.mark.parametrize(
    "plural, entry",
    [
        ("content_policies", lambda number: {"name": "Policy %04d" % number, "pattern": "(?i)word%04d" % number, "targets": ["BODY"]}),
    ],
    ids=["content_policies"],
)
def test_2500_entries_cost_one_list_read_and_one_batch_call_per_1000_changes(ansible, fake, plural, entry):
    entries = [entry(number) for number in range(2500)]
    _run, created = task(ansible, "email_security_" + plural, {"entries": entries})
    assert len(created["created"]) == 2500
    assert wire(fake, plural) == ["GET /"] + ["POST /batch"] * 3
    _run, again = task(ansible, "email_security_" + plural, {"entries": entries})
    assert not again["changed"] and wire(fake, plural)[4:] == ["GET /"] * 3


def test_the_whole_account_in_one_play_and_an_unchanged_run_costs_one_read_per_list(ansible, fake):
    play = os.path.join(REPO, "docs", "examples", "account_as_code.yml")
    first = ansible.playbook(play, env=ENV)
    assert first.returncode == 0, first.output
    assert recap(first)["changed"] == 8, first.stdout
    fake.requests.clear()
    second = ansible.playbook(play, env=ENV)
    assert second.returncode == 0, second.output
    assert recap(second)["changed"] == 0
    # The count docs/docsite/rst/guide_account_as_code.rst quotes.
    assert [request["method"] for request in fake.requests_seen()] == ["GET"] * 10
