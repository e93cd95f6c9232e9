#pragma once
// API v2 writes: POST /batch and /batch/expand, and the single-entity REST writes, which run
// as one-operation batches so that they follow exactly the same rules.

#include "routes.hpp"

namespace ardoq::emulator {

HttpResponse batch_route(RouteContext& ctx, bool expand);

// Runs {kind: {op: [operation]}} as a one-operation batch whose errors name the REST call;
// returns the BatchResponse. Used by the v1 routes too.
json::object run_single(RouteContext& ctx, const char* kind, const char* op,
                        json::object operation);
HttpResponse create_component(RouteContext& ctx);                        // POST /components → 201
HttpResponse create_reference(RouteContext& ctx);                        // POST /references → 201
HttpResponse update_component(RouteContext& ctx, const std::string& id); // PATCH ?ifVersionMatch=
HttpResponse update_reference(RouteContext& ctx, const std::string& id);
HttpResponse delete_component(RouteContext& ctx, const std::string& id); // DELETE → 204
HttpResponse delete_reference(RouteContext& ctx, const std::string& id);

} // namespace ardoq::emulator
