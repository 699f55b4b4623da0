# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Write the API contract data in tests/data/ from the cloudflare SDK wheel; with --check, only say what drifted.

The contract is the cloudflare Python SDK 5.9.0 from the package index. Its facts (field names and types, required
and nullable flags, enum literals; for the incident-response endpoints also the method, path, paging and what is
deprecated) are read from the wheel's source with ast, never by importing or copying it.
Run as: python3 tools/sdk_contract.py [--check] [--wheel PATH]
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any, Dict, List, Optional

VERSION = "5.9.0"
DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
TYPES = "cloudflare/types/email_security/"
RESOURCES = "cloudflare/resources/email_security/"
PAGINATION = "cloudflare/pagination.py"
SCALARS = ("str", "int", "float", "bool", "datetime", "date", "object")
LISTS = ("List", "SequenceNotStr", "Iterable")
DEPRECATED = re.compile(r"deprecated|nonfunctional|end of life", re.IGNORECASE)
HTTP_CALLS = ("_get", "_post", "_put", "_patch", "_delete", "_get_api_list")
SETTINGS_OPERATIONS = ("create_params", "edit_params", "get_response", "list_params")

SOURCES = {
    "domains": "cloudflare (Python SDK) 5.9.0 on the package index: cloudflare/types/email_security/settings/domain_*.py. Field names, "
    "whether each is required or nullable, and enum literals, copied as data; regenerate when the SDK changes.",
    "settings": "cloudflare (Python SDK) 5.9.0 on the package index: cloudflare/types/email_security/settings/*_params.py and "
    "*_response.py. Field names, whether each is required or nullable, and enum literals, copied as data; regenerate when the SDK changes.",
    "incident": "cloudflare (Python SDK) 5.9.0 on the package index: cloudflare/types/email_security/investigate*.py, investigate/**.py, "
    "submission_*.py and phishguard/*.py for the fields; the methods, paths and paging of cloudflare/resources/email_security/ and "
    "cloudflare/pagination.py. Written by tools/sdk_contract.py; regenerate when the SDK changes.",
}

# operation: (resource file, sync method, table of its parameters, table of its response). Operations that name
# the same table must have identical types in the SDK (a list and a get of one object, say); the tool checks it.
INCIDENT = {
    "investigate_list": ("investigate/investigate.py", "list", "investigate_list_params", "investigate_response"),
    "investigate_get": ("investigate/investigate.py", "get", "investigate_get_params", "investigate_response"),
    "detections_get": ("investigate/detections.py", "get", None, "detections_response"),
    "trace_get": ("investigate/trace.py", "get", None, "trace_response"),
    "raw_get": ("investigate/raw.py", "get", None, "raw_response"),
    "preview_get": ("investigate/preview.py", "get", None, "preview_response"),
    "preview_create": ("investigate/preview.py", "create", "preview_create_params", "preview_response"),
    "move": ("investigate/move.py", "create", "move_params", "move_response"),
    "move_bulk": ("investigate/move.py", "bulk", "move_bulk_params", "move_response"),
    "release_bulk": ("investigate/release.py", "bulk", "release_bulk_params", "release_response"),
    "reclassify": ("investigate/reclassify.py", "create", "reclassify_params", None),
    "bulk_create": ("investigate/bulk/bulk.py", "create", "bulk_create_params", "bulk_job_response"),
    "bulk_list": ("investigate/bulk/bulk.py", "list", "bulk_list_params", "bulk_job_response"),
    "bulk_get": ("investigate/bulk/bulk.py", "get", None, "bulk_job_response"),
    "bulk_cancel": ("investigate/bulk/cancel.py", "create", None, "bulk_job_response"),
    "bulk_delete": ("investigate/bulk/bulk.py", "delete", None, "bulk_delete_response"),
    "bulk_messages_list": ("investigate/bulk/messages.py", "list", "bulk_messages_list_params", "bulk_messages_response"),
    "submission_list": ("submissions.py", "list", "submission_list_params", "submission_response"),
    "phishguard_report_list": ("phishguard/reports.py", "list", "phishguard_report_list_params", "phishguard_report_response"),
}

