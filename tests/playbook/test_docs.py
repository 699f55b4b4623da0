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


# -- the incident response guide and the AWX job templates

INCIDENT_GUIDE = os.path.join(REPO, "docs", "docsite", "rst", "guide_incident_response.rst")
JOB_TEMPLATES = os.path.join(REPO, "docs", "awx", "job_templates.yml")


def job_templates():
    """{template name: its awx.awx.job_template arguments}, as docs/awx/job_templates.yml creates them."""
    with open(JOB_TEMPLATES) as handle:
        plays = yaml.safe_load(handle)
    tasks = [task for play in plays for task in play["tasks"]]
    assert tasks and all("awx.awx.job_template" in task for task in tasks)
    return dict((task["awx.awx.job_template"]["name"], task["awx.awx.job_template"]) for task in tasks)


def shipped_playbook(template):
    """The collection's playbook a job template runs: the project's playbook imports the one of the same name."""
    name = os.path.basename(template["playbook"])
    path = os.path.join(REPO, "playbooks", name)
    assert os.path.isfile(path), "%s runs %s, which playbooks/ does not hold" % (template["name"], template["playbook"])
    with open(path) as handle:
        text = handle.read()
    return os.path.splitext(name)[0], yaml.safe_load(text), text


def test_the_incident_guide_shows_the_job_templates_file_as_it_is():
    with open(JOB_TEMPLATES) as handle:
        text = handle.read()
    assert yaml.safe_load(text) in yaml_blocks(INCIDENT_GUIDE)
    # The comments too: the block is the file, indented.
    with open(INCIDENT_GUIDE) as handle:
        guide = handle.read()
    assert "".join(("  " + line) if line.strip() else "\n" for line in text.splitlines(True)) in guide


def test_the_job_templates_are_the_three_an_incident_needs_each_with_a_survey_and_the_credential():
    templates = job_templates()
    assert sorted(templates) == ["Export detections", "Pull a campaign from every mailbox", "Release quarantined messages"]
    for template in templates.values():
        assert template["survey_enabled"] is True and template["survey_spec"]["spec"], template["name"]
        assert {"name", "description", "spec"} <= set(template["survey_spec"]), template["name"]
        assert template["credentials"] == ["{{ awx_credential }}"] and template["project"] == "{{ awx_project }}", template["name"]
        for question in template["survey_spec"]["spec"]:
            assert {"question_name", "question_description", "variable", "type", "required", "default"} <= set(question), question
            if question["type"] == "multiplechoice":
                assert question["default"] in question["choices"] + [""], question
    # An analyst runs the release in check mode first.
    assert templates["Release quarantined messages"]["ask_job_type_on_launch"] is True


def read_variables(node):
    """The names a playbook's tasks read: in {{ }} expressions, and in its bare conditionals (when, that, ...)."""
    if isinstance(node, dict):
        names = set()
        for key, value in node.items():
            if key in ("when", "that", "changed_when", "failed_when", "until"):
                for condition in value if isinstance(value, list) else [value]:
                    names |= identifiers(str(condition))
            names |= read_variables(value)
        return names
    if isinstance(node, list):
        return set().union(*(read_variables(item) for item in node)) if node else set()
    if isinstance(node, str):
        return set().union(*(identifiers(expression) for expression in re.findall(r"{{(.*?)}}", node, re.S))) if "{{" in node else set()
    return set()


def identifiers(expression):
    """The names in a Jinja expression, string literals left out."""
    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", re.sub(r"'[^']*'|\"[^\"]*\"", " ", expression)))


@pytest.mark.parametrize("name", ["Release quarantined messages", "Pull a campaign from every mailbox", "Export detections"])
def test_every_survey_variable_is_one_the_template_playbook_reads(name):
    template = job_templates()[name]
    _playbook, plays, _text = shipped_playbook(template)
    defaults = dict(item for play in plays for item in (play.get("vars") or {}).items())
    read = read_variables([play.get("tasks", []) for play in plays])
    for question in template["survey_spec"]["spec"]:
        variable = question["variable"]
        assert variable in defaults or variable in read, "%s asks for %s, which %s never reads" % (name, variable, template["playbook"])
        assert variable in read, "%s declares %s but no task reads it" % (template["playbook"], variable)
        # A survey default is the playbook's own, so that a job and a command line run do the same.
        if question["default"] not in ("", None):
            assert question["default"] == defaults[variable], variable


def test_the_guide_shows_a_project_playbook_importing_each_template_playbook():
    imported = set()
    for block in yaml_blocks(INCIDENT_GUIDE):
        if isinstance(block, list):
            imported.update(play["ansible.builtin.import_playbook"] for play in block if isinstance(play, dict) and "ansible.builtin.import_playbook" in play)
    templates = job_templates().values()
    assert imported == set("cloudflare_community.email_security.%s" % shipped_playbook(template)[0] for template in templates)
    with open(INCIDENT_GUIDE) as handle:
        guide = handle.read()
    for template in templates:
        assert "``%s``:" % template["playbook"] in guide, template["playbook"]
