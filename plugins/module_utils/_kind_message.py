# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The message action kind of module: release, move or reclassify the messages a task names, only where it changes something.

This file is private to the collection: its interface may change without notice.
Every message is read first (at most one read each). Release and move go in the API's multi-message calls; a
reclassification has no such call and is one request per message. Each answer must account for every message
sent: one it leaves out, or reports as failed, is listed in ``failed_messages`` with the reason, and the task fails.
No subject, address or content of a message appears in a warning or an error text: only ids.
"""

from __future__ import annotations

from typing import Any, Dict, List, Set

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import CloudflareApiError, describe, path_segment
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_message_info import message_ids, read_messages
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kit import Task, TaskError
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._message import FOLDERS, MESSAGE, RECLASSIFICATIONS
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import Record, parse_timestamp, utc_text
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource_api import ResourceApi

RETURNS = ("released", "moved", "reclassified", "unchecked_moves", "skipped_messages", "failed_messages")
ACTIONS = ("release", "move", "reclassify")
DONE = {"release": "released", "move": "moved", "reclassify": "reclassified"}


def argument_spec() -> Dict[str, Any]:
    return dict(
        ids=dict(type="list", elements="str", required=True),
        action=dict(type="str", required=True, choices=list(ACTIONS)),
        destination=dict(type="str", choices=list(FOLDERS)),
        disposition=dict(type="str", choices=list(RECLASSIFICATIONS)),
    )


def recipients_of(message: Record) -> Set[str]:
    """The message's recipients as its read shows them (in lower case), or an empty set when it shows none."""
    recipients = message.get("client_recipients")
    if not isinstance(recipients, list):
        return set()
    return set(address.lower() for address in recipients if isinstance(address, str))


def moved_before(current: Record) -> bool:
    """Whether a message (its canonical read) shows that it was moved before."""
    return "moved" in (current["delivery_status"] or []) or "MOVE" in (current["post_delivery_operations"] or [])