Field = Dict[str, Any]
Table = Dict[str, Field]


class Sdk:
    """The source files of the wheel, each parsed once, and the facts read from them."""

    def __init__(self, wheel: Path) -> None:
        self.zip = zipfile.ZipFile(str(wheel))
        self.names = set(self.zip.namelist())
        self.trees: Dict[str, ast.Module] = {}

    def module(self, path: str) -> ast.Module:
        if path not in self.trees:
            self.trees[path] = ast.parse(self.zip.read(path).decode("utf-8"), path)
        return self.trees[path]

    def definition(self, path: str, name: str) -> Optional[ast.stmt]:
        """The top-level class or type alias called name in a module."""
        for node in self.module(path).body:
            if isinstance(node, ast.ClassDef) and node.name == name:
                return node
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
                return node
        return None

    def main_class(self, path: str) -> str:
        """The type a generated types module is named for: the first entry of its __all__."""
        for node in self.module(path).body:
            if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "__all__":
                return node.value.elts[0].value
        raise SystemExit(f"{path}: no __all__")

    def imported(self, path: str, name: str) -> str:
        """The file a name imported into path comes from: the module itself, or the module that defines it."""
        for node in self.module(path).body:
            if isinstance(node, ast.ImportFrom) and any((alias.asname or alias.name) == name for alias in node.names):
                target = "/".join(path.split("/")[: -node.level] + node.module.split("."))
                return f"{target}/{name}.py" if f"{target}/{name}.py" in self.names else f"{target}.py"
        raise SystemExit(f"{path}: {name} is not imported")

    def table(self, path: str, name: Optional[str] = None, extended: bool = False) -> Table:
        """The fields of a TypedDict (parameters) or BaseModel (response), by their JSON names."""
        cls = self.definition(path, name or self.main_class(path))
        if not isinstance(cls, ast.ClassDef):
            raise SystemExit(f"{path}: no class {name}")
        typed_dict = any(ast.unparse(base) == "TypedDict" for base in cls.bases)
        total = not any(keyword.arg == "total" and ast.literal_eval(keyword.value) is False for keyword in cls.keywords)
        fields: Table = {}
        for index, node in enumerate(cls.body):
            if not isinstance(node, ast.AnnAssign) or not isinstance(node.target, ast.Name):
                continue
            if typed_dict and node.target.id == "account_id":
                continue  # a path parameter of every operation, not a field of its query or body
            fields.update(self.field(path, node, cls.body[index + 1 : index + 2], total if typed_dict else None, extended))
        return fields

    def field(self, path: str, node: ast.AnnAssign, after: List[ast.stmt], total: Optional[bool], extended: bool) -> Table:
        """One field: total is the TypedDict's default requiredness, None for a model (required when it has no default)."""
        name = node.target.id
        required = total
        if total is None:  # a model field: "= None", or FieldInfo(alias=..., default=...), gives it a default
            required = node.value is None or (isinstance(node.value, ast.Call) and "default" not in [kw.arg for kw in node.value.keywords])
        field: Field = {"enum": [], "list": False, "nullable": False, "required": required, "type": ""}
        self.read_type(path, node.annotation, field, extended)
        alias = [keyword.value.value for keyword in getattr(node.value, "keywords", []) if keyword.arg == "alias"]
        doc = ast.literal_eval(after[0].value) if after and isinstance(after[0], ast.Expr) and isinstance(after[0].value, ast.Constant) else ""
        if extended and alias:
            field["alias"] = alias[0]
        if extended and DEPRECATED.search(doc):
            field["deprecated"] = True
        return {alias[0] if alias else name: field}

    def read_type(self, path: str, node: ast.expr, field: Field, extended: bool) -> None:
        """Fill in a field from its annotation: the wrappers set flags, the innermost type sets type and enum."""
        if isinstance(node, ast.Subscript):
            outer = ast.unparse(node.value)
            members = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            if outer == "Literal":
                field.update(type="enum", enum=[member.value for member in members])
                return
            if outer == "Union":
                self.read_union(path, members, field, extended)
                return
            if outer == "Required":
                field["required"] = True
            elif outer == "Optional":
                field["nullable"] = True
            elif outer in LISTS:
                field["list"] = True
            elif outer == "Annotated":
                discriminator = [kw.value.value for info in members[1:] for kw in getattr(info, "keywords", []) if kw.arg == "discriminator"]
                if extended and discriminator:
                    field["discriminator"] = discriminator[0]
            else:
                raise SystemExit(f"{path}: cannot read the type {ast.unparse(node)}")
            self.read_type(path, members[0], field, extended)
            return
        name = ast.unparse(node)
        definition = self.definition(path, name)
        if name in SCALARS:
            field["type"] = name
        elif isinstance(definition, ast.ClassDef):
            field["type"] = "object"
            if extended:
                field["fields"] = self.table(path, name, extended)
        elif isinstance(definition, ast.AnnAssign) and definition.value is not None:
            self.read_type(path, definition.value, field, extended)  # a TypeAlias
        else:
            raise SystemExit(f"{path}: cannot read the type {name}")

    def read_union(self, path: str, members: List[ast.expr], field: Field, extended: bool) -> None:
        """A date or datetime parameter that also takes its ISO string, or models told apart by a discriminator field."""
        names = [ast.unparse(member) for member in members]
        if len(names) == 2 and names[0] == "str" and names[1] in ("date", "datetime"):
            field["type"] = names[1]
            return
        if not all(isinstance(self.definition(path, name), ast.ClassDef) for name in names):
            raise SystemExit(f"{path}: cannot read the union of {', '.join(names)}")
        field["type"] = "object"
        if extended:
            variants = [self.table(path, name, extended) for name in names]
            field["variants"] = {variant[field["discriminator"]]["enum"][0]: variant for variant in variants}

    def operation(self, path: str, method: str) -> Dict[str, Any]:
        """Method, path and paging of a sync resource method; its params and response as (types file, class) or None."""
        resource = next(node for node in self.module(path).body if isinstance(node, ast.ClassDef) and "SyncAPIResource" in map(ast.unparse, node.bases))
        function = next(node for node in resource.body if isinstance(node, ast.FunctionDef) and node.name == method)
        calls = [node for node in ast.walk(function) if isinstance(node, ast.Call)]
        request = next(call for call in calls if ast.unparse(call.func) in ["self." + name for name in HTTP_CALLS])
        verb = request.func.attr[1:]
        if verb == "get_api_list":
            verb = next((kw.value.value for kw in request.keywords if kw.arg == "method"), "get")
        returns = function.returns
        paged = isinstance(returns, ast.Subscript)
        response = ast.unparse(returns.slice if paged else returns)
        facts: Dict[str, Any] = {
            "method": verb.upper(),
            "path": request.args[0].args[0].value,
            "pagination": ast.unparse(returns.value) if paged else None,
            "response": None if response == "object" else (self.imported(path, response), response),
            "params": None,
        }
        for call in calls:
            for keyword in call.keywords:
                if keyword.arg in ("query", "body") and isinstance(keyword.value, ast.Call) and ast.unparse(keyword.value.func) == "maybe_transform":
                    params = keyword.value.args[1]
                    facts.update(params=(self.imported(path, params.value.id), params.attr), params_in=keyword.arg)
        if any(ast.unparse(decorator).startswith("typing_extensions.deprecated") for decorator in function.decorator_list):
            facts["deprecated"] = True
        return facts

    def paging(self, name: str) -> Dict[str, Any]:
        """What a pagination class reads from a response (result_info) and which parameter asks for the next page."""
        cls = self.definition(PAGINATION, name)
        info = [node for node in cls.body if isinstance(node, ast.AnnAssign) and ast.unparse(node.target) == "result_info"]
        following = [node for node in ast.walk(cls) if isinstance(node, ast.Call) and ast.unparse(node.func) == "PageInfo"]
        return {
            "next_page_param": ast.literal_eval(following[0].keywords[0].value.keys[0]) if following else None,
            "result_info": self.field(PAGINATION, info[0], [], None, True)["result_info"] if info else None,
        }


