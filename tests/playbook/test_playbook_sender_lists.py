# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Allow policies and blocked senders through real ansible-playbook runs of the built collection against the fake API."""

from __future__ import annotations

import os

import pytest
import yaml
from harness import REPO, during, fake_api, recap, refusals

ACCOUNT = fake_api.DEMO_ACCOUNT_ID
ENV = {"CLOUDFLARE_API_TOKEN": fake_api.DEMO_TOKEN, "CLOUDFLARE_ACCOUNT_ID": ACCOUNT}
# kind, plural, id option, the fields a create sends besides the pattern and comments
RESOURCES = {
    "allow_policy": (
        "allow_policies",
        "policy_id",
        {"is_acceptable_sender": False, "is_exempt_recipient": False, "is_trusted_sender": False, "verify_sender": True},
    ),
    "block_sender": ("block_senders", "pattern_id", {}),
}


def wire(fake, plural, requests=None):
    """The requests seen (or ``requests``), as 'METHOD path' relative to the resource's endpoint."""
    prefix = "/accounts/%s/email-security/settings/%s" % (ACCOUNT, plural)
    seen = fake.requests_seen() if requests is None else requests
    return ["%s %s" % (request["method"], request["path"].replace(prefix, "") or "/") for request in seen]


def stored(fake, plural):
    return sorted((entry["pattern_type"], entry["pattern"], entry.get("comments")) for entry in fake.entries(ACCOUNT, plural).values())


