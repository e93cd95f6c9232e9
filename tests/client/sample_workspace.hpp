#pragma once
// A small workspace in the snapshot file format, shared by the cache, file-target and
// batch tests: two component types (Domain > Application), one reference type, fields.

#include <string>

namespace ardoq::test {

inline const std::string k_ws_id = "aaaaaaaaaaaaaaaaaaaaaaaa";
inline const std::string k_domain_id = "d00000000000000000000001";
inline const std::string k_app1_id = "a00000000000000000000001";
inline const std::string k_app2_id = "a00000000000000000000002";
inline const std::string k_ref_id = "f00000000000000000000001";

inline std::string sample_workspace_json() {
    return R"({"format": "ardoq-sync-snapshot", "formatVersion": 1, "host": "http://127.0.0.1:9", "fetchedAt": "2024-01-02T03:04:05.000Z",
"workspace": {"_id": "aaaaaaaaaaaaaaaaaaaaaaaa", "_version": 3, "name": "Application Portfolio", "description": "Apps"},
"context": {"rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa",
  "componentTypes": [{"typeId": "p1", "name": "Domain", "customFields": ["external_id"]},
                     {"typeId": "p2", "name": "Application", "parent": {"typeId": "p1", "name": "Domain"}, "customFields": ["external_id", "lifecycle", "cost", "tags"]}],
  "referenceTypes": [{"type": 2, "name": "Depends on", "customFields": ["ref_key"]}],
  "customFields": [{"apiKey": "external_id", "label": "External ID", "type": "Text", "readOnly": false, "calculated": false, "defaultValue": null, "description": null},
                   {"apiKey": "lifecycle", "label": "Lifecycle", "type": "List", "options": ["Live", "Planned"], "readOnly": false, "calculated": false, "defaultValue": "Live", "description": "stage"},
                   {"apiKey": "cost", "label": "Cost", "type": "Number", "readOnly": false, "calculated": false, "defaultValue": null, "description": null},
                   {"apiKey": "tags", "label": "Tags", "type": "SelectMultipleList", "readOnly": false, "calculated": false, "defaultValue": null, "description": null},
                   {"apiKey": "ref_key", "label": "Ref key", "type": "Text", "readOnly": false, "calculated": false, "defaultValue": null, "description": null}],
  "tags": [{"name": "core"}]},
"components": [
  {"_id": "d00000000000000000000001", "_version": 1, "_meta": {"lastUpdated": "2024-01-01T00:00:00.000Z"}, "name": "Finance", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "typeId": "p1", "type": "Domain", "parent": null, "componentKey": "APP-1", "description": null, "customFields": {"external_id": "dom-finance"}},
  {"_id": "a00000000000000000000001", "_version": 4, "_meta": {"lastUpdated": "2024-01-01T00:00:01.000Z"}, "name": "Billing", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "typeId": "p2", "type": "Application", "parent": "d00000000000000000000001", "componentKey": "APP-2", "description": "Bills — ünïcode", "customFields": {"external_id": "app-1", "lifecycle": "Live", "cost": 12.5, "tags": ["a", "b"]}},
  {"_id": "a00000000000000000000002", "_version": 1, "_meta": {"lastUpdated": "2024-01-01T00:00:02.000Z"}, "name": "Ledger", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "typeId": "p2", "type": "Application", "parent": "d00000000000000000000001", "componentKey": "APP-7", "description": "", "customFields": {"external_id": "app-2", "cost": 3}}
],
"references": [
  {"_id": "f00000000000000000000001", "_version": 2, "_meta": {"lastUpdated": "2024-01-01T00:00:03.000Z"}, "source": "a00000000000000000000001", "target": "a00000000000000000000002", "type": 2, "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaaaa", "displayText": "posts to", "description": null, "customFields": {"ref_key": "r-1"}}
]}
)";
}

} // namespace ardoq::test