def settings_tables(sdk: Sdk, kind: str, batches: List[str]) -> Dict[str, Table]:
    tables = {operation: sdk.table(f"{TYPES}settings/{kind}_{operation}.py") for operation in SETTINGS_OPERATIONS}
    for batch in batches:
        tables["batch_" + batch] = sdk.table(f"{TYPES}settings/{kind}_batch_params.py", batch.capitalize())
    return tables


def incident(sdk: Sdk) -> Dict[str, Any]:
    data: Dict[str, Any] = {"operations": {}, "pagination": {}, "source": SOURCES["incident"]}
    for name, (resource, method, params_key, response_key) in INCIDENT.items():
        facts = sdk.operation(RESOURCES + resource, method)
        for key, where in ((params_key, "params"), (response_key, "response")):
            if (key is None) != (facts[where] is None):
                raise SystemExit(f"{resource} {method}: expected {where} {key}, the SDK has {facts[where]}")
            if key is not None:
                table = sdk.table(*facts[where], extended=True)
                if data.setdefault(key, table) != table:
                    raise SystemExit(f"{key}: {facts[where][1]} differs from the type read before it")
                facts[where] = key
        if facts["pagination"]:
            data["pagination"][facts["pagination"]] = sdk.paging(facts["pagination"])
        data["operations"][name] = facts
    return data