def entry(number, pattern_type="DOMAIN", **fields):
    """A stored entry as the API holds it, with a recognisable id."""
    resource = fake_api.RESOURCES[fields.pop("plural", "allow_policies")]
    pattern = {"DOMAIN": "sender%04d.example" % number, "EMAIL": "user%04d@example.com" % number, "IP": "203.0.%d.%d" % (number // 256, number % 256)}
    body = {"pattern_type": pattern_type, "pattern": pattern[pattern_type], "is_regex": False, "comments": None}
    body.update(fields)
    made = fake_api.make_entry(resource, "00000000-0000-4000-8000-%012d" % number, body)
    made["created_at"] = "2026-01-01T00:00:00.%06dZ" % number
    return made


def task(ansible, module, args, *flags):
    completed, outcome = ansible.task(module, dict(args), *flags, env=ENV)
    assert completed.returncode == 0, completed.output
    return completed, outcome


@pytest.mark.parametrize("kind", sorted(RESOURCES))
def test_one_entry_created_found_again_changed_and_removed(ansible, fake, kind):
    """The life of one entry, one task per step, in one play (each step's requests told apart by when they came)."""
    plural, id_option, defaults = RESOURCES[kind]
    module = "email_security_" + kind
    wanted = {"pattern_type": "EMAIL", "pattern": "Billing@Vendor.Example", "comments": "CHG-1"}
    steps = [
        {"module": module, "args": wanted, "check_mode": True, "diff": True},
        {"module": module, "args": wanted, "register": "created"},
        # The same pattern in another case is the same entry: one request, no write.
        {"module": module, "args": dict(wanted, pattern="billing@VENDOR.example")},
        {"module": module, "args": {id_option: "{{ created.%s.id }}" % kind, "comments": "CHG-2"}, "diff": True},
        {"module": module, "args": dict(wanted, state="absent"), "check_mode": True},
        {"module": module, "args": dict(wanted, state="absent")},
        {"module": module, "args": dict(wanted, state="absent")},
    ]
    run, (checked, created, again, updated, removed_check, removed, gone) = ansible.tasks(steps, env=ENV)
    assert run.returncode == 0, run.output
    steps_wire = [
        ["%s %s" % (request["method"], request["path"].rsplit(plural, 1)[1] or "/") for request in during(fake, step)]
        for step in (checked, created, again, updated, removed_check, removed, gone)
    ]
    entry_id = created[kind]["id"]
    assert checked["changed"] and not checked.get("failed") and steps_wire[0] == ["GET /"]
    assert created["changed"] and steps_wire[1] == ["GET /", "POST /"]
    body = dict(defaults, pattern_type="EMAIL", pattern="billing@vendor.example", comments="CHG-1", is_regex=False)
    assert fake.requests_seen("POST")[0]["body"] == body
    assert not again["changed"] and steps_wire[2] == ["GET /"]
    assert updated["changed"] and steps_wire[3] == ["GET /%s" % entry_id, "PATCH /%s" % entry_id]
    assert fake.requests_seen("PATCH")[0]["body"] == {"comments": "CHG-2"}
    assert '-    "comments": "CHG-1"' in run.stdout and '+    "comments": "CHG-2"' in run.stdout, run.stdout
    assert removed_check["changed"] and steps_wire[4] == ["GET /"]
    assert removed["changed"] and steps_wire[5] == ["GET /", "DELETE /%s" % entry_id]
    assert not gone["changed"] and stored(fake, plural) == []
    assert [request["method"] for request in fake.requests_seen()].count("DELETE") == 1


def test_two_entries_with_one_pattern_fail_and_name_their_ids_unless_an_id_chooses(ansible, fake):
    twins = [entry(1, "EMAIL", pattern="Dup@Example.com"), entry(2, "EMAIL", pattern="dup@example.COM")]
    fake.set_objects(ACCOUNT, "allow_policies", twins)
    _run, outcome = task(ansible, "email_security_allow_policy", {"pattern_type": "EMAIL", "pattern": "dup@example.com", "comments": "x"})
    assert outcome["failed"]
    assert "2 Email Security allow policies of account %s match" % ACCOUNT in outcome["msg"]
    assert "(ids: %s, %s); set policy_id to choose one" % (twins[0]["id"], twins[1]["id"]) in outcome["msg"]
    assert wire(fake, "allow_policies") == ["GET /"]
    _run, chosen = task(ansible, "email_security_allow_policy", {"policy_id": twins[1]["id"], "comments": "x"})
    assert chosen["changed"] and fake.entries(ACCOUNT, "allow_policies")[twins[1]["id"]]["comments"] == "x"


REFUSED = {
    "retired flag": (
        "email_security_allow_policy",
        {"pattern_type": "DOMAIN", "pattern": "x.example", "is_sender": True},
        "is_sender is past its end of life and Cloudflare no longer accepts it; use is_trusted_sender instead",
    ),
    "mapped private address": (
        "email_security_allow_policy",
        {"pattern_type": "IP", "pattern": "::ffff:192.168.1.1"},
        "IP patterns may not cover private, unique-local, loopback, link-local",
    ),
    "bad address": (
        "email_security_allow_policy",
        {"pattern_type": "EMAIL", "pattern": "not an address"},
        "pattern must be an e-mail address such as user@example.com for pattern_type EMAIL",
    ),
    "list entry with an unknown option": (
        "email_security_allow_policies",
        {"entries": [{"pattern_type": "DOMAIN", "pattern": "x.example", "is_acceptable": True}]},
        "entries[0]: unsupported option is_acceptable; an entry takes comments, is_acceptable_sender, ",
    ),
    "list entry without its key": (
        "email_security_block_senders",
        {"entries": [{"pattern_type": "DOMAIN", "pattern": "x.example"}, {"pattern": "y.example"}]},
        "Nothing was changed: entries[1]: pattern_type is required",
    ),
    "list entry outside the choices": (
        "email_security_block_senders",
        {"entries": [{"pattern_type": "HOST", "pattern": "x.example"}]},
        "entries[0]: pattern_type must be one of EMAIL, DOMAIN, IP, UNKNOWN, got 'HOST'",
    ),
    "list entry of the wrong type": (
        "email_security_allow_policies",
        {"entries": [{"pattern_type": "DOMAIN", "pattern": "x.example", "is_regex": "perhaps"}]},
        "entries[0]: is_regex is 'perhaps', which is not a boolean (true or false)",
    ),
}


def test_what_the_api_refuses_is_refused_before_any_request(ansible, fake):
    _run, outcomes = ansible.tasks([(module, args) for module, args, _text in REFUSED.values()], env=ENV)
    assert refusals(REFUSED, outcomes) == []
    assert fake.requests_seen() == []


def test_list_entries_are_converted_as_ansible_converts_options_and_echoed_as_given(ansible, fake):
    given = {"pattern_type": "DOMAIN", "pattern": "partner.example", "is_acceptable_sender": "yes", "comments": 42}
    _run, outcome = task(ansible, "email_security_allow_policies", {"entries": [given]})
    assert outcome["changed"]
    (created,) = fake.entries(ACCOUNT, "allow_policies").values()
    assert created["is_acceptable_sender"] is True and created["comments"] == "42"
    # Only what the task set: Ansible's suboptions would echo every unset option of every entry as null.
    assert outcome["invocation"]["module_args"]["entries"] == [given]


def test_a_trusted_sender_without_verification_is_created_with_a_warning(ansible, fake):
    run, outcome = task(
        ansible, "email_security_allow_policy", {"pattern_type": "DOMAIN", "pattern": "partner.example", "is_trusted_sender": True, "verify_sender": False}
    )
    assert outcome["changed"]
    assert "without verify_sender: anyone can spoof that sender" in run.output


@pytest.mark.parametrize("kind", sorted(RESOURCES))
def test_the_whole_list_in_one_task_with_and_without_purge(ansible, fake, kind):
    plural = RESOURCES[kind][0]
    module = "email_security_" + plural
    keep, change, extra = entry(1, plural=plural), entry(2, "EMAIL", plural=plural, comments="old"), entry(3, "IP", plural=plural)
    fake.set_objects(ACCOUNT, plural, [keep, change, extra])
    entries = [
        {"pattern_type": "DOMAIN", "pattern": keep["pattern"].upper()},
        {"pattern_type": "EMAIL", "pattern": change["pattern"], "comments": "new"},
        {"pattern_type": "IP", "pattern": "2606:4700:4700::1111"},
    ]

    steps = [
        {"module": module, "args": {"entries": entries}, "check_mode": True, "diff": True},
        (module, {"entries": entries}),
        (module, {"entries": entries}),
        (module, {"entries": entries, "purge": True}),
        # An empty list with purge would wipe the account: refused unless allow_empty says so.
        (module, {"entries": [], "purge": True}),
        (module, {"entries": [], "purge": True, "allow_empty": True}),
    ]
    run, (checked, applied, unchanged, purged, refused, emptied) = ansible.tasks(steps, env=ENV)
    assert run.returncode == 0, run.output

    assert checked["changed"] and wire(fake, plural, during(fake, checked)) == ["GET /"]
    assert '-    "comments": "old",' in run.stdout and '+    "comments": "new",' in run.stdout
    assert '+    "pattern": "2606:4700:4700::1111",' in run.stdout

    assert applied["changed"] and wire(fake, plural, during(fake, applied)) == ["GET /", "POST /batch"]
    batch = fake.requests_seen("POST")[0]["body"]
    assert batch["deletes"] == [] and batch["patches"] == [{"id": change["id"], "comments": "new"}]
    assert [post["pattern"] for post in batch["posts"]] == ["2606:4700:4700::1111"]
    assert not unchanged["changed"] and wire(fake, plural, during(fake, unchanged)) == ["GET /"]

    assert purged["changed"] and [item["id"] for item in purged["removed"]] == [extra["id"]]
    assert fake.requests_seen("POST")[1]["body"]["deletes"] == [{"id": extra["id"]}]

    assert refused["failed"] and "also set allow_empty: true" in refused["msg"] and during(fake, refused) == []
    assert emptied["changed"] and stored(fake, plural) == []
    assert [len(request["body"]["deletes"]) for request in fake.requests_seen("POST")] == [0, 1, 3]


def test_two_entries_with_one_pattern_in_the_task_fail_before_any_request(ansible, fake):
    entries = [
        {"pattern_type": "DOMAIN", "pattern": "a.example"},
        {"pattern_type": "DOMAIN", "pattern": "A.example."},
        {"pattern_type": "IP", "pattern": "10.1.2.3"},
    ]
    _run, outcome = task(ansible, "email_security_block_senders", {"entries": entries})
    assert outcome["failed"] and outcome["msg"].startswith("Nothing was changed: entries[1]: ")
    assert "entries[2]: pattern '10.1.2.3' is refused by Cloudflare" in outcome["msg"]
    assert fake.requests_seen() == []


def many(count):
    return [{"pattern_type": "DOMAIN", "pattern": "sender%04d.example" % number, "comments": "batch"} for number in range(count)]


def test_2500_entries_cost_one_list_read_and_one_batch_call_per_1000_changes(ansible, fake):
    _run, created = task(ansible, "email_security_allow_policies", {"entries": many(2500)})
    assert created["changed"] and len(created["created"]) == 2500
    assert wire(fake, "allow_policies") == ["GET /", "POST /batch", "POST /batch", "POST /batch"]
    assert [len(request["body"]["posts"]) for request in fake.requests_seen("POST")] == [1000, 1000, 500]

    _run, again = task(ansible, "email_security_allow_policies", {"entries": many(2500)})
    assert not again["changed"] and wire(fake, "allow_policies")[4:] == ["GET /"] * 3

    changed = [dict(item, comments="reviewed") if number % 2 else item for number, item in enumerate(many(2500))]
    _run, updated = task(ansible, "email_security_allow_policies", {"entries": changed})
    assert len(updated["updated"]) == 1250
    assert wire(fake, "allow_policies")[7:] == ["GET /"] * 3 + ["POST /batch"] * 2


def test_a_batch_that_fails_after_others_succeeded_is_reported_as_partly_applied(ansible, fake):
    fake.add_fault({"method": "POST", "path_contains": "/batch", "status": 500, "after": 1})
    _run, outcome = task(ansible, "email_security_allow_policies", {"entries": many(2500)})
    assert outcome["failed"] and outcome["changed"]
    assert (outcome["applied"], outcome["maybe_applied"], outcome["not_applied"]) == (1000, 1000, 500)
    assert "1000 of 2500 changes were applied, as Cloudflare's answers show; 1000 were in the failed call" in outcome["msg"]
    assert "[1500] Injected failure" in outcome["msg"]
    # A batch that creates is not sent twice: a lost answer must not create twice.
    assert wire(fake, "allow_policies") == ["GET /", "POST /batch", "POST /batch"]
    assert len(fake.entries(ACCOUNT, "allow_policies")) == 1000


@pytest.mark.every_release
def test_an_exported_list_applies_back_unchanged(ansible, fake):
    seeded = [entry(1), entry(2, "EMAIL", comments="note"), entry(3, "IP"), entry(4, "DOMAIN", is_trusted_sender=True, verify_sender=True)]
    seeded.append(entry(5, "DOMAIN", pattern=r"^mail[0-9]+\.Example\.com$", is_regex=True))
    fake.set_objects(ACCOUNT, "allow_policies", seeded)
    result = ansible.playbook("sender_lists_export.yml", env=ENV)
    assert result.returncode == 0, result.output
    assert recap(result)["changed"] == 0
    # info (one read), the list module (one read, nothing to write)
    assert wire(fake, "allow_policies") == ["GET /", "GET /"]


def test_info_reads_old_entries_with_the_deprecated_type_and_flags(ansible, fake):
    old = dict(entry(1), pattern_type="UNKNOWN", pattern="legacy", is_sender=True)
    fake.set_objects(ACCOUNT, "allow_policies", [old, entry(2)])
    _run, everything = task(ansible, "email_security_allow_policy_info", {})
    assert [item["id"] for item in everything["allow_policies"]] == [old["id"], entry(2)["id"]]
    assert everything["entries"][0]["pattern_type"] == "UNKNOWN" and "is_sender" not in everything["entries"][0]
    _run, filtered = task(ansible, "email_security_allow_policy_info", {"pattern_type": "UNKNOWN"})
    assert [item["id"] for item in filtered["allow_policies"]] == [old["id"]]
    assert fake.requests_seen()[-1]["query"]["pattern_type"] == ["UNKNOWN"]
    _run, by_id = task(ansible, "email_security_allow_policy_info", {"policy_id": old["id"]})
    assert by_id["allow_policies"] == [everything["allow_policies"][0]]


def test_the_guide_exports_reviews_and_applies_the_lists(ansible, fake, tmp_path):
    fake.set_objects(ACCOUNT, "allow_policies", [entry(1, is_trusted_sender=True, verify_sender=True, comments="partner")])
    fake.set_objects(ACCOUNT, "block_senders", [entry(2, "EMAIL", plural="block_senders")])
    lists_file = str(tmp_path / "sender_lists.yml")
    examples = os.path.join(REPO, "docs", "examples")
    exported = ansible.playbook(os.path.join(examples, "sender_lists_export.yml"), "-e", "sender_lists_file=" + lists_file, env=ENV)
    assert exported.returncode == 0, exported.output
    with open(lists_file) as handle:
        lists = yaml.safe_load(handle)
    assert lists["blocked_senders"] == [{"pattern_type": "EMAIL", "pattern": "user0002@example.com", "is_regex": False}]

    def apply(*args):
        result = ansible.playbook(os.path.join(examples, "sender_lists_apply.yml"), "-e", "@" + lists_file, *args, env=ENV)
        assert result.returncode == 0, result.output
        return result

    assert recap(apply("--check", "--diff"))["changed"] == 0
    lists["blocked_senders"].append({"pattern_type": "DOMAIN", "pattern": "phish.example"})
    with open(lists_file, "w") as handle:
        yaml.safe_dump(lists, handle)
    reviewed = apply("--check", "--diff")
    assert recap(reviewed)["changed"] == 1 and len(fake.entries(ACCOUNT, "block_senders")) == 1
    assert '+++ after: pattern_type="DOMAIN", pattern="phish.example", is_regex=false' in reviewed.stdout, reviewed.stdout
    assert '+    "pattern": "phish.example",' in reviewed.stdout
    assert recap(apply())["changed"] == 1 and len(fake.entries(ACCOUNT, "block_senders")) == 2
    assert recap(apply())["changed"] == 0
