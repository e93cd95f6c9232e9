#include "v2_writes.hpp"

#include "batch.hpp"
#include "shapes_v2.hpp"

namespace ardoq::emulator {

namespace {

ParseSettings settings(const RouteContext& ctx, bool rest) {
    ParseSettings s;
    s.allow_mixed_upsert = ctx.options.allow_mixed_upsert;
    s.reference_upsert_by_endpoints = ctx.options.reference_upsert_by_endpoints;
    if (rest)
        s.label_override = ctx.operation();
    return s;
}

} // namespace

json::object run_single(RouteContext& ctx, const char* kind, const char* op,
                        json::object operation) {
    // A json::value, not an object: the parsed operations point into it while they run.
    json::value request =
        json::object{{kind, json::object{{op, json::array{std::move(operation)}}}}};
    BatchRequest parsed = parse_batch(request, settings(ctx, true));
    return run_batch(ctx.store, ctx.options, ctx.faults, ctx.request_number, parsed,
                     BatchMode::execute);
}

namespace {

json::value version_param(const RouteContext& ctx) {
    const std::string* v = ctx.target.param("ifVersionMatch");
    if (v == nullptr)
        fail(400, "invalid_request", ctx.operation(),
             "the query parameter ifVersionMatch is required",
             "add ?ifVersionMatch=<current _version> or ?ifVersionMatch=latest");
    if (*v == "latest")
        return "latest";
    std::int64_t n = 0;
    bool digits =
        !v->empty() && v->size() < 19 && v->find_first_not_of("0123456789") == std::string::npos;
    if (digits)
        n = std::stoll(*v);
    if (!digits || n < 1)
        fail(400, "invalid_request", ctx.operation(),
             "ifVersionMatch must be an integer >= 1 or \"latest\", not " + quoted(*v));
    return n;
}

std::string first_id(const json::object& answer, const char* kind, const char* list) {
    return std::string(answer.at(kind).at(list).at(0).at("id").get_string());
}

HttpResponse no_content() {
    HttpResponse r;
    r.status = 204;
    return r;
}

} // namespace

HttpResponse batch_route(RouteContext& ctx, bool expand) {
    json::value body = ctx.body_json();
    BatchRequest parsed = parse_batch(body, settings(ctx, false));
    if (expand)
        return json_response(200, run_batch(ctx.store, ctx.options, ctx.faults, ctx.request_number,
                                            parsed, BatchMode::expand));
    HttpResponse r;
    r.body = run_batch_text(ctx.store, ctx.options, ctx.faults, ctx.request_number, parsed);
    return r;
}

HttpResponse create_component(RouteContext& ctx) {
    json::object answer = run_single(ctx, "components", "create", {{"body", ctx.body_json()}});
    return json_response(
        201,
        component_v2(ctx.store, *ctx.store.component(first_id(answer, "components", "created"))));
}

HttpResponse create_reference(RouteContext& ctx) {
    json::object answer = run_single(ctx, "references", "create", {{"body", ctx.body_json()}});
    return json_response(
        201, reference_v2(*ctx.store.reference(first_id(answer, "references", "created"))));
}

HttpResponse update_component(RouteContext& ctx, const std::string& id) {
    json::value version = version_param(ctx);
    if (ctx.store.component(id) == nullptr)
        fail(404, "not_found", ctx.operation(), "component " + quoted(id) + " does not exist");
    run_single(ctx, "components", "update",
               {{"id", id}, {"ifVersionMatch", version}, {"body", ctx.body_json()}});
    return json_response(200, component_v2(ctx.store, *ctx.store.component(id)));
}

HttpResponse update_reference(RouteContext& ctx, const std::string& id) {
    json::value version = version_param(ctx);
    if (ctx.store.reference(id) == nullptr)
        fail(404, "not_found", ctx.operation(), "reference " + quoted(id) + " does not exist");
    run_single(ctx, "references", "update",
               {{"id", id}, {"ifVersionMatch", version}, {"body", ctx.body_json()}});
    return json_response(200, reference_v2(*ctx.store.reference(id)));
}

HttpResponse delete_component(RouteContext& ctx, const std::string& id) {
    if (ctx.store.component(id) == nullptr)
        fail(404, "not_found", ctx.operation(), "component " + quoted(id) + " does not exist");
    run_single(ctx, "components", "delete", {{"id", id}});
    return no_content();
}

HttpResponse delete_reference(RouteContext& ctx, const std::string& id) {
    if (ctx.store.reference(id) == nullptr)
        fail(404, "not_found", ctx.operation(), "reference " + quoted(id) + " does not exist");
    run_single(ctx, "references", "delete", {{"id", id}});
    return no_content();
}

} // namespace ardoq::emulator
