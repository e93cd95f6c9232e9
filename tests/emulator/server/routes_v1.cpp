#include "routes_v1.hpp"

namespace ardoq::emulator {

json::object v1_body(const RouteContext& ctx) {
    json::value body = ctx.body_json();
    if (!body.is_object())
        fail(400, "invalid_request", ctx.operation(),
             "the request body must be a JSON object, not " + kind_name(body));
    return std::move(body.get_object());
}

void v1_check_version(const RouteContext& ctx, const json::object& body, std::int64_t stored,
                      const std::string& what, const std::string& id) {
    const json::value* v = find(body, "_version");
    if (v == nullptr || !v->is_int64())
        fail(400, "invalid_request", ctx.operation(), "_version is required (an integer)",
             "send the whole " + what + " as fetched, with its _version");
    if (v->get_int64() != stored)
        fail(409, "version_conflict", ctx.operation(),
             "_version " + std::to_string(v->get_int64()) + " does not match _version " +
                 std::to_string(stored) + " of " + what + " " + id,
             "fetch the " + what + " again and apply the change to it");
}

void v1_not_found(const RouteContext& ctx, const std::string& what, const std::string& id) {
    fail(404, "not_found", ctx.operation(), what + " " + quoted(id) + " does not exist");
}

std::string v1_string(const RouteContext& ctx, const json::object& body, std::string_view key,
                      bool required) {
    const json::value* v = find(body, key);
    if (v == nullptr || v->is_null()) {
        if (required)
            fail(400, "invalid_request", ctx.operation(),
                 "body." + std::string(key) + " is required");
        return {};
    }
    if (!v->is_string())
        fail(400, "invalid_request", ctx.operation(),
             "body." + std::string(key) + " must be a string, not " + kind_name(*v));
    return std::string(v->get_string());
}

HttpResponse v1_no_content() {
    HttpResponse r;
    r.status = 204;
    return r;
}

std::optional<HttpResponse> route_v1(RouteContext& ctx) {
    const auto& seg = ctx.target.segments;
    if (seg.size() < 2 || seg[0] != "api" || seg[1] == "v2")
        return std::nullopt;
    const std::string& resource = seg[1];
    if (resource == "workspace")
        return v1_workspaces(ctx, seg);
    if (resource == "workspacefolder")
        return v1_folders(ctx, seg);
    if (resource == "model")
        return v1_models(ctx, seg);
    if (resource == "user")
        return v1_user(ctx, seg);
    if (resource == "component")
        return v1_components(ctx, seg);
    if (resource == "reference")
        return v1_references(ctx, seg);
    if (resource == "tag")
        return v1_tags(ctx, seg);
    if (resource == "field")
        return v1_fields(ctx, seg);
    fail(404, "not_found", ctx.operation(), "no such API v1 route",
         "v1 routes: workspace, workspacefolder, model, component, reference, tag, field, "
         "user/current_user");
}

} // namespace ardoq::emulator
