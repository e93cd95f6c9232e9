#include "shapes_v1.hpp"

#include "shapes_v2.hpp"

#include <set>

namespace ardoq::emulator {

namespace {

using KeySet = std::set<std::string, std::less<>>;

const KeySet k_component_members = {"_id",
                                    "_version",
                                    "name",
                                    "description",
                                    "rootWorkspace",
                                    "model",
                                    "typeId",
                                    "type",
                                    "parent",
                                    "children",
                                    "component-key",
                                    "created",
                                    "created-by",
                                    "last-updated",
                                    "last-modified-by",
                                    "color",
                                    "shape",
                                    "icon",
                                    "image",
                                    "incomingReferenceCount",
                                    "outgoingReferenceCount",
                                    "ardoq",
                                    "state",
                                    "version",
                                    "componentKey"};

const KeySet k_reference_members = {
    "_id",           "_version",        "source",           "target",      "type",
    "rootWorkspace", "targetWorkspace", "displayText",      "description", "created",
    "created-by",    "last-updated",    "last-modified-by", "ardoq",       "version"};

void put_meta(json::object& o, const json::object& meta) {
    auto get = [&](const char* key) {
        const json::value* v = find(meta, key);
        return v == nullptr ? json::value(nullptr) : *v;
    };
    o["created"] = get("created");
    o["created-by"] = get("createdBy");
    o["last-updated"] = get("lastUpdated");
    o["last-modified-by"] = get("lastModifiedBy");
}

json::array strings(const std::vector<std::string>& values) {
    json::array out;
    for (const auto& v : values)
        out.emplace_back(v);
    return out;
}

json::object type_node(const Model& m, const ComponentType& t, std::size_t index, int level) {
    json::object node;
    node["id"] = t.type_id;
    node["name"] = t.name;
    node["index"] = index;
    node["level"] = level;
    json::object children;
    for (std::size_t i = 0; i < m.component_types.size(); ++i)
        if (m.component_types[i].parent_type_id == t.type_id)
            children[m.component_types[i].type_id] =
                type_node(m, m.component_types[i], i, level + 1);
    node["children"] = std::move(children);
    return node;
}

} // namespace

bool is_v1_component_member(std::string_view key) {
    return k_component_members.count(key) > 0;
}
bool is_v1_reference_member(std::string_view key) {
    return k_reference_members.count(key) > 0;
}

json::object component_v1(const Store& store, const Component& c) {
    json::object o;
    o["_id"] = c.id;
    o["_version"] = c.version;
    o["name"] = c.name;
    o["description"] = c.description;
    o["rootWorkspace"] = c.root_workspace;
    const Workspace* w = store.workspace(c.root_workspace);
    o["model"] = w == nullptr ? std::string() : w->model_id;
    o["typeId"] = c.type_id;
    o["type"] = type_name(store, c);
    o["parent"] = c.parent.empty() ? json::value(nullptr) : json::value(c.parent);
    json::array children;
    for (const auto& [seq, child] : store.children(c.id))
        children.emplace_back(child->id);
    o["children"] = std::move(children);
    o["component-key"] = c.component_key;
    put_meta(o, c.meta.object());
    o["color"] = c.color;
    o["shape"] = c.shape;
    o["icon"] = c.icon;
    o["image"] = c.image;
    for (const auto& [k, v] : c.custom_fields)
        o[k] = v;
    return o;
}

json::object reference_v1(const Reference& r) {
    json::object o;
    o["_id"] = r.id;
    o["_version"] = r.version;
    o["source"] = r.source;
    o["target"] = r.target;
    o["type"] = r.type;
    o["rootWorkspace"] = r.root_workspace;
    o["targetWorkspace"] = r.target_workspace;
    o["displayText"] = r.display_text;
    o["description"] = r.description;
    put_meta(o, r.meta.object());
    for (const auto& [k, v] : r.custom_fields)
        o[k] = v;
    return o;
}

json::object workspace_v1(const Store& store, const Workspace& w, bool with_entities) {
    json::object o;
    o["_id"] = w.id;
    o["_version"] = w.version;
    o["name"] = w.name;
    o["description"] = w.description;
    o["componentModel"] = w.model_id;
    o["workspaceKey"] = w.workspace_key;
    o["folder"] = w.folder_id.empty() ? json::value(nullptr) : json::value(w.folder_id);
    put_meta(o, w.meta.object());
    json::array components, references, tags;
    for (const auto& [seq, c] : store.components_in(w.id))
        components.emplace_back(with_entities ? json::value(component_v1(store, *c))
                                              : json::value(c->id));
    for (const auto& [seq, r] : store.references_in(w.id))
        references.emplace_back(with_entities ? json::value(reference_v1(*r)) : json::value(r->id));
    for (const Tag* t : store.tags.ordered())
        if (t->root_workspace == w.id)
            tags.emplace_back(with_entities ? json::value(tag_v1(*t)) : json::value(t->id));
    o["components"] = std::move(components);
    o["references"] = std::move(references);
    o["tags"] = std::move(tags);
    return o;
}

json::object workspace_summary_v1(const Store& store, const Workspace& w) {
    json::object o;
    o["_id"] = w.id;
    o["_version"] = w.version;
    o["name"] = w.name;
    o["description"] = w.description;
    o["componentModel"] = w.model_id;
    o["folder"] = w.folder_id.empty() ? json::value(nullptr) : json::value(w.folder_id);
    put_meta(o, w.meta.object());
    o["componentCount"] = store.components_in(w.id).size();
    o["referenceCount"] = store.references_in(w.id).size();
    return o;
}

json::object model_v1(const Model& m) {
    json::object o;
    o["_id"] = m.id;
    o["_version"] = m.version;
    o["name"] = m.name;
    o["useAsTemplate"] = m.use_as_template;
    json::object root;
    for (std::size_t i = 0; i < m.component_types.size(); ++i) {
        const auto& t = m.component_types[i];
        if (t.parent_type_id.empty())
            root[t.type_id] = type_node(m, t, i, 1);
    }
    o["root"] = std::move(root);
    json::object refs;
    for (const auto& t : m.reference_types) {
        json::object rt;
        rt["id"] = t.type;
        rt["name"] = t.name;
        for (const auto& [k, v] : t.extra)
            rt[k] = v;
        refs[std::to_string(t.type)] = std::move(rt);
    }
    o["referenceTypes"] = std::move(refs);
    put_meta(o, m.meta.object());
    return o;
}

json::object field_v1(const Field& f) {
    json::object o;
    o["_id"] = f.id;
    o["_version"] = f.version;
    o["name"] = f.api_key;
    o["label"] = f.label;
    o["type"] = f.type;
    o["model"] = f.model_id;
    o["componentType"] = strings(f.component_types);
    json::array refs;
    for (auto t : f.reference_types)
        refs.emplace_back(t);
    o["referenceType"] = std::move(refs);
    o["description"] = f.description;
    o["defaultValue"] = f.default_value;
    o["readOnly"] = f.read_only;
    o["calculated"] = f.calculated;
    o["options"] = strings(f.options);
    o["global"] = false;
    put_meta(o, f.meta.object());
    return o;
}

json::object tag_v1(const Tag& t) {
    json::object o;
    o["_id"] = t.id;
    o["_version"] = t.version;
    o["name"] = t.name;
    o["description"] = t.description;
    o["rootWorkspace"] = t.root_workspace;
    o["components"] = strings(t.components);
    o["references"] = strings(t.references);
    put_meta(o, t.meta.object());
    return o;
}

json::object folder_v1(const Folder& f) {
    json::object o;
    o["_id"] = f.id;
    o["_version"] = f.version;
    o["name"] = f.name;
    o["description"] = f.description;
    o["workspaces"] = strings(f.workspaces);
    put_meta(o, f.meta.object());
    return o;
}

json::object user_v1(const Store& store) {
    json::object o;
    o["_id"] = store.user.id;
    o["email"] = store.user.email;
    o["name"] = store.user.name;
    o["username"] = store.user.email;
    o["org"] = json::object{{"label", store.org.label}, {"name", store.org.name}};
    return o;
}

} // namespace ardoq::emulator
