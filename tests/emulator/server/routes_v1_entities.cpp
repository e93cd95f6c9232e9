// API v1: components and references, with custom fields flat on the entity. Writes run as
// one-operation batches (v2_writes.hpp), so every batch rule and message applies.
#include "routes_v1.hpp"
#include "shapes_v1.hpp"
#include "v2_writes.hpp"

#include <set>

namespace ardoq::emulator {

namespace {

const std::set<std::string, std::less<>> k_component_body = {
    "name", "rootWorkspace", "typeId", "parent", "description", "color", "shape", "icon", "image"};
const std::set<std::string, std::less<>> k_reference_body = {"source", "target", "type",
                                                             "displayText", "description"};

// A v1 entity → a batch body: the known members as they are, every unknown member a custom
// field, v1 metadata dropped.
template <class IsMember>
json::object batch_body(const json::object& v1, const std::set<std::string, std::less<>>& keep,
                        IsMember&& is_member) {
    json::object body, fields;
    for (const auto& [k, v] : v1) {
        if (keep.count(std::string_view(k)))
            body[k] = v;
        else if (!is_member(k))
            fields[k] = v;
    }
    if (!fields.empty())
        body["customFields"] = std::move(fields);
    return body;
}

json::array component_list(const Store& store, const ComponentSet& set) {
    json::array out;
    for (const auto& [seq, c] : set)
        out.emplace_back(component_v1(store, *c));
    return out;
}

HttpResponse search(RouteContext& ctx) {
    const Store& store = ctx.store;
    const std::string* ws = ctx.target.param("workspace");
    const std::string* name = ctx.target.param("name");
    ComponentSet found;
    if (ws != nullptr && name != nullptr)
        found = store.components_named(*ws, *name, store.name_match());
    else if (ws != nullptr)
        found = store.components_in(*ws);
    else
        for (const auto& [seq, c] : store.components())
            if (name == nullptr || c->name == *name)
                found.emplace(seq, c);
    return json_response(200, component_list(store, found));
}

HttpResponse field_search(RouteContext& ctx) {
    const Store& store = ctx.store;
    const std::string* ws = ctx.target.param("workspace");
    if (ws == nullptr)
        fail(400, "invalid_request", ctx.operation(), "the query parameter workspace is required",
             "use /api/component/fieldsearch?workspace=<id>&<field>=<value>");
    const Workspace* w = store.workspace(*ws);
    std::vector<std::pair<std::string, std::string>> filters;
    for (const auto& [k, v] : ctx.target.query)
        if (k != "workspace") {
            const Field* f = w == nullptr ? nullptr : store.field(w->model_id, k);
            filters.emplace_back(k, canonical_from_text(v, f == nullptr ? "" : f->type));
        }
    if (filters.empty())
        fail(400, "invalid_request", ctx.operation(),
             "give at least one <field>=<value> parameter");
    ComponentSet found;
    for (const auto& [seq, c] :
         store.components_with_field(*ws, filters[0].first, filters[0].second)) {
        bool all = true;
        for (const auto& [k, v] : filters) {
            const json::value* value = find(c->custom_fields, k);
            all = all && value != nullptr && canonical(*value) == v;
        }
        if (all)
            found.emplace(seq, c);
    }
    return json_response(200, component_list(store, found));
}

HttpResponse update_component(RouteContext& ctx, const Component& current) {
    json::object v1 = v1_body(ctx);
    v1_check_version(ctx, v1, current.version, "component", current.id);
    for (const char* key : {"typeId", "rootWorkspace"}) {
        const json::value* v = find(v1, key);
        const std::string& stored =
            std::string_view(key) == "typeId" ? current.type_id : current.root_workspace;
        if (v != nullptr && !(v->is_string() && v->get_string() == stored))
            fail(422, "immutable_member", ctx.operation(),
                 std::string("body.") + key + " cannot be changed from " + quoted(stored),
                 "delete the component and create it again");
    }
    json::object body = batch_body(v1, k_component_body, is_v1_component_member);
    body.erase("typeId");
    body.erase("rootWorkspace");
    std::string id = current.id;
    run_single(ctx, "components", "update",
               {{"id", id}, {"ifVersionMatch", current.version}, {"body", std::move(body)}});
    return json_response(200, component_v1(ctx.store, *ctx.store.component(id)));
}

HttpResponse update_reference(RouteContext& ctx, const Reference& current) {
    json::object v1 = v1_body(ctx);
    v1_check_version(ctx, v1, current.version, "reference", current.id);
    if (const json::value* t = find(v1, "type");
        t && !(t->is_int64() && t->get_int64() == current.type))
        fail(422, "immutable_member", ctx.operation(),
             "body.type cannot be changed from " + std::to_string(current.type),
             "delete the reference and create it again");
    json::object body = batch_body(v1, k_reference_body, is_v1_reference_member);
    body.erase("type");
    std::string id = current.id;
    run_single(ctx, "references", "update",
               {{"id", id}, {"ifVersionMatch", current.version}, {"body", std::move(body)}});
    return json_response(200, reference_v1(*ctx.store.reference(id)));
}

} // namespace

HttpResponse v1_components(RouteContext& ctx, const Segments& seg) {
    const std::string& method = ctx.request.method;
    if (seg.size() == 2) {
        if (method != "POST")
            ctx.method_not_allowed("POST");
        json::object body = batch_body(v1_body(ctx), k_component_body, is_v1_component_member);
        json::object answer = run_single(ctx, "components", "create", {{"body", std::move(body)}});
        std::string id(answer.at("components").at("created").at(0).at("id").get_string());
        return json_response(201, component_v1(ctx.store, *ctx.store.component(id)));
    }
    if (seg.size() == 3 && (seg[2] == "search" || seg[2] == "fieldsearch")) {
        if (method != "GET")
            ctx.method_not_allowed("GET");
        return seg[2] == "search" ? search(ctx) : field_search(ctx);
    }
    if (seg.size() != 3)
        fail(404, "not_found", ctx.operation(), "no such API v1 route");
    const Component* c = ctx.store.component(seg[2]);
    if (c == nullptr)
        v1_not_found(ctx, "component", seg[2]);
    if (method == "GET")
        return json_response(200, component_v1(ctx.store, *c));
    if (method == "PUT")
        return update_component(ctx, *c);
    if (method == "DELETE") {
        run_single(ctx, "components", "delete", {{"id", seg[2]}});
        return v1_no_content();
    }
    ctx.method_not_allowed("GET, PUT, DELETE");
}

HttpResponse v1_references(RouteContext& ctx, const Segments& seg) {
    const std::string& method = ctx.request.method;
    if (seg.size() == 2) {
        if (method == "GET") {
            const std::string* ws = ctx.target.param("workspace");
            json::array out;
            const ReferenceSet& set =
                ws == nullptr ? ctx.store.references() : ctx.store.references_in(*ws);
            for (const auto& [seq, r] : set)
                out.emplace_back(reference_v1(*r));
            return json_response(200, out);
        }
        if (method != "POST")
            ctx.method_not_allowed("GET, POST");
        json::object body = batch_body(v1_body(ctx), k_reference_body, is_v1_reference_member);
        json::object answer = run_single(ctx, "references", "create", {{"body", std::move(body)}});
        std::string id(answer.at("references").at("created").at(0).at("id").get_string());
        return json_response(201, reference_v1(*ctx.store.reference(id)));
    }
    if (seg.size() != 3)
        fail(404, "not_found", ctx.operation(), "no such API v1 route");
    const Reference* r = ctx.store.reference(seg[2]);
    if (r == nullptr)
        v1_not_found(ctx, "reference", seg[2]);
    if (method == "GET")
        return json_response(200, reference_v1(*r));
    if (method == "PUT")
        return update_reference(ctx, *r);
    if (method == "DELETE") {
        run_single(ctx, "references", "delete", {{"id", seg[2]}});
        return v1_no_content();
    }
    ctx.method_not_allowed("GET, PUT, DELETE");
}

} // namespace ardoq::emulator