class MessageRun:
    def __init__(self, task: Task) -> None:
        self.task = task
        params = task.params
        self.action = params["action"]
        self.ids = message_ids(params["ids"])
        self.destination = params["destination"]
        self.disposition = params["disposition"]
        self.api = ResourceApi(task.client, task.account_id, MESSAGE)
        self.done: List[str] = []
        self.unchecked: List[str] = []
        self.skipped: List[Dict[str, str]] = []
        self.failed: List[Dict[str, str]] = []
        self.maybe_applied = False
        # The failure of the release or move call, in full (a rate limit says until when), for the task's message.
        self.call_failure = ""

    def skip(self, message_id: str, reason: str) -> None:
        self.skipped.append({"id": message_id, "reason": reason})

    def fail(self, message_id: str, reason: str) -> None:
        self.failed.append({"id": message_id, "reason": reason})

    # -- what needs doing

    def to_do(self, messages: Dict[str, Record]) -> List[str]:
        """The ids the action changes something for; the others are skipped, each with the reason."""
        if self.action == "reclassify":
            return self.to_reclassify(messages)
        todo = []
        for message_id, message in messages.items():
            current = MESSAGE.current(message)
            quarantined, moved = current["is_quarantined"], moved_before(current)
            if self.action == "release" and not quarantined:
                self.skip(message_id, "not quarantined: it was released already, or never quarantined")
            elif self.action == "move" and quarantined:
                self.skip(message_id, "quarantined, so in no mailbox: release it to move it")
            elif self.action == "move" and self.destination == "Inbox" and not moved:
                self.skip(message_id, "in the Inbox already: delivered there and never moved")
            else:
                if self.action == "move" and moved:
                    # Cloudflare shows that it was moved before, not to which folder: the move is sent again.
                    self.unchecked.append(message_id)
                todo.append(message_id)
        return todo

    def to_reclassify(self, messages: Dict[str, Record]) -> List[str]:
        """Every message but those the security team already submitted for this disposition (read from the submissions)."""
        currents = dict((message_id, MESSAGE.current(message)) for message_id, message in messages.items())
        scanned = [parse_timestamp(current["scanned_at"]) for current in currents.values()]
        known = [moment for moment in scanned if moment is not None]
        query: Dict[str, Any] = {"order": "requested_at", "direction": "asc", "requested_disposition": self.disposition, "type": "TEAM"}
        if known:
            query["start"] = utc_text(min(known))
        path = "/accounts/%s/email-security/submissions" % path_segment(self.task.account_id)
        try:
            # The filters narrow the list on the server; what they let through is checked here all the same.
            submitted = dict(
                (item.get("original_postfix_id"), item.get("submission_id"))
                for item in self.api.client.list(path, query, per_page=1000, key="submission_id", filtered=True)
                if item.get("requested_disposition") == self.disposition and str(item.get("type") or "").upper() == "TEAM"
            )
        except CloudflareApiError as error:
            raise self.task.api_failure(error, "reading the submissions, to tell which messages were reclassified already") from None
        todo = []
        for message_id, current in currents.items():
            postfix_id = current["postfix_id"]
            if postfix_id in submitted:
                self.skip(message_id, "reclassified as %s already (submission %s)" % (self.disposition, submitted[postfix_id]))
            else:
                todo.append(message_id)
        return todo

    # -- doing it

    def run(self) -> Dict[str, Any]:
        with self.task.lock(MESSAGE.path):
            messages, missing = read_messages(self.task, self.api, self.ids)
            for message_id in missing:
                self.fail(message_id, "Cloudflare has no message with this id")
            todo = self.to_do(messages)
            if self.task.check_mode:
                self.done = todo
            elif todo and self.action == "reclassify":
                self.reclassify(todo)
            elif todo:
                self.send(todo, messages)
        return self.result()

    def send(self, todo: List[str], messages: Dict[str, Record]) -> None:
        """One release or move call for the messages (a task names at most as many as one call takes)."""
        body: Dict[str, Any] = {"ids": todo}
        if self.action == "move":
            body["destination"] = self.destination
        path = "%s/%s" % (self.api.base, self.action)
        try:
            answer = self.api.client.post(path, body)
        except CloudflareApiError as error:
            self.maybe_applied = error.may_have_applied
            self.call_failure = self.task.api_failure(error, "sending the %s call" % self.action).msg
            said = error.api_errors_text() or error.message
            if error.may_have_applied:
                reason = "the answer was lost or a server error, so it may have been %s: %s" % (DONE[self.action], said)
            else:
                reason = "Cloudflare refused the call: %s" % said
            for message_id in todo:
                self.fail(message_id, reason)
            return
        if not isinstance(answer, list):
            for message_id in todo:
                self.fail(message_id, "Cloudflare answered with %s instead of a list: not known to be %s" % (describe(answer), DONE[self.action]))
            self.maybe_applied = True
            return
        if self.action == "release":
            self.account_releases(todo, answer, messages)
        else:
            self.account_moves(todo, answer, messages)

    def left_out(self, message_id: str) -> None:
        """A message the answer to an accepted call does not account for: Cloudflare may have acted on it all the same."""
        self.fail(message_id, "left out of Cloudflare's answer, so it may or may not have been %s: run the task again to see" % DONE[self.action])
        self.maybe_applied = True

    def account_releases(self, todo: List[str], answer: List[Any], messages: Dict[str, Record]) -> None:
        """Released means delivered to every recipient the message has (its read shows them)."""
        by_id = dict((str(item.get("id")), item) for item in answer if isinstance(item, dict))
        for message_id in todo:
            item = by_id.get(message_id)
            if item is None:
                self.left_out(message_id)
                continue
            lists: Dict[str, Any] = dict((name, item.get(name) if item.get(name) is not None else []) for name in ("delivered", "failed", "undelivered"))
            odd = [name for name, value in lists.items() if not isinstance(value, list) or not all(isinstance(one, str) for one in value)]
            if odd:
                self.fail(
                    message_id,
                    "Cloudflare's answer for it does not fit the contract (%s not a list of addresses), so it may or may not have been released"
                    % ", ".join(odd),
                )
                self.maybe_applied = True
                continue
            delivered = set(address.lower() for address in lists["delivered"])
            recipients = recipients_of(messages[message_id]) or delivered | set(address.lower() for address in lists["failed"] + lists["undelivered"])
            if not delivered or not recipients <= delivered:
                self.fail(message_id, "Cloudflare delivered it to %d of its %d recipients" % (len(recipients & delivered), len(recipients)))
                self.maybe_applied = self.maybe_applied or bool(delivered)
            else:
                self.done.append(message_id)

    def account_moves(self, todo: List[str], answer: List[Any], messages: Dict[str, Record]) -> None:
        """Match the answer's rows (one per recipient) with the messages: by investigate id, postfix id or Message-ID.

        Moved means a successful row to the destination asked for, for every recipient the message has.
        """
        rows: Dict[str, List[Record]] = dict((message_id, []) for message_id in todo)
        names: Dict[str, str] = {}
        for message_id in todo:
            current = MESSAGE.current(messages[message_id])
            for name in (message_id, current["postfix_id"], current["message_id"]):
                if name:
                    names.setdefault(str(name), message_id)
        for row in answer:
            owner = names.get(str(row.get("message_id"))) if isinstance(row, dict) else None
            if owner is not None:
                rows[owner].append(row)
        for message_id in todo:
            if not rows[message_id]:
                self.left_out(message_id)
                continue
            moved = set(
                str(row.get("recipient")).lower() for row in rows[message_id] if row.get("success") is True and row.get("destination") == self.destination
            )
            recipients = recipients_of(messages[message_id]) or set(str(row.get("recipient")).lower() for row in rows[message_id])
            if not recipients <= moved:
                said = sorted(
                    set(
                        str(row.get("status")) if row.get("success") is not True else "moved to %s" % row.get("destination")
                        for row in rows[message_id]
                        if not (row.get("success") is True and row.get("destination") == self.destination)
                    )
                )
                reason = "moved to %s for %d of its %d recipients" % (self.destination, len(recipients & moved), len(recipients))
                self.fail(message_id, reason + ("; Cloudflare said: %s" % "; ".join(said) if said else ""))
                self.maybe_applied = self.maybe_applied or bool(moved)
            else:
                self.done.append(message_id)

    def reclassify(self, todo: List[str]) -> None:
        for message_id in todo:
            path = "%s/%s/reclassify" % (self.api.base, path_segment(message_id))
            try:
                self.api.client.post(path, {"expected_disposition": self.disposition})
            except CloudflareApiError as error:
                self.maybe_applied = self.maybe_applied or error.may_have_applied
                self.fail(message_id, (error.api_errors_text() or error.message) + ("; it may have been reclassified" if error.may_have_applied else ""))
                continue
            self.done.append(message_id)

    def result(self) -> Dict[str, Any]:
        result: Dict[str, Any] = dict((name, []) for name in DONE.values())
        result[DONE[self.action]] = self.done
        result.update(
            changed=bool(self.done) or self.maybe_applied,
            unchecked_moves=[message_id for message_id in self.unchecked if message_id in self.done],
            skipped_messages=self.skipped,
            failed_messages=self.failed,
        )
        if self.maybe_applied:
            result["maybe_applied"] = True
        if self.failed:
            raise TaskError(self.summary(), **result)
        return result

    def summary(self) -> str:
        ids = ", ".join(item["id"] for item in self.failed[:20]) + (", ..." if len(self.failed) > 20 else "")
        text = "Could not %s %d of the %d messages (%s); %d were %s and %d skipped: see failed_messages for Cloudflare's reasons" % (
            self.action,
            len(self.failed),
            len(self.ids),
            ids,
            len(self.done),
            DONE[self.action],
            len(self.skipped),
        )
        if self.maybe_applied:
            text += ". Cloudflare may have %s some of them all the same (maybe_applied): run the task again to see where they stand" % DONE[self.action]
        return text + (". %s" % self.call_failure if self.call_failure else "")


def run_message_module() -> None:
    task = Task(
        argument_spec(),
        required_if=[("action", "move", ["destination"]), ("action", "reclassify", ["disposition"])],
    )

    def flow() -> Dict[str, Any]:
        params = task.params
        if params["destination"] is not None and params["action"] != "move":
            raise TaskError("destination is only for action=move, not %s" % params["action"])
        if params["disposition"] is not None and params["action"] != "reclassify":
            raise TaskError("disposition is only for action=reclassify, not %s" % params["action"])
        return MessageRun(task).run()

    task.run(flow)
