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


def test_the_option_docs_generated_from_the_declarations_have_not_drifted():
    checked = subprocess.run([sys.executable, os.path.join(REPO, "tools", "generate_docs"), "--check"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr


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
