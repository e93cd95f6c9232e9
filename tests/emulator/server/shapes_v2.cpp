#include "shapes_v2.hpp"

namespace ardoq::emulator {

namespace {

json::value nullable(const std::string& s) {
    return s.empty() ? json::value(nullptr) : json::value(s);
}

} // namespace

std::string type_name(const Store& store, const Component& c) {
    const Model* model = store.model_of(c.root_workspace);
    const ComponentType* type = model == nullptr ? nullptr : model->component_type(c.type_id);
    return type == nullptr ? std::string() : type->name;
}

json::object component_v2(const Store& store, const Component& c) {
    json::object o;
    o.reserve(15);
    o["_id"] = c.id;
    o["_version"] = c.version;
    o["_meta"] = c.meta.object();
    o["name"] = c.name;
    o["rootWorkspace"] = c.root_workspace;
    o["typeId"] = c.type_id;
    o["type"] = type_name(store, c);
    o["parent"] = nullable(c.parent);
    o["componentKey"] = c.component_key;
    o["description"] = c.description;
    o["customFields"] = c.custom_fields;
    o["color"] = c.color;
    o["shape"] = c.shape;
    o["icon"] = c.icon;
    o["image"] = c.image;
    return o;
}

json::object reference_v2(const Reference& r) {
    json::object o;
    o.reserve(11);
    o["_id"] = r.id;
    o["_version"] = r.version;
    o["_meta"] = r.meta.object();
    o["source"] = r.source;
    o["target"] = r.target;
    o["type"] = r.type;
    o["rootWorkspace"] = r.root_workspace;
    o["targetWorkspace"] = r.target_workspace;
    o["displayText"] = r.display_text;
    o["description"] = r.description;
    o["customFields"] = r.custom_fields;
    return o;
}

json::object workspace_v2(const Workspace& w) {
    json::object o;
    o["_id"] = w.id;
    o["_version"] = w.version;
    o["_meta"] = w.meta.object();
    o["name"] = w.name;
    o["description"] = w.description;
    o["componentModel"] = w.model_id;
    o["workspaceKey"] = w.workspace_key;
    return o;
}

json::object context_v2(const Store& store, const Workspace& w) {
    json::object o;
    o["rootWorkspace"] = w.id;
    const Model* model = store.models.find(w.model_id);
    auto fields = store.fields_of(w.model_id);
    json::array component_types, reference_types, custom_fields, tags;
    if (model != nullptr) {
        for (const auto& t : model->component_types) {
            json::object ct;
            ct["typeId"] = t.type_id;
            ct["name"] = t.name;
            if (const ComponentType* parent = model->component_type(t.parent_type_id))
                ct["parent"] = json::object{{"name", parent->name}, {"typeId", parent->type_id}};
            ct["color"] = t.color;
            ct["shape"] = t.shape;
            ct["icon"] = t.icon;
            ct["image"] = t.image;
            json::array keys;
            for (const Field* f : fields)
                for (const auto& id : f->component_types)
                    if (id == t.type_id)
                        keys.emplace_back(f->api_key);
            ct["customFields"] = std::move(keys);
            component_types.emplace_back(std::move(ct));
        }
        for (const auto& t : model->reference_types) {
            json::object rt;
            rt["type"] = t.type;
            rt["name"] = t.name;
            json::array keys;
            for (const Field* f : fields)
                for (auto type : f->reference_types)
                    if (type == t.type)
                        keys.emplace_back(f->api_key);
            rt["customFields"] = std::move(keys);
            reference_types.emplace_back(std::move(rt));
        }
    }
    for (const Field* f : fields) {
        json::object cf;
        cf["apiKey"] = f->api_key;
        cf["label"] = f->label;
        cf["type"] = f->type;
        cf["readOnly"] = f->read_only;
        cf["calculated"] = f->calculated;
        cf["defaultValue"] = f->default_value;
        cf["description"] = f->description;
        if (!f->options.empty()) {
            json::array options;
            for (const auto& opt : f->options)
                options.emplace_back(opt);
            cf["options"] = std::move(options);
        }
        custom_fields.emplace_back(std::move(cf));
    }
    for (const Tag* t : store.tags.ordered())
        if (t->root_workspace == w.id)
            tags.emplace_back(json::object{{"name", t->name}});
    o["componentTypes"] = std::move(component_types);
    o["referenceTypes"] = std::move(reference_types);
    o["customFields"] = std::move(custom_fields);
    o["tags"] = std::move(tags);
    return o;
}

json::object me_v2(const Store& store) {
    json::object o;
    o["org"] = json::object{{"name", store.org.name}, {"label", store.org.label}};
    o["user"] = json::object{{"email", store.user.email}};
    return o;
}

} // namespace ardoq::emulator
