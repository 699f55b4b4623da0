# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The AWX guide shows exactly the files the repository ships."""

from __future__ import annotations

import os
import re

import pytest
import yaml
from harness import REPO

GUIDE = os.path.join(REPO, "docs", "docsite", "rst", "guide_awx.rst")


def yaml_blocks():
    with open(GUIDE) as handle:
        text = handle.read()
    blocks = re.findall(r"^\.\. code-block:: yaml\n\n((?:  .*\n|\n)+)", text, re.MULTILINE)
    return [yaml.safe_load("\n".join(line[2:] for line in block.splitlines())) for block in blocks]


@pytest.mark.parametrize("name", ["awx/credential_type_inputs.yml", "awx/credential_type_injectors.yml", "execution-environment.yml"])
def test_the_guide_shows_the_shipped_file(name):
    with open(os.path.join(REPO, "docs", name)) as handle:
        shipped = yaml.safe_load(handle)
    assert shipped in yaml_blocks()


def test_the_execution_environment_pins_its_base_image_and_the_guide_builds_it_as_the_file_says():
    with open(os.path.join(REPO, "docs", "execution-environment.yml")) as handle:
        text = handle.read()
    image = yaml.safe_load(text)["images"]["base_image"]["name"]
    assert ":" in image.rsplit("/", 1)[1] and not image.endswith(":latest")
    command = re.search(r"ansible-builder build -f (\S+) -t (\S+)", text).groups()
    with open(GUIDE) as handle:
        assert "ansible-builder build -f %s -t %s" % command in handle.read()
