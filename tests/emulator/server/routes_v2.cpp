// API v2 (openapi.json): /me, workspaces, components, references, batch.
#include "json_text.hpp"
#include "listing.hpp"
#include "routes.hpp"
#include "shapes_v2.hpp"
#include "v2_writes.hpp"

namespace ardoq::emulator {

namespace {

const std::set<std::string, std::less<>> k_component_filters = {"rootWorkspace", "typeId", "name",
                                                                "parent", "componentKey"};
const std::set<std::string, std::less<>> k_reference_filters = {
    "rootWorkspace", "source", "target", "type", "targetWorkspace", "displayText"};

// A customFields.<key>=<text> filter, with the text canonicalised for the field's type.
struct FieldFilter {
    std::string key;
    std::string value;
};

std::string field_type_for(const Store& store, const std::string* workspace,
                           const std::string& key) {
    if (workspace != nullptr) {
        const Workspace* w = store.workspace(*workspace);
        const Field* f = w == nullptr ? nullptr : store.field(w->model_id, key);
        return f == nullptr ? std::string() : f->type;
    }
    for (const auto& [id, f] : store.fields)
        if (f.api_key == key)
            return f.type;
    return {};
}

std::vector<FieldFilter> field_filters(const RouteContext& ctx, const std::string* workspace) {
    std::vector<FieldFilter> out;
    for (const auto& [name, value] : ctx.target.query)
        if (name.rfind("customFields.", 0) == 0) {
            std::string key = name.substr(13);
            out.push_back(
                {key, canonical_from_text(value, field_type_for(ctx.store, workspace, key))});
        }
    return out;
}

bool fields_match(const json::object& custom_fields, const std::vector<FieldFilter>& filters) {
    for (const auto& f : filters) {
        const json::value* v = find(custom_fields, f.key);
        if (v == nullptr)
            return false;
        auto canon = canonical(*v);
        if (!canon || *canon != f.value)
            return false;
    }
    return true;
}

HttpResponse list_workspaces(RouteContext& ctx) {
    check_filters(ctx, {"name", "componentModel"}, false);
    const std::string* name = ctx.target.param("name");
    const std::string* model = ctx.target.param("componentModel");
    std::map<std::uint64_t, const Workspace*> all;
    for (const Workspace* w : ctx.store.workspaces())
        all.emplace(w->seq, w);
    auto keep = [&](const Workspace& w) {
        return (name == nullptr || w.name == *name) && (model == nullptr || w.model_id == *model);
    };
    return page_response(ctx, paginate(all, page_cursor(ctx), ctx.options.page_size, keep,
                                       [](std::string& out, const Workspace& w) {
                                           out += json::serialize(workspace_v2(w));
                                       }));
}

HttpResponse list_components(RouteContext& ctx) {
    check_filters(ctx, k_component_filters, true);
    const Store& store = ctx.store;
    const std::string* ws = ctx.target.param("rootWorkspace");
    const std::string* type_id = ctx.target.param("typeId");
    const std::string* name = ctx.target.param("name");
    const std::string* parent = ctx.target.param("parent");
    const std::string* key = ctx.target.param("componentKey");
    auto filters = field_filters(ctx, ws);
    auto keep = [&](const Component& c) {
        return (ws == nullptr || c.root_workspace == *ws) &&
               (type_id == nullptr || c.type_id == *type_id) &&
               (name == nullptr || c.name == *name) && (parent == nullptr || c.parent == *parent) &&
               (key == nullptr || c.component_key == *key) &&
               fields_match(c.custom_fields, filters);
    };
    auto shape = [&](std::string& out, const Component& c) { append_component_v2(out, store, c); };
    std::uint64_t after = page_cursor(ctx);
    std::size_t size = ctx.options.page_size;

    // Start from the narrowest index the filters allow.
    if (key != nullptr) {
        ComponentSet one;
        if (const Component* c = store.component_by_key(*key))
            one.emplace(c->seq, c);
        return page_response(ctx, paginate(one, after, size, keep, shape));
    }
    if (parent != nullptr)
        return page_response(ctx, paginate(store.children(*parent), after, size, keep, shape));
    if (ws != nullptr && !filters.empty())
        return page_response(
            ctx, paginate(store.components_with_field(*ws, filters[0].key, filters[0].value), after,
                          size, keep, shape));
    if (ws != nullptr && name != nullptr)
        return page_response(ctx, paginate(store.components_named(*ws, *name, NameMatch::exact),
                                           after, size, keep, shape));
    if (ws != nullptr && type_id != nullptr)
        return page_response(
            ctx, paginate(store.components_of_type(*ws, *type_id), after, size, keep, shape));
    if (ws != nullptr)
        return page_response(ctx, paginate(store.components_in(*ws), after, size, keep, shape));
    return page_response(ctx, paginate(store.components(), after, size, keep, shape));
}

HttpResponse list_references(RouteContext& ctx) {
    check_filters(ctx, k_reference_filters, true);
    const Store& store = ctx.store;
    const std::string* ws = ctx.target.param("rootWorkspace");
    const std::string* source = ctx.target.param("source");
    const std::string* target = ctx.target.param("target");
    const std::string* type = ctx.target.param("type");
    const std::string* target_ws = ctx.target.param("targetWorkspace");
    const std::string* display = ctx.target.param("displayText");
    auto filters = field_filters(ctx, ws);
    auto keep = [&](const Reference& r) {
        return (ws == nullptr || r.root_workspace == *ws) &&
               (source == nullptr || r.source == *source) &&
               (target == nullptr || r.target == *target) &&
               (type == nullptr || std::to_string(r.type) == *type) &&
               (target_ws == nullptr || r.target_workspace == *target_ws) &&
               (display == nullptr ||
                (r.display_text.is_string() && r.display_text.get_string() == *display)) &&
               fields_match(r.custom_fields, filters);
    };
    auto shape = [](std::string& out, const Reference& r) { append_reference_v2(out, r); };
    std::uint64_t after = page_cursor(ctx);
    std::size_t size = ctx.options.page_size;
    if (source != nullptr)
        return page_response(ctx,
                             paginate(store.references_from(*source), after, size, keep, shape));
    if (target != nullptr)
        return page_response(ctx, paginate(store.references_to(*target), after, size, keep, shape));
    if (ws != nullptr && !filters.empty())
        return page_response(
            ctx, paginate(store.references_with_field(*ws, filters[0].key, filters[0].value), after,
                          size, keep, shape));
    if (ws != nullptr)
        return page_response(ctx, paginate(store.references_in(*ws), after, size, keep, shape));
    return page_response(ctx, paginate(store.references(), after, size, keep, shape));
}

[[noreturn]] void not_found(const RouteContext& ctx, const std::string& what,
                            const std::string& id) {
    fail(404, "not_found", ctx.operation(), what + " " + quoted(id) + " does not exist",
         is_oid(id) ? "" : "ids are 24 lowercase hex characters (OIDs)");
}

HttpResponse workspace_routes(RouteContext& ctx, const std::vector<std::string>& seg) {
    const std::string& method = ctx.request.method;
    if (seg.size() == 3) {
        if (method != "GET")
            ctx.method_not_allowed("GET");
        return list_workspaces(ctx);
    }
    const Workspace* w = ctx.store.workspace(seg[3]);
    if (seg.size() == 4 || (seg.size() == 5 && seg[4] == "context")) {
        if (method != "GET")
            ctx.method_not_allowed("GET");
        if (w == nullptr)
            not_found(ctx, "workspace", seg[3]);
        return json_response(200, seg.size() == 4 ? workspace_v2(*w) : context_v2(ctx.store, *w));
    }
    fail(404, "not_found", ctx.operation(), "no such API route");
}

HttpResponse entity_routes(RouteContext& ctx, const std::vector<std::string>& seg,
                           bool components) {
    const std::string& method = ctx.request.method;
    if (seg.size() == 3) {
        if (method == "GET")
            return components ? list_components(ctx) : list_references(ctx);
        if (method == "POST")
            return components ? create_component(ctx) : create_reference(ctx);
        ctx.method_not_allowed("GET, POST");
    }
    if (seg.size() != 4)
        fail(404, "not_found", ctx.operation(), "no such API route");
    const std::string& id = seg[3];
    if (method == "GET") {
        HttpResponse answer;
        if (components) {
            const Component* c = ctx.store.component(id);
            if (c == nullptr)
                not_found(ctx, "component", id);
            append_component_v2(answer.body, ctx.store, *c);
            return answer;
        }
        const Reference* r = ctx.store.reference(id);
        if (r == nullptr)
            not_found(ctx, "reference", id);
        append_reference_v2(answer.body, *r);
        return answer;
    }
    if (method == "PATCH")
        return components ? update_component(ctx, id) : update_reference(ctx, id);
    if (method == "DELETE")
        return components ? delete_component(ctx, id) : delete_reference(ctx, id);
    ctx.method_not_allowed("GET, PATCH, DELETE");
}

} // namespace

std::optional<HttpResponse> route_v2(RouteContext& ctx) {
    const auto& seg = ctx.target.segments;
    if (seg.size() < 3 || seg[0] != "api" || seg[1] != "v2")
        return std::nullopt;
    const std::string& method = ctx.request.method;
    const std::string& resource = seg[2];
    if (resource == "me" && seg.size() == 3) {
        if (method != "GET")
            ctx.method_not_allowed("GET");
        return json_response(200, me_v2(ctx.store));
    }
    if (resource == "workspaces")
        return workspace_routes(ctx, seg);
    if (resource == "components")
        return entity_routes(ctx, seg, true);
    if (resource == "references")
        return entity_routes(ctx, seg, false);
    if (resource == "batch" && (seg.size() == 3 || (seg.size() == 4 && seg[3] == "expand"))) {
        if (method != "POST")
            ctx.method_not_allowed("POST");
        return batch_route(ctx, seg.size() == 4);
    }
    fail(404, "not_found", ctx.operation(), "no such API v2 route",
         "v2 routes: /me, /workspaces[/{id}[/context]], /components[/{id}], "
         "/references[/{id}], /batch, /batch/expand");
}

} // namespace ardoq::emulator
