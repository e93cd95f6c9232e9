// API v1: tags (create, get, by workspace, update, delete) and fields (list, create, get,
// update, delete).
#include "routes_v1.hpp"
#include "shapes_v1.hpp"

#include <algorithm>

namespace ardoq::emulator {

namespace {

std::vector<std::string> id_list(const RouteContext& ctx, const json::object& body,
                                 std::string_view key, bool components) {
    std::vector<std::string> out;
    const json::value* v = find(body, key);
    if (v == nullptr || v->is_null())
        return out;
    if (!v->is_array())
        fail(400, "invalid_request", ctx.operation(),
             "body." + std::string(key) + " must be an array of ids, not " + kind_name(*v));
    for (const auto& id : v->get_array()) {
        bool known = id.is_string() &&
                     (components ? ctx.store.component(std::string(id.get_string())) != nullptr
                                 : ctx.store.reference(std::string(id.get_string())) != nullptr);
        if (!known)
            fail(422, components ? "unknown_component" : "unknown_reference", ctx.operation(),
                 "body." + std::string(key) + ": " + json::serialize(id) + " is not an existing " +
                     (components ? "component" : "reference"));
        out.emplace_back(id.get_string());
    }
    return out;
}

HttpResponse write_tag(RouteContext& ctx, const Tag* current) {
    json::object body = v1_body(ctx);
    Store& store = ctx.store;
    Tag t;
    if (current != nullptr) {
        v1_check_version(ctx, body, current->version, "tag", current->id);
        t = *current;
        ++t.version;
        store.touch_meta(t.meta);
    } else {
        t.id = store.new_id();
        t.seq = store.next_seq();
        t.meta = store.new_meta();
        t.root_workspace = v1_string(ctx, body, "rootWorkspace", true);
        if (store.workspace(t.root_workspace) == nullptr)
            fail(422, "unknown_workspace", ctx.operation(),
                 "body.rootWorkspace " + quoted(t.root_workspace) +
                     " is not an existing workspace");
    }
    if (current == nullptr || find(body, "name") != nullptr)
        t.name = v1_string(ctx, body, "name", true);
    if (const json::value* d = find(body, "description"); d && (d->is_string() || d->is_null()))
        t.description = *d;
    if (current == nullptr || find(body, "components") != nullptr)
        t.components = id_list(ctx, body, "components", true);
    if (current == nullptr || find(body, "references") != nullptr)
        t.references = id_list(ctx, body, "references", false);
    std::string id = t.id;
    store.tags.put(std::move(t));
    return json_response(current == nullptr ? 201 : 200, tag_v1(*store.tags.find(id)));
}

std::vector<std::string> string_list(const RouteContext& ctx, const json::object& body,
                                     std::string_view key) {
    std::vector<std::string> out;
    const json::value* v = find(body, key);
    if (v == nullptr || v->is_null())
        return out;
    if (!v->is_array())
        fail(400, "invalid_request", ctx.operation(),
             "body." + std::string(key) + " must be an array, not " + kind_name(*v));
    for (const auto& item : v->get_array()) {
        if (!item.is_string())
            fail(400, "invalid_request", ctx.operation(),
                 "body." + std::string(key) + " must hold strings, not " + kind_name(item));
        out.emplace_back(item.get_string());
    }
    return out;
}

// Reads the members a field create or update may set, checking them against the model.
void read_field_members(const RouteContext& ctx, const json::object& body, const Model& model,
                        Field& f, bool create) {
    if (create || find(body, "label") != nullptr)
        f.label = v1_string(ctx, body, "label", false);
    if (f.label.empty())
        f.label = f.api_key;
    if (create || find(body, "componentType") != nullptr) {
        f.component_types = string_list(ctx, body, "componentType");
        for (const auto& t : f.component_types)
            if (model.component_type(t) == nullptr)
                fail(422, "unknown_type_id", ctx.operation(),
                     "body.componentType: " + quoted(t) + " is not a component type of model " +
                         quoted(model.name));
    }
    if (const json::value* refs = find(body, "referenceType"); refs && refs->is_array()) {
        f.reference_types.clear();
        for (const auto& t : refs->get_array()) {
            if (!t.is_int64() || model.reference_type(t.get_int64()) == nullptr)
                fail(422, "unknown_reference_type", ctx.operation(),
                     "body.referenceType: " + json::serialize(t) +
                         " is not a reference type of model " + quoted(model.name));
            f.reference_types.push_back(t.get_int64());
        }
    }
    if (const json::value* d = find(body, "description"); d && (d->is_string() || d->is_null()))
        f.description = *d;
    if (const json::value* d = find(body, "defaultValue"))
        f.default_value = *d;
    if (find(body, "options") != nullptr)
        f.options = string_list(ctx, body, "options");
}

// A deleted field takes its values along, in every workspace of its model.
void remove_field_values(Store& store, const Field& field) {
    std::vector<std::string> components, references;
    for (const Workspace* w : store.workspaces()) {
        if (w->model_id != field.model_id)
            continue;
        for (const auto& [seq, c] : store.components_in(w->id))
            if (c->custom_fields.contains(field.api_key))
                components.push_back(c->id);
        for (const auto& [seq, r] : store.references_in(w->id))
            if (r->custom_fields.contains(field.api_key))
                references.push_back(r->id);
    }
    for (const auto& id : components) {
        Component c = *store.component(id);
        c.custom_fields.erase(field.api_key);
        store.put_component(std::move(c));
    }
    for (const auto& id : references) {
        Reference r = *store.reference(id);
        r.custom_fields.erase(field.api_key);
        store.put_reference(std::move(r));
    }
}

HttpResponse create_field(RouteContext& ctx) {
    json::object body = v1_body(ctx);
    Store& store = ctx.store;
    Field f;
    f.api_key = v1_string(ctx, body, "name", true);
    f.type = v1_string(ctx, body, "type", true);
    f.model_id = v1_string(ctx, body, "model", true);
    const Model* model = store.models.find(f.model_id);
    if (model == nullptr)
        fail(422, "unknown_model", ctx.operation(),
             "body.model " + quoted(f.model_id) + " is not an existing model",
             "list the models with GET /api/model");
    if (store.field(f.model_id, f.api_key) != nullptr)
        fail(409, "field_exists", ctx.operation(),
             "model " + quoted(model->name) + " already has a field " + quoted(f.api_key),
             "update that field with PUT /api/field/<id> instead");
    read_field_members(ctx, body, *model, f, true);
    f.id = store.new_id();
    f.seq = store.next_seq();
    f.meta = store.new_meta();
    std::string id = f.id;
    store.fields.put(std::move(f));
    return json_response(201, field_v1(*store.fields.find(id)));
}

HttpResponse update_field(RouteContext& ctx, const Field& current) {
    json::object body = v1_body(ctx);
    v1_check_version(ctx, body, current.version, "field", current.id);
    for (const auto& [key, stored] :
         {std::pair{"name", current.api_key}, std::pair{"type", current.type},
          std::pair{"model", current.model_id}}) {
        const json::value* v = find(body, key);
        if (v != nullptr && !(v->is_string() && v->get_string() == stored))
            fail(422, "immutable_member", ctx.operation(),
                 std::string("body.") + key + " cannot be changed from " + quoted(stored),
                 "create a new field instead");
    }
    Field f = current;
    read_field_members(ctx, body, *ctx.store.models.find(f.model_id), f, false);
    ++f.version;
    ctx.store.touch_meta(f.meta);
    std::string id = f.id;
    ctx.store.fields.put(std::move(f));
    return json_response(200, field_v1(*ctx.store.fields.find(id)));
}

} // namespace

HttpResponse v1_tags(RouteContext& ctx, const Segments& seg) {
    const std::string& method = ctx.request.method;
    if (seg.size() == 2) {
        if (method != "POST")
            ctx.method_not_allowed("POST");
        return write_tag(ctx, nullptr);
    }
    if (seg.size() == 4 && seg[2] == "workspace") {
        if (method != "GET")
            ctx.method_not_allowed("GET");
        if (ctx.store.workspace(seg[3]) == nullptr)
            v1_not_found(ctx, "workspace", seg[3]);
        json::array out;
        for (const Tag* t : ctx.store.tags.ordered())
            if (t->root_workspace == seg[3])
                out.emplace_back(tag_v1(*t));
        return json_response(200, out);
    }
    if (seg.size() != 3)
        fail(404, "not_found", ctx.operation(), "no such API v1 route");
    const Tag* tag = ctx.store.tags.find(seg[2]);
    if (tag == nullptr)
        v1_not_found(ctx, "tag", seg[2]);
    if (method == "GET")
        return json_response(200, tag_v1(*tag));
    if (method == "PUT")
        return write_tag(ctx, tag);
    if (method == "DELETE") {
        ctx.store.tags.erase(seg[2]);
        return v1_no_content();
    }
    ctx.method_not_allowed("GET, PUT, DELETE");
}

HttpResponse v1_fields(RouteContext& ctx, const Segments& seg) {
    const std::string& method = ctx.request.method;
    if (seg.size() == 2) {
        if (method == "GET") {
            json::array out;
            for (const Field* f : ctx.store.fields.ordered())
                out.emplace_back(field_v1(*f));
            return json_response(200, out);
        }
        if (method != "POST")
            ctx.method_not_allowed("GET, POST");
        return create_field(ctx);
    }
    if (seg.size() != 3)
        fail(404, "not_found", ctx.operation(), "no such API v1 route");
    const Field* field = ctx.store.fields.find(seg[2]);
    if (field == nullptr)
        v1_not_found(ctx, "field", seg[2]);
    if (method == "GET")
        return json_response(200, field_v1(*field));
    if (method == "PUT")
        return update_field(ctx, *field);
    if (method == "DELETE") {
        remove_field_values(ctx.store, *field);
        ctx.store.fields.erase(seg[2]);
        return v1_no_content();
    }
    ctx.method_not_allowed("GET, PUT, DELETE");
}

} // namespace ardoq::emulator
