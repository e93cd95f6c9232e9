#pragma once
// API v1 (legacy, base /api/): the calls ardoqpy makes (API.md §6), on the same store as v2.
// POST answers 201, PUT 200, DELETE 204; PUT needs the stored _version in the body (409 when
// it differs). Component and reference writes run as one-operation batches, so they follow
// the batch rules; custom fields travel flat on the entity.

#include "routes.hpp"

#include <string>
#include <vector>

namespace ardoq::emulator {

using Segments = std::vector<std::string>;

// /api/workspace, /api/workspacefolder, /api/model, /api/user (routes_v1_workspaces.cpp)
HttpResponse v1_workspaces(RouteContext& ctx, const Segments& seg);
HttpResponse v1_folders(RouteContext& ctx, const Segments& seg);
HttpResponse v1_models(RouteContext& ctx, const Segments& seg);
HttpResponse v1_user(RouteContext& ctx, const Segments& seg);
// /api/component, /api/reference (routes_v1_entities.cpp)
HttpResponse v1_components(RouteContext& ctx, const Segments& seg);
HttpResponse v1_references(RouteContext& ctx, const Segments& seg);
// /api/tag, /api/field (routes_v1_meta.cpp)
HttpResponse v1_tags(RouteContext& ctx, const Segments& seg);
HttpResponse v1_fields(RouteContext& ctx, const Segments& seg);

// ---- helpers shared by the v1 route files

// The request body as a JSON object; 400 otherwise.
json::object v1_body(const RouteContext& ctx);
// The body's _version, checked against `stored`: 400 when missing, 409 when different.
void v1_check_version(const RouteContext& ctx, const json::object& body, std::int64_t stored,
                      const std::string& what, const std::string& id);
[[noreturn]] void v1_not_found(const RouteContext& ctx, const std::string& what,
                               const std::string& id);
// An optional string member ("" when absent or null); 400 when it is another kind.
std::string v1_string(const RouteContext& ctx, const json::object& body, std::string_view key,
                      bool required);
HttpResponse v1_no_content();

} // namespace ardoq::emulator
