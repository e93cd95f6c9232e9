// API v1: workspaces (list, summary, get, aggregated, create from a template, update,
// delete), workspace folders, models and the current user.
#include "routes_v1.hpp"
#include "shapes_v1.hpp"

#include <algorithm>

namespace ardoq::emulator {

namespace {

json::array all_workspaces(const Store& store, bool summary) {
    json::array out;
    for (const Workspace* w : store.workspaces())
        out.emplace_back(summary ? workspace_summary_v1(store, *w)
                                 : workspace_v1(store, *w, false));
    return out;
}

// A copy of a template model (types, reference types and fields) under new ids.
std::string copy_model(Store& store, const Model& model, const std::string& name) {
    Model copy = model;
    copy.id = store.new_id();
    copy.seq = store.next_seq();
    copy.name = name;
    copy.use_as_template = false;
    copy.version = 1;
    copy.meta = store.new_meta();
    for (const Field* f : store.fields_of(model.id)) {
        Field field = *f;
        field.id = store.new_id();
        field.seq = store.next_seq();
        field.model_id = copy.id;
        field.version = 1;
        field.meta = store.new_meta();
        store.fields.put(std::move(field));
    }
    std::string id = copy.id;
    store.models.put(std::move(copy));
    return id;
}

void delete_workspace(Store& store, const Workspace& w) {
    std::vector<std::string> references, components, tags;
    for (const auto& [seq, c] : store.components_in(w.id)) {
        components.push_back(c->id);
        for (const ReferenceSet* set : {&store.references_from(c->id), &store.references_to(c->id)})
            for (const auto& [rseq, r] : *set)
                references.push_back(r->id);
    }
    for (const auto& id : references)
        store.erase_reference(id);
    for (const auto& id : components)
        store.erase_component(id);
    for (const Tag* t : store.tags.ordered())
        if (t->root_workspace == w.id)
            tags.push_back(t->id);
    for (const auto& id : tags)
        store.tags.erase(id);
    if (Folder* f = store.folders.find(w.folder_id))
        std::erase(f->workspaces, w.id);
    store.erase_workspace(w.id);
}

HttpResponse create_workspace(RouteContext& ctx) {
    json::object body = v1_body(ctx);
    Store& store = ctx.store;
    std::string name = v1_string(ctx, body, "name", true);
    std::string template_id = v1_string(ctx, body, "componentTemplate", false);
    if (template_id.empty())
        fail(400, "invalid_request", ctx.operation(), "body.componentTemplate is required",
             "give the id of the model to copy; list the models with GET /api/model");
    const Model* model = store.models.find(template_id);
    if (model == nullptr)
        fail(422, "unknown_model", ctx.operation(),
             "body.componentTemplate " + quoted(template_id) + " is not an existing model",
             "list the models with GET /api/model");
    std::string folder = v1_string(ctx, body, "folder", false);
    if (!folder.empty() && !store.folders.contains(folder))
        fail(422, "unknown_folder", ctx.operation(),
             "body.folder " + quoted(folder) + " is not an existing workspace folder");
    Workspace w;
    w.id = store.new_id();
    w.model_id = copy_model(store, *model, name);
    w.seq = store.next_seq();
    w.name = name;
    if (const json::value* d = find(body, "description"); d && d->is_string())
        w.description = *d;
    w.workspace_key = store.unique_workspace_key({}, name);
    w.folder_id = folder;
    w.meta = store.new_meta();
    if (Folder* f = store.folders.find(folder))
        f->workspaces.push_back(w.id);
    std::string id = w.id;
    store.put_workspace(std::move(w));
    return json_response(201, workspace_v1(store, *store.workspace(id), false));
}

HttpResponse update_workspace(RouteContext& ctx, const Workspace& current) {
    json::object body = v1_body(ctx);
    v1_check_version(ctx, body, current.version, "workspace", current.id);
    Workspace w = current;
    if (find(body, "name") != nullptr)
        w.name = v1_string(ctx, body, "name", true);
    if (const json::value* d = find(body, "description"); d && (d->is_string() || d->is_null()))
        w.description = *d;
    ++w.version;
    ctx.store.touch_meta(w.meta);
    std::string id = w.id;
    ctx.store.put_workspace(std::move(w));
    return json_response(200, workspace_v1(ctx.store, *ctx.store.workspace(id), false));
}

} // namespace

HttpResponse v1_workspaces(RouteContext& ctx, const Segments& seg) {
    const std::string& method = ctx.request.method;
    if (seg.size() == 2) {
        if (method == "GET")
            return json_response(200, all_workspaces(ctx.store, false));
        if (method == "POST")
            return create_workspace(ctx);
        ctx.method_not_allowed("GET, POST");
    }
    if (seg.size() == 3 && seg[2] == "summary") {
        if (method != "GET")
            ctx.method_not_allowed("GET");
        return json_response(200, all_workspaces(ctx.store, true));
    }
    const Workspace* w = ctx.store.workspace(seg[2]);
    if (seg.size() == 4 && seg[3] == "aggregated") {
        if (method != "GET")
            ctx.method_not_allowed("GET");
        if (w == nullptr)
            v1_not_found(ctx, "workspace", seg[2]);
        return json_response(200, workspace_v1(ctx.store, *w, true));
    }
    if (seg.size() != 3)
        fail(404, "not_found", ctx.operation(), "no such API v1 route");
    if (w == nullptr)
        v1_not_found(ctx, "workspace", seg[2]);
    if (method == "GET")
        return json_response(200, workspace_v1(ctx.store, *w, false));
    if (method == "PUT")
        return update_workspace(ctx, *w);
    if (method == "DELETE") {
        delete_workspace(ctx.store, *w);
        return v1_no_content();
    }
    ctx.method_not_allowed("GET, PUT, DELETE");
}

HttpResponse v1_folders(RouteContext& ctx, const Segments& seg) {
    const std::string& method = ctx.request.method;
    Store& store = ctx.store;
    if (seg.size() == 2) {
        if (method == "GET") {
            json::array out;
            for (const Folder* f : store.folders.ordered())
                out.emplace_back(folder_v1(*f));
            return json_response(200, out);
        }
        if (method != "POST")
            ctx.method_not_allowed("GET, POST");
        json::object body = v1_body(ctx);
        Folder f;
        f.id = store.new_id();
        f.seq = store.next_seq();
        f.name = v1_string(ctx, body, "name", true);
        if (const json::value* d = find(body, "description"); d && d->is_string())
            f.description = *d;
        f.meta = store.new_meta();
        std::string id = f.id;
        store.folders.put(std::move(f));
        return json_response(201, folder_v1(*store.folders.find(id)));
    }
    Folder* folder = store.folders.find(seg[2]);
    if (folder == nullptr)
        v1_not_found(ctx, "workspace folder", seg[2]);
    if (seg.size() == 3) {
        if (method != "GET")
            ctx.method_not_allowed("GET");
        return json_response(200, folder_v1(*folder));
    }
    if (seg.size() == 4 && seg[3] == "add") {
        if (method != "PUT")
            ctx.method_not_allowed("PUT");
        json::object body = v1_body(ctx);
        const json::value* list = find(body, "workspaces");
        if (list == nullptr || !list->is_array())
            fail(400, "invalid_request", ctx.operation(),
                 "body.workspaces is required (an array of workspace ids)");
        std::vector<std::string> ids;
        for (const auto& v : list->get_array()) {
            if (!v.is_string() || store.workspace(std::string(v.get_string())) == nullptr)
                fail(422, "unknown_workspace", ctx.operation(),
                     "body.workspaces: " + json::serialize(v) + " is not an existing workspace");
            ids.emplace_back(v.get_string());
        }
        for (const auto& id : ids) {
            Workspace w = *store.workspace(id);
            if (Folder* old = store.folders.find(w.folder_id))
                std::erase(old->workspaces, id);
            w.folder_id = folder->id;
            store.put_workspace(std::move(w));
            if (std::find(folder->workspaces.begin(), folder->workspaces.end(), id) ==
                folder->workspaces.end())
                folder->workspaces.push_back(id);
        }
        ++folder->version;
        store.touch_meta(folder->meta);
        return json_response(200, folder_v1(*folder));
    }
    fail(404, "not_found", ctx.operation(), "no such API v1 route");
}

HttpResponse v1_models(RouteContext& ctx, const Segments& seg) {
    if (ctx.request.method != "GET")
        ctx.method_not_allowed("GET");
    if (seg.size() == 2) {
        json::array out;
        for (const Model* m : ctx.store.models.ordered())
            out.emplace_back(model_v1(*m));
        return json_response(200, out);
    }
    if (seg.size() != 3)
        fail(404, "not_found", ctx.operation(), "no such API v1 route");
    const Model* m = ctx.store.models.find(seg[2]);
    if (m == nullptr)
        v1_not_found(ctx, "model", seg[2]);
    return json_response(200, model_v1(*m));
}

HttpResponse v1_user(RouteContext& ctx, const Segments& seg) {
    if (seg.size() != 3 || seg[2] != "current_user")
        fail(404, "not_found", ctx.operation(), "no such API v1 route",
             "the v1 user route is /api/user/current_user");
    if (ctx.request.method != "GET")
        ctx.method_not_allowed("GET");
    return json_response(200, user_v1(ctx.store));
}

} // namespace ardoq::emulator
