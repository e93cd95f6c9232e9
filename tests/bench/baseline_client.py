#!/usr/bin/env python3
"""The per-entity baseline: what ardoqpy's ArdoqSyncClient does, on bench-gen's data.

One GET of the aggregated workspace (v1) into a cache, then for every source record a
linear scan of the cached list (components: typeId equal and name equal case-insensitively;
references: source, target and type equal) and one HTTP call per entity: POST for a miss,
PUT of the whole object when a field differs, nothing on an equal hit. Parents and
reference endpoints are found the same way (a linear scan of the cached components).
Created entities are appended to the cache, as ArdoqSyncClient does.

Python standard library only; one kept-alive HTTP/1.1 connection (ardoqpy uses requests
with a session, which is no faster). To be fair to the baseline, the names in the cache
are lower-cased once when they enter it rather than at every comparison.

    baseline_client.py --url http://127.0.0.1:PORT --workspace ID --data DIR
    (token: $ARDOQ_API_TOKEN)

Prints one JSON object: counts of requests by kind, of creates, updates and hits, and the
wall time.
"""

import argparse
import csv
import http.client
import json
import os
import sys
import time
import urllib.parse

# The rules of bench-gen's mapping.yaml, written out by hand as an ardoqpy user would.
TYPE_NAMES = ["Domain", "Application", "Service"]


class Ardoq:
    """A minimal v1 client on one connection; counts the requests it sends."""

    def __init__(self, url, token):
        parts = urllib.parse.urlsplit(url)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        self.headers = {"Authorization": "Bearer " + token,
                        "Content-Type": "application/json", "Accept": "application/json"}
        self.requests = {}

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body)
        self.conn.request(method, path, body=data, headers=self.headers)
        response = self.conn.getresponse()
        text = response.read()
        key = method + " " + path.split("?")[0].rsplit("/", 1)[0] if method == "PUT" else \
            method + " " + path.split("?")[0]
        self.requests[key] = self.requests.get(key, 0) + 1
        if response.status >= 300:
            raise SystemExit(f"baseline: {method} {path}: HTTP {response.status}: "
                             f"{text[:500].decode('utf-8', 'replace')}")
        return json.loads(text) if text else None


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def number(text):
    value = float(text)
    return int(value) if value.is_integer() else value


def desired_fields(row):
    """The ten custom fields, as the mapping's filters make them."""
    return {
        "external_id": "c-" + row["id"],
        "lifecycle": row["lifecycle"],
        "annual_cost": number(row["cost"]),
        "user_count": int(row["users"]),
        "critical": row["critical"] == "yes",
        "go_live": row["go_live"] or None,
        "labels": row["labels"].split(";"),
        "owner_email": row["owner"],
        "vendor": row["vendor"],
        "notes": row["notes"] or None,
        "region": row["region"],
    }


def same(want, have):
    if isinstance(want, str) and isinstance(have, str) and len(want) == 10 \
            and have.startswith(want + "T00:00:00"):
        return True  # a date as sent and as Ardoq returns it
    if isinstance(want, (int, float)) and isinstance(have, (int, float)) \
            and not isinstance(want, bool):
        return float(want) == float(have)
    return want == have


def find_component(cache, type_id, name):
    lowered = name.lower()
    for entry in cache:  # the linear scan of ardoqpy's cache
        if entry[0] == type_id and entry[1] == lowered:
            return entry[2]
    return None


def find_reference(cache, source, target, type_):
    for ref in cache:
        if ref["source"] == source and ref["target"] == target and ref["type"] == type_:
            return ref
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--workspace", required=True)
    parser.add_argument("--data", required=True, help="bench-gen output directory (CSV)")
    args = parser.parse_args()
    token = os.environ.get("ARDOQ_API_TOKEN")
    if not token:
        raise SystemExit("baseline: set ARDOQ_API_TOKEN")

    components = read_csv(os.path.join(args.data, "components.csv"))
    dependencies = read_csv(os.path.join(args.data, "dependencies.csv"))
    names = {row["id"]: row["name"] for row in components}  # the source's own rows

    start = time.monotonic()
    ardoq = Ardoq(args.url, token)
    ws = ardoq.call("GET", f"/api/workspace/{args.workspace}/aggregated")
    model = ardoq.call("GET", f"/api/model/{ws['componentModel']}")
    type_ids = {}

    def walk(nodes):
        for node in nodes.values():
            type_ids[node["name"]] = node["id"]
            walk(node.get("children", {}))
    walk(model["root"])
    ref_types = {t["name"]: int(t["id"]) for t in model["referenceTypes"].values()}
    depends_on = ref_types["Depends on"]

    comp_cache = [(c["typeId"], c["name"].lower(), c) for c in ws["components"]]
    ref_cache = list(ws["references"])
    counts = {"created_components": 0, "updated_components": 0, "hit_components": 0,
              "created_references": 0, "updated_references": 0, "hit_references": 0}

    for row in components:
        level = int(row["level"])
        type_id = type_ids[TYPE_NAMES[level]]
        parent = None
        if level > 0:
            parent_type = type_ids[TYPE_NAMES[level - 1]]
            found = find_component(comp_cache, parent_type, names[row["parent"]])
            parent = found["_id"] if found else None
        fields = desired_fields(row)
        have = find_component(comp_cache, type_id, row["name"])
        if have is None:
            body = {"name": row["name"], "typeId": type_id, "rootWorkspace": args.workspace,
                    "parent": parent}
            body.update({k: v for k, v in fields.items() if v is not None})
            created = ardoq.call("POST", "/api/component", body)
            comp_cache.append((type_id, row["name"].lower(), created))
            counts["created_components"] += 1
        elif have.get("parent") != parent or any(
                not same(v, have.get(k)) for k, v in fields.items()):
            body = dict(have)
            body.update(fields)
            body["parent"] = parent
            updated = ardoq.call("PUT", f"/api/component/{have['_id']}", body)
            have.clear()
            have.update(updated)
            counts["updated_components"] += 1
        else:
            counts["hit_components"] += 1

    service = type_ids["Service"]
    for row in dependencies:
        source = find_component(comp_cache, service, names[row["source_id"]])
        target = find_component(comp_cache, service, names[row["target_id"]])
        if source is None or target is None:
            raise SystemExit(f"baseline: dependencies.csv: endpoint of {row} not found")
        have = find_reference(ref_cache, source["_id"], target["_id"], depends_on)
        if have is None:
            created = ardoq.call("POST", "/api/reference",
                                 {"source": source["_id"], "target": target["_id"],
                                  "type": depends_on, "displayText": row["kind"]})
            ref_cache.append(created)
            counts["created_references"] += 1
        elif have.get("displayText") != row["kind"]:
            body = dict(have)
            body["displayText"] = row["kind"]
            updated = ardoq.call("PUT", f"/api/reference/{have['_id']}", body)
            have.clear()
            have.update(updated)
            counts["updated_references"] += 1
        else:
            counts["hit_references"] += 1

    counts["seconds"] = round(time.monotonic() - start, 3)
    counts["requests"] = ardoq.requests
    counts["requests_total"] = sum(ardoq.requests.values())
    json.dump(counts, sys.stdout)
    print()


if __name__ == "__main__":
    main()