def contract(sdk: Sdk) -> Dict[str, Dict[str, Any]]:
    """The content of each data file, by its short name."""
    prefix, suffix = TYPES + "settings/", "_create_params.py"
    kinds = sorted(name[len(prefix) : -len(suffix)] for name in sdk.names if name.startswith(prefix) and name.endswith(suffix))
    settings: Dict[str, Any] = {"source": SOURCES["settings"]}
    for kind in kinds:
        if kind != "domain":
            batches = ["patch", "post"] if f"{prefix}{kind}_batch_params.py" in sdk.names else []
            settings[kind] = settings_tables(sdk, kind, batches)
    # The domain data holds a batch's patches only (what test_contract holds against a PATCH).
    domains = dict(settings_tables(sdk, "domain", ["patch"]), source=SOURCES["domains"])
    return {"domains": domains, "settings": settings, "incident": incident(sdk)}


def wheel_path(cache: Path) -> Path:
    """The wheel in the cache, downloaded with pip when it is not there yet."""
    found = sorted(cache.glob(f"cloudflare-{VERSION}-*.whl"))
    if not found:
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--disable-pip-version-check", f"cloudflare=={VERSION}", "-d", str(cache)]
        subprocess.run(command, check=True, stdout=sys.stderr)
        found = sorted(cache.glob(f"cloudflare-{VERSION}-*.whl"))
    return found[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 naming each file that differs")
    parser.add_argument("--wheel", type=Path, help=f"the cloudflare {VERSION} wheel to read (default: download it into the cache)")
    args = parser.parse_args()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cloudflare-es-sdk"
    sdk = Sdk(args.wheel or wheel_path(cache))
    drifted = []
    for name, data in contract(sdk).items():
        path = DATA / f"cloudflare-sdk-{VERSION}-{name}.json"
        text = json.dumps(data, indent=1, sort_keys=True)
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        drifted.append(path)
        if not args.check:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if args.check and drifted:
        for path in drifted:
            print(f"{path} differs from what tools/sdk_contract.py would write", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
