# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Sending many writes in batch calls, and saying truthfully what each call did.

This file is private to the collection: its interface may change without notice.
Every answer must account for every removal, change and creation that was sent: what it leaves out is counted
as not applied, and nothing more is sent. A call that fails applied nothing if the resource's batch is atomic
and Cloudflare refused it; otherwise it may have applied some of it.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import CloudflareApiError
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import Record, Resource
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource_api import BATCH_SIZE, ResourceApi

KINDS = ("deletes", "patches", "posts")


class BatchOutcome:
    """What the batch calls did, each part by kind of operation (``deletes``, ``patches``, ``posts``).

    ``done``: applied, as Cloudflare answered them. ``maybe``: in a call that failed but may have been applied in
    part. ``refused``: in a call Cloudflare refused whose batch is atomic, so nothing of it was applied.
    ``left_out``: sent, but missing from the answer: counted as not applied. ``not_sent``: after a call that
    failed or did not add up, nothing more is sent.
    """

    def __init__(self) -> None:
        self.done: Dict[str, List[Record]] = _parts()
        self.maybe: Dict[str, List[Record]] = _parts()
        self.refused: Dict[str, List[Record]] = _parts()
        self.left_out: Dict[str, List[Record]] = _parts()
        self.not_sent: Dict[str, List[Record]] = _parts()
        self.error: Optional[CloudflareApiError] = None
        # Why an answer did not add up, or "".
        self.unaccounted = ""
        self.mismatches: List[str] = []

    @property
    def failed(self) -> bool:
        return self.error is not None or bool(self.unaccounted)

    @property
    def not_applied(self) -> Dict[str, List[Record]]:
        return dict((kind, self.refused[kind] + self.left_out[kind] + self.not_sent[kind]) for kind in KINDS)

    @staticmethod
    def count(part: Dict[str, List[Record]]) -> int:
        return sum(len(items) for items in part.values())


def _parts() -> Dict[str, List[Record]]:
    return dict((kind, []) for kind in KINDS)


def send_batches(api: ResourceApi, deletes: List[Record], patches: List[Record], posts: List[Record]) -> BatchOutcome:
    """Send the operations in calls of at most BATCH_SIZE of each kind; stop at the first call that fails or does not add up.

    ``deletes`` are the objects to remove (as the API reported them), ``patches`` ``{"id": ..., field: value}``,
    ``posts`` the bodies of the objects to create (canonical, as the model builds them).
    """
    outcome = BatchOutcome()
    wanted = dict(deletes=deletes, patches=patches, posts=posts)
    calls = max(len(deletes), len(patches), len(posts))
    for start in range(0, calls, BATCH_SIZE):
        end = start + BATCH_SIZE
        chunk = dict((kind, wanted[kind][start:end]) for kind in KINDS)
        if outcome.failed:
            _add(outcome.not_sent, chunk)
            continue
        try:
            answer = api.batch([str(item["id"]) for item in chunk["deletes"]], chunk["patches"], chunk["posts"])
        except CloudflareApiError as error:
            outcome.error = error
            refused = api.resource.atomic_batch and error.status is not None and not error.may_have_applied
            _add(outcome.refused if refused else outcome.maybe, chunk)
            continue
        _account(api.resource, chunk, answer, outcome)
    return outcome


def _add(part: Dict[str, List[Record]], chunk: Dict[str, List[Record]]) -> None:
    for kind in KINDS:
        part[kind] += chunk[kind]


def _account(resource: Resource, chunk: Dict[str, List[Record]], answer: Dict[str, List[Record]], outcome: BatchOutcome) -> None:
    """Match an answer with what was sent: done, or left out (not applied); an answer about other objects is an error."""
    left_out: List[str] = []
    answered_ids = set(resource.id.from_api(item["id"]) for item in answer["deletes"])
    for item in chunk["deletes"]:
        (outcome.done if resource.id.from_api(item["id"]) in answered_ids else outcome.left_out)["deletes"].append(item)
        if resource.id.from_api(item["id"]) not in answered_ids:
            left_out.append("the removal of %s" % item["id"])
    updated = dict((resource.id.from_api(item["id"]), item) for item in answer["patches"])
    for patch in chunk["patches"]:
        answered = updated.pop(resource.id.from_api(patch["id"]), None)
        if answered is None:
            outcome.left_out["patches"].append(patch)
            left_out.append("the change of %s" % patch["id"])
            continue
        outcome.done["patches"].append(answered)
        sent = dict((name, value) for name, value in patch.items() if name != "id")
        outcome.mismatches += _mismatches(resource, "%s %s" % (resource.title, patch["id"]), resource.reported_differently(sent, answered))
    created: Dict[Tuple[Any, ...], List[Record]] = {}
    for item in answer["posts"]:
        created.setdefault(resource.key_of(resource.current(item)), []).append(item)
    for body in chunk["posts"]:
        key = resource.key_of(resource.normalise(dict(body)))
        matches = created.get(key) or []
        if not matches:
            outcome.left_out["posts"].append(body)
            left_out.append("the creation of %s" % resource.describe_key(key))
            continue
        answered = matches.pop(0)
        outcome.done["posts"].append(answered)
        outcome.mismatches += _mismatches(resource, "%s %s" % (resource.title, answered["id"]), resource.reported_differently(body, answered))
    sent_deletes = set(resource.id.from_api(item["id"]) for item in chunk["deletes"])
    strangers = [str(item["id"]) for item in answer["deletes"] if resource.id.from_api(item["id"]) not in sent_deletes]
    strangers += [str(item["id"]) for item in updated.values()] + [str(item["id"]) for items in created.values() for item in items]
    if strangers:
        outcome.unaccounted = "the answer to a batch call names %s it was not asked about (%s)" % (resource.plural_title, ", ".join(strangers[:10]))
    elif left_out:
        outcome.unaccounted = "Cloudflare answered a batch call without accounting for %d of its operations (%s%s); they are counted as not applied" % (
            len(left_out),
            ", ".join(left_out[:10]),
            ", ..." if len(left_out) > 10 else "",
        )


def _mismatches(resource: Resource, label: str, differences: List[Tuple[str, Any, Any]]) -> List[str]:
    return ["%s: Cloudflare accepted the change of %s but reports %r instead of %r" % (label, name, reported, sent) for name, reported, sent in differences]
