# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The docs hold what the code says: the AWX guide the shipped files, the modules' options their declarations."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import yaml
from harness import REPO

GUIDE = os.path.join(REPO, "docs", "docsite", "rst", "guide_awx.rst")
SENDER_LISTS_GUIDE = os.path.join(REPO, "docs", "docsite", "rst", "guide_sender_lists.rst")


def yaml_blocks(guide=GUIDE):
    with open(guide) as handle:
        text = handle.read()
    blocks = re.findall(r"^\.\. code-block:: yaml\n\n((?:  .*\n|\n)+)", text, re.MULTILINE)
    return [yaml.safe_load("\n".join(line[2:] for line in block.splitlines())) for block in blocks]


@pytest.mark.parametrize("name", ["awx/credential_type_inputs.yml", "awx/credential_type_injectors.yml", "execution-environment.yml"])
def test_the_guide_shows_the_shipped_file(name):
    with open(os.path.join(REPO, "docs", name)) as handle:
        shipped = yaml.safe_load(handle)
    assert shipped in yaml_blocks()


@pytest.mark.parametrize(
    "guide, name",
    [
        ("guide_sender_lists.rst", "examples/sender_lists_export.yml"),
        ("guide_sender_lists.rst", "examples/sender_lists_apply.yml"),
        ("guide_account_as_code.rst", "examples/account_as_code.yml"),
    ],
)
def test_the_guides_show_the_shipped_examples(guide, name):
    with open(os.path.join(REPO, "docs", name)) as handle:
        shipped = yaml.safe_load(handle)
    assert shipped in yaml_blocks(os.path.join(REPO, "docs", "docsite", "rst", guide))


def test_the_execution_environment_pins_its_base_image_and_the_guide_builds_it_as_the_file_says():
    with open(os.path.join(REPO, "docs", "execution-environment.yml")) as handle:
        text = handle.read()
    image = yaml.safe_load(text)["images"]["base_image"]["name"]
    assert ":" in image.rsplit("/", 1)[1] and not image.endswith(":latest")
    command = re.search(r"ansible-builder build -f (\S+) -t (\S+)", text).groups()
    with open(GUIDE) as handle:
        assert "ansible-builder build -f %s -t %s" % command in handle.read()


def test_the_doc_fragments_generated_from_the_declarations_and_kinds_have_not_drifted():
    checked = subprocess.run([sys.executable, os.path.join(REPO, "tools", "generate_docs.py"), "--check"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def module_docs():
    """{module name: (DOCUMENTATION, RETURN)} of every module file, parsed."""
    docs = {}
    for name in sorted(os.listdir(os.path.join(REPO, "plugins", "modules"))):
        if name.endswith(".py"):
            with open(os.path.join(REPO, "plugins", "modules", name)) as handle:
                text = handle.read()
            sections = [yaml.safe_load(re.search(r'%s = r"""(.*?)"""' % section, text, re.S).group(1)) for section in ("DOCUMENTATION", "RETURN")]
            docs[name[:-3]] = tuple(sections)
    return docs


def kind_of(documentation):
    """The kind a module's documentation says it is (the kinds fragment it extends), and its resource fragment."""
    fragments = [name.split(".", 2)[2] for name in documentation["extends_documentation_fragment"]]
    kind = [name.split(".")[1] for name in fragments if name.startswith("kinds.")][0]
    resource = [name.split(".")[0] for name in fragments if name.split(".")[0] not in ("attributes", "connection", "kinds")][0]
    return kind, resource


def test_every_module_documents_exactly_what_its_kind_returns():
    """RETURN cannot come from a fragment: each module's documented keys are held to what the kind's code returns."""
    from ansible_collections.cloudflare_community.email_security.plugins.module_utils import (
        _catalog,
        _kind_bulk,
        _kind_entry,
        _kind_info,
        _kind_list,
        _kind_message,
        _kind_message_info,
        _kind_message_job,
    )

    resources = dict((resource.kind, resource) for resource in _catalog.RESOURCES + _catalog.INCIDENT)
    for name, (documentation, returned) in module_docs().items():
        kind, resource_name = kind_of(documentation)
        resource = resources[resource_name]
        if kind == "info" and resource_name == "message":
            expected = set(_kind_message_info.RETURNS)
        elif kind == "info" and resource_name == "message_job":
            expected = set(_kind_info.returns(resource)) | {"messages"}
        else:
            expected = {
                "entry": {resource.kind} | set(_kind_entry.RETURNS),
                "info": set(_kind_info.returns(resource)),
                "list": set(_kind_list.RETURNS),
                "bulk": {resource.plural} | set(_kind_bulk.RETURNS),
                "action": set(_kind_message.RETURNS),
                "job": set(_kind_message_job.RETURNS),
            }[kind]
        assert set(returned) == expected - {"diff"}, name


def test_module_files_hold_only_their_own_prose():
    """What follows from a module's kind or its resource comes from the generated fragments, not from the module file."""
    for name, (documentation, _returned) in module_docs().items():
        assert set(documentation) <= {"module", "short_description", "version_added", "description", "author", "extends_documentation_fragment", "seealso"}, (
            name
        )
        assert len(documentation["description"]) <= 3, name


def test_one_repository_url_everywhere():
    """The module links and the guides once pointed at a repository that does not exist."""
    with open(os.path.join(REPO, "galaxy.yml")) as handle:
        repository = yaml.safe_load(handle)["repository"]
    found = set()
    for folder, _dirs, files in os.walk(REPO):
        if any(part.startswith(".") or part in ("tests", "_build") for part in os.path.relpath(folder, REPO).split(os.sep)[:1]) and folder != REPO:
            continue
        for name in files:
            if name.endswith((".py", ".yml", ".yaml", ".md", ".rst", ".txt")):
                with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as handle:
                    found.update(re.sub(r"\.git$", "", url) for url in re.findall(r"https://github\.com/cloudflare-community/[\w.-]+", handle.read()))
    assert found == {repository}, found


def test_every_module_is_in_the_action_group_and_documents_it():
    with open(os.path.join(REPO, "meta", "runtime.yml")) as handle:
        group = yaml.safe_load(handle)["action_groups"]["email_security"]
    modules = sorted(name[:-3] for name in os.listdir(os.path.join(REPO, "plugins", "modules")) if name.endswith(".py"))
    assert sorted(group) == modules
    for name in modules:
        with open(os.path.join(REPO, "plugins", "modules", name + ".py")) as handle:
            documentation = yaml.safe_load(re.search(r'DOCUMENTATION = r"""(.*?)"""', handle.read(), re.S).group(1))
        assert "cloudflare_community.email_security.attributes" in documentation["extends_documentation_fragment"], name


def test_the_sender_lists_guide_shows_the_diff_the_module_prints():
    """The review step's sample output is the one test_playbook_sender_lists.py checks against a real run."""
    with open(SENDER_LISTS_GUIDE) as handle:
        text = handle.read()
    assert '+++ after: pattern_type="DOMAIN", pattern="phish.example", is_regex=false\n  @@ -1 +1,5 @@\n  -{}\n  +{' in text
