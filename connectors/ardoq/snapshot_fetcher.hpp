#pragma once
// Reads one workspace from the Ardoq API into a Snapshot: the workspace, its context
// (metamodel), then every page of its components and of its references (v2). A v2
// workspace snapshot is exactly these four calls; there is no aggregated endpoint.

#include "connectors/ardoq/api_client.hpp"
#include "model/snapshot.hpp"

#include <string_view>

namespace ardoq::connectors {

// Throws ApiError when a call fails and RunError when an answer cannot be read
// (naming the page and the position of the bad entity).
model::Snapshot fetch_workspace_snapshot(ApiClient& client, std::string_view workspace_id);

// Finds a workspace by OID or by exact name. Throws InputError when none or several
// match (the hint lists what there is), ApiError when a call fails.
model::WorkspaceInfo resolve_workspace(ApiClient& client, std::string_view name_or_id);

// Current UTC time as ISO-8601 with milliseconds ("2026-07-13T08:13:30.378Z").
std::string utc_now_iso();

} // namespace ardoq::connectors
