# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What every kind of module shares: one run of a module, and the one place where it ends.

This file is private to the collection: its interface may change without notice.
A kind (``_kind_entry.py``, ``_kind_info.py``, ...) builds a :class:`Task` from its argument spec and runs
its flow with :meth:`Task.run`. The flow raises :class:`TaskError` (or lets an API error through) wherever it
stops; ``run`` turns that into the task's failure, with every credential redacted, in keys too.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import time
from contextlib import contextmanager
from typing import Any, Callable, Dict, Iterator, List, Optional

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.parameters import DEFAULT_TYPE_VALIDATORS

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import CloudflareApiError, CloudflareClient
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._connection import (
    api_error_message,
    client_from_module,
    connection_argument_spec,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import InvalidValue

try:
    import fcntl

    HAS_FCNTL = True
except ImportError:  # not on Windows, where the modules do not run anyway
    HAS_FCNTL = False

# How many entries one warning names before it only counts the rest.
WARNING_ENTRIES = 10
# How long a run waits for another run of this controller that writes the same resource of the same account.
LOCK_WAIT = 600.0


class TaskError(Exception):
    """Ends the task as failed: its message, and what goes into the result (what was already changed, say)."""

    def __init__(self, msg: str, **result: Any) -> None:
        super().__init__(msg)
        self.msg = msg
        self.result = result


class Task:
    """One run of a module: its options, the API client, and the one place that ends the run."""

    def __init__(self, argument_spec: Dict[str, Any], **constraints: Any) -> None:
        spec = connection_argument_spec()
        spec.update(argument_spec)
        self.module = AnsibleModule(argument_spec=spec, supports_check_mode=True, **constraints)
        self.params = self.module.params
        self.check_mode = bool(self.module.check_mode)
        self.diff_mode = bool(self.module._diff)
        self._client: Optional[CloudflareClient] = None

    @property
    def client(self) -> CloudflareClient:
        """The API client; building it checks the connection options, failing the task before any request."""
        if self._client is None:
            self._client = client_from_module(self.module)
        return self._client

    @property
    def account_id(self) -> str:
        # Building the client checks account_id and puts it in its canonical form.
        self.client  # noqa: B018  pylint: disable=pointless-statement
        return self.params["account_id"]

    def warn(self, text: str) -> None:
        self.module.warn(self._redacted(text))

    def warn_all(self, warnings: List[str]) -> None:
        for warning in warnings[:WARNING_ENTRIES]:
            self.warn(warning)
        if len(warnings) > WARNING_ENTRIES:
            self.warn("%d more entries deserve the same warning as the ones above" % (len(warnings) - WARNING_ENTRIES))

    def api_failure(self, error: CloudflareApiError, action: str, not_found: Optional[str] = None, **result: Any) -> TaskError:
        """The failure for an API error met while doing ``action``; ``result`` joins the task's result."""
        msg = api_error_message(error, action, self.params["account_id"], not_found, self.client.credentials_origin)
        return TaskError(msg, status=error.status, api_errors=error.errors, cf_ray=error.ray_id, **result)

    def write_failure(self, error: CloudflareApiError, action: str, not_found: Optional[str] = None, **result: Any) -> TaskError:
        """The failure of one write; when Cloudflare may have applied it all the same, the result says so."""
        failure = self.api_failure(error, action, not_found, **result)
        if error.may_have_applied:
            failure.msg += (
                " The request was sent but no complete answer came back (or Cloudflare answered with a server error), so the change"
                " may have been applied: run the task again to see where it stands."
            )
            failure.result.update(changed=True, maybe_applied=True)
        return failure

    @contextmanager
    def lock(self, what: str) -> Iterator[None]:
        """Serialise the runs of this controller that write ``what`` (a resource's path) in this account.

        Five forks running the same task (``delegate_to: localhost`` without ``run_once``) would each read the
        list before the others wrote, and create every entry five times. Check mode writes nothing: no lock.
        """
        if self.check_mode or not HAS_FCNTL:
            yield
            return
        folder = os.path.join(tempfile.gettempdir(), "cloudflare_community.email_security-%d" % os.getuid())
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
            self.warn("Concurrent runs of this task on this controller are not serialised: %s is not a private folder of this user" % folder)
            yield
            return
        name = hashlib.sha256("\n".join((self.client.base_url, self.account_id, what)).encode()).hexdigest()[:32]
        handle = os.open(os.path.join(folder, name + ".lock"), os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            deadline = time.monotonic() + LOCK_WAIT
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise TaskError(
                            "Another task on this controller has been changing the same Email Security settings of account %s for more than"
                            " %d seconds; nothing was changed" % (self.account_id, LOCK_WAIT)
                        ) from None
                    time.sleep(0.05)
            yield
        finally:
            os.close(handle)

    def run(self, flow: Callable[[], Dict[str, Any]]) -> None:
        """Run the module's flow and end the task with its result, or with the failure it raised."""
        try:
            result = flow()
        except InvalidValue as exc:
            self.fail(TaskError(str(exc)))
        except TaskError as failure:
            self.fail(failure)
        except CloudflareApiError as error:
            self.fail(self.api_failure(error, "talking to Cloudflare"))
        self.module.exit_json(**self._safe(result))

    def fail(self, failure: TaskError) -> None:
        result = dict(failure.result)
        result.setdefault("changed", False)
        self.module.fail_json(msg=self._redacted(failure.msg), **self._safe(result))

    def _redacted(self, value: Any) -> Any:
        return self._client.redact(value) if self._client is not None else value

    def _safe(self, result: Dict[str, Any]) -> Dict[str, Any]:
        """``result`` with every form of a credential replaced, in keys too (Ansible masks only values).

        The invocation is given with its keys masked the same way; Ansible still masks its values.
        """
        safe = self._redacted(result)
        safe["invocation"] = {"module_args": self._redacted(dict(self.params))}
        return safe


def entry_params(entry: Dict[str, Any], options: Dict[str, Dict[str, Any]]) -> Dict[str, Any]:
    """One element of a list of dicts, checked and converted as Ansible does a suboption: every option set (None: unset).

    The list modules check their entries here instead of declaring them as suboptions in the argument spec: for
    1,000 entries, Ansible's validator of suboptions took a third of the task, and the result echoed every unset
    option of every entry back to the controller. Raises InvalidValue naming the option.
    """
    unknown = sorted(str(name) for name in entry if name not in options)
    if unknown:
        raise InvalidValue("unsupported option%s %s; an entry takes %s" % ("s" if len(unknown) > 1 else "", ", ".join(unknown), ", ".join(sorted(options))))
    params: Dict[str, Any] = {}
    for name, spec in options.items():
        value = entry.get(name)
        if value is None:
            if spec.get("required"):
                raise InvalidValue("%s is required" % name)
        else:
            value = _converted(name, value, spec)
        params[name] = value
    return params


# The option types the declarations use, as an error names them.
_TYPE_NAMES = {"str": "string", "bool": "boolean (true or false)", "int": "whole number", "list": "list"}


def _converted(name: str, value: Any, spec: Dict[str, Any]) -> Any:
    """``value`` in the option's type, as Ansible converts it (``"yes"`` is true, ``1`` is ``"1"``), and in its choices."""
    try:
        value = DEFAULT_TYPE_VALIDATORS[spec["type"]](value)
        if spec.get("elements"):
            value = [DEFAULT_TYPE_VALIDATORS[spec["elements"]](item) for item in value]
    except (TypeError, ValueError):
        elements = spec.get("elements")
        wanted = "a list of %ss" % _TYPE_NAMES.get(elements, elements) if elements else "a " + _TYPE_NAMES.get(spec["type"], spec["type"])
        raise InvalidValue("%s is %r, which is not %s" % (name, value, wanted)) from None
    choices = spec.get("choices")
    for item in value if spec.get("elements") else [value]:
        if choices is not None and item not in choices:
            raise InvalidValue("%s must be one of %s, got %r" % (name, ", ".join(choice or "'' (to clear it)" for choice in choices), item))
    return value
