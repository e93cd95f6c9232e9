// Loading a state document (seed or saved state) into a Store, with precise errors.
#include "state_io.hpp"

#include "snapshot_seed.hpp"

#include <cctype>
#include <set>

namespace ardoq::emulator {

namespace {

class Loader {
public:
    Loader(Store& store, std::string source, std::string default_time)
        : m_store(store), m_source(std::move(source)), m_default_time(std::move(default_time)) {}

    void load(const json::value& document);

private:
    [[noreturn]] void error(const std::string& path, const std::string& reason) const {
        throw StateError(m_source + ": " + path + ": " + reason);
    }

    const json::object& object_at(const json::value& v, const std::string& path) const {
        if (!v.is_object())
            error(path, "expected an object, found " + kind_name(v));
        return v.get_object();
    }

    const json::array* array_member(const json::object& o, std::string_view key,
                                    const std::string& path) const {
        const json::value* v = find(o, key);
        if (v == nullptr || v->is_null())
            return nullptr;
        if (!v->is_array())
            error(path + "." + std::string(key), "expected an array, found " + kind_name(*v));
        return &v->get_array();
    }

    std::string string_member(const json::object& o, std::string_view key, const std::string& path,
                              bool required, std::string fallback = {}) const {
        const json::value* v = find(o, key);
        if (v == nullptr || v->is_null()) {
            if (required)
                error(path, "\"" + std::string(key) + "\" is required");
            return fallback;
        }
        if (!v->is_string())
            error(path + "." + std::string(key), "expected a string, found " + kind_name(*v));
        return std::string(v->get_string());
    }

    json::value nullable_string(const json::object& o, std::string_view key,
                                const std::string& path) const {
        const json::value* v = find(o, key);
        if (v == nullptr || v->is_null())
            return nullptr;
        if (!v->is_string())
            error(path + "." + std::string(key),
                  "expected a string or null, found " + kind_name(*v));
        return *v;
    }

    std::int64_t int_member(const json::object& o, std::string_view key, const std::string& path,
                            std::int64_t fallback) const {
        const json::value* v = find(o, key);
        if (v == nullptr || v->is_null())
            return fallback;
        if (v->is_int64())
            return v->get_int64();
        if (v->is_uint64())
            return static_cast<std::int64_t>(v->get_uint64());
        error(path + "." + std::string(key), "expected an integer, found " + kind_name(*v));
    }

    bool bool_member(const json::object& o, std::string_view key, const std::string& path) const {
        const json::value* v = find(o, key);
        if (v == nullptr || v->is_null())
            return false;
        if (!v->is_bool())
            error(path + "." + std::string(key), "expected a boolean, found " + kind_name(*v));
        return v->get_bool();
    }

    Meta meta_member(const json::object& o, const std::string& path) const {
        const json::value* v = find(o, "_meta");
        if (v == nullptr || v->is_null())
            return m_store.new_meta_at(m_default_time);
        // A partial _meta (a snapshot file keeps only lastUpdated) is completed, so that every
        // entity answers with the whole Metadata shape of openapi.json.
        const json::object& given = object_at(*v, path + "._meta");
        const json::value* last = find(given, "lastUpdated");
        json::object meta =
            m_store
                .new_meta_at(last != nullptr && last->is_string() ? std::string(last->get_string())
                                                                  : m_default_time)
                .object();
        for (const auto& [key, value] : given)
            meta[key] = value;
        return Meta(std::move(meta));
    }

    std::string id_member(const json::object& o, const std::string& path) {
        std::string id = string_member(o, "_id", path, false);
        if (id.empty())
            return m_store.new_id();
        if (!is_oid(id))
            error(path + "._id", quoted(id) + " is not an OID (24 lowercase hex characters)");
        if (!m_ids.insert(id).second)
            error(path + "._id", quoted(id) + " is used twice");
        return id;
    }

    void load_org(const json::object& doc);
    void load_models(const json::object& doc);
    Model read_model(const json::object& o, const std::string& path, std::string id);
    void load_fields(const json::object& doc);
    void load_folders(const json::object& doc);
    void load_workspaces(const json::object& doc);
    void load_context(const json::object& ctx, const std::string& path, Workspace& w);
    void load_tags(const json::object& doc);
    void load_components(const json::object& doc);
    void load_references(const json::object& doc);

    Store& m_store;
    std::string m_source;
    std::string m_default_time;
    std::set<std::string> m_ids;
};

void Loader::load(const json::value& document) {
    const json::object& doc = object_at(document, "(document)");
    static const std::set<std::string, std::less<>> k_keys = {
        "format",     "org",  "user", "models",     "fields",    "folders",
        "workspaces", "tags", "note", "components", "references"};
    for (const auto& [key, value] : doc)
        if (!k_keys.count(std::string_view(key)))
            error(std::string(key), "unknown top-level key (expected one of format, org, user, "
                                    "models, fields, folders, workspaces, tags, components, "
                                    "references)");
    std::string format = string_member(doc, "format", "format", false, "ardoq-emulator-state/1");
    if (format != "ardoq-emulator-state/1")
        error("format",
              "unsupported format " + quoted(format) + " (expected ardoq-emulator-state/1)");
    load_org(doc);
    load_models(doc);
    load_fields(doc);
    load_folders(doc);
    load_workspaces(doc);
    load_tags(doc);
    load_components(doc);
    load_references(doc);
}

void Loader::load_org(const json::object& doc) {
    if (const json::value* org = find(doc, "org")) {
        const auto& o = object_at(*org, "org");
        m_store.org.name = string_member(o, "name", "org", false, m_store.org.name);
        m_store.org.label = string_member(o, "label", "org", false, m_store.org.label);
    }
    if (const json::value* user = find(doc, "user")) {
        const auto& o = object_at(*user, "user");
        m_store.user.id = string_member(o, "_id", "user", false, m_store.user.id);
        m_store.user.email = string_member(o, "email", "user", false, m_store.user.email);
        m_store.user.name = string_member(o, "name", "user", false, m_store.user.name);
    }
}

Model Loader::read_model(const json::object& o, const std::string& path, std::string id) {
    Model m;
    m.id = std::move(id);
    m.seq = m_store.next_seq();
    m.name = string_member(o, "name", path, false, "Model");
    m.use_as_template = bool_member(o, "useAsTemplate", path);
    m.version = int_member(o, "_version", path, 1);
    m.meta = meta_member(o, path);
    if (const json::array* types = array_member(o, "componentTypes", path)) {
        for (std::size_t i = 0; i < types->size(); ++i) {
            std::string p = path + ".componentTypes[" + std::to_string(i) + "]";
            const auto& t = object_at((*types)[i], p);
            ComponentType ct;
            ct.type_id = string_member(t, "typeId", p, true);
            ct.name = string_member(t, "name", p, true);
            if (const json::value* parent = find(t, "parent"); parent && parent->is_object())
                ct.parent_type_id =
                    string_member(parent->get_object(), "typeId", p + ".parent", true);
            else
                ct.parent_type_id = string_member(t, "parent", p, false);
            ct.color = nullable_string(t, "color", p);
            ct.shape = nullable_string(t, "shape", p);
            ct.icon = nullable_string(t, "icon", p);
            ct.image = nullable_string(t, "image", p);
            if (m.component_type(ct.type_id) != nullptr)
                error(p + ".typeId", quoted(ct.type_id) + " is defined twice");
            m.component_types.push_back(std::move(ct));
        }
    }
    for (std::size_t i = 0; i < m.component_types.size(); ++i) {
        const auto& parent = m.component_types[i].parent_type_id;
        if (!parent.empty() && m.component_type(parent) == nullptr)
            error(path + ".componentTypes[" + std::to_string(i) + "].parent",
                  "unknown parent type " + quoted(parent));
    }
    if (const json::array* types = array_member(o, "referenceTypes", path)) {
        for (std::size_t i = 0; i < types->size(); ++i) {
            std::string p = path + ".referenceTypes[" + std::to_string(i) + "]";
            const auto& t = object_at((*types)[i], p);
            ReferenceType rt;
            if (find(t, "type") == nullptr)
                error(p, "\"type\" is required");
            rt.type = int_member(t, "type", p, 0);
            rt.name = string_member(t, "name", p, true);
            for (const auto& [k, v] : t)
                if (k != "type" && k != "name" && k != "customFields")
                    rt.extra[k] = v;
            if (m.reference_type(rt.type) != nullptr)
                error(p + ".type", std::to_string(rt.type) + " is defined twice");
            m.reference_types.push_back(std::move(rt));
        }
    }
    return m;
}

void Loader::load_models(const json::object& doc) {
    const json::array* models = array_member(doc, "models", "(document)");
    if (models == nullptr)
        return;
    for (std::size_t i = 0; i < models->size(); ++i) {
        std::string path = "models[" + std::to_string(i) + "]";
        const auto& o = object_at((*models)[i], path);
        m_store.models.put(read_model(o, path, id_member(o, path)));
    }
}

void Loader::load_fields(const json::object& doc) {
    const json::array* fields = array_member(doc, "fields", "(document)");
    if (fields == nullptr)
        return;
    for (std::size_t i = 0; i < fields->size(); ++i) {
        std::string path = "fields[" + std::to_string(i) + "]";
        const auto& o = object_at((*fields)[i], path);
        Field f;
        f.id = id_member(o, path);
        f.seq = m_store.next_seq();
        f.api_key = string_member(o, "apiKey", path, true);
        f.label = string_member(o, "label", path, false, f.api_key);
        f.type = string_member(o, "type", path, false, "Text");
        f.model_id = string_member(o, "model", path, true);
        const Model* model = m_store.models.find(f.model_id);
        if (model == nullptr)
            error(path + ".model", "unknown model " + quoted(f.model_id));
        if (const json::array* types = array_member(o, "componentTypes", path))
            for (const auto& t : *types) {
                if (!t.is_string() || model->component_type(t.get_string()) == nullptr)
                    error(path + ".componentTypes", json::serialize(t) +
                                                        " is not a component type of model " +
                                                        quoted(model->name));
                f.component_types.emplace_back(t.get_string());
            }
        if (const json::array* types = array_member(o, "referenceTypes", path))
            for (const auto& t : *types) {
                if (!t.is_int64() || model->reference_type(t.get_int64()) == nullptr)
                    error(path + ".referenceTypes", json::serialize(t) +
                                                        " is not a reference type of model " +
                                                        quoted(model->name));
                f.reference_types.push_back(t.get_int64());
            }
        f.read_only = bool_member(o, "readOnly", path);
        f.calculated = bool_member(o, "calculated", path);
        if (const json::value* d = find(o, "defaultValue"))
            f.default_value = *d;
        if (const json::array* options = array_member(o, "options", path))
            for (const auto& opt : *options) {
                if (!opt.is_string())
                    error(path + ".options", "expected strings, found " + kind_name(opt));
                f.options.emplace_back(opt.get_string());
            }
        f.description = nullable_string(o, "description", path);
        f.version = int_member(o, "_version", path, 1);
        f.meta = meta_member(o, path);
        if (m_store.field(f.model_id, f.api_key) != nullptr)
            error(path + ".apiKey",
                  quoted(f.api_key) + " is defined twice in model " + quoted(model->name));
        m_store.fields.put(std::move(f));
    }
}

void Loader::load_folders(const json::object& doc) {
    const json::array* folders = array_member(doc, "folders", "(document)");
    if (folders == nullptr)
        return;
    for (std::size_t i = 0; i < folders->size(); ++i) {
        std::string path = "folders[" + std::to_string(i) + "]";
        const auto& o = object_at((*folders)[i], path);
        Folder f;
        f.id = id_member(o, path);
        f.seq = m_store.next_seq();
        f.name = string_member(o, "name", path, true);
        f.description = nullable_string(o, "description", path);
        if (const json::array* ws = array_member(o, "workspaces", path))
            for (const auto& w : *ws)
                if (w.is_string())
                    f.workspaces.emplace_back(w.get_string());
        f.version = int_member(o, "_version", path, 1);
        f.meta = meta_member(o, path);
        m_store.folders.put(std::move(f));
    }
}

void Loader::load_context(const json::object& ctx, const std::string& path, Workspace& w) {
    if (w.model_id.empty())
        w.model_id = m_store.new_id();
    if (m_store.models.contains(w.model_id))
        error(path, "componentModel " + quoted(w.model_id) +
                        " is already defined; give either \"context\" or a shared componentModel");
    json::object model_doc;
    model_doc["name"] = w.name;
    if (const json::value* v = find(ctx, "componentTypes"))
        model_doc["componentTypes"] = *v;
    if (const json::value* v = find(ctx, "referenceTypes"))
        model_doc["referenceTypes"] = *v;
    m_store.models.put(read_model(model_doc, path, w.model_id));
    const Model& model = *m_store.models.find(w.model_id);
    if (const json::array* fields = array_member(ctx, "customFields", path)) {
        for (std::size_t i = 0; i < fields->size(); ++i) {
            std::string p = path + ".customFields[" + std::to_string(i) + "]";
            const auto& o = object_at((*fields)[i], p);
            Field f;
            f.id = m_store.new_id();
            f.seq = m_store.next_seq();
            f.api_key = string_member(o, "apiKey", p, true);
            f.label = string_member(o, "label", p, false, f.api_key);
            f.type = string_member(o, "type", p, false, "Text");
            f.model_id = w.model_id;
            f.read_only = bool_member(o, "readOnly", p);
            f.calculated = bool_member(o, "calculated", p);
            if (const json::value* d = find(o, "defaultValue"))
                f.default_value = *d;
            if (const json::array* options = array_member(o, "options", p))
                for (const auto& opt : *options)
                    if (opt.is_string())
                        f.options.emplace_back(opt.get_string());
            f.description = nullable_string(o, "description", p);
            f.meta = m_store.new_meta_at(m_default_time);
            if (m_store.field(f.model_id, f.api_key) != nullptr)
                error(p + ".apiKey", quoted(f.api_key) + " is defined twice");
            m_store.fields.put(std::move(f));
        }
    }
    // Attach fields to the types that list them.
    auto attach = [&](const json::array* types, bool component) {
        if (types == nullptr)
            return;
        for (std::size_t i = 0; i < types->size(); ++i) {
            if (!(*types)[i].is_object())
                continue;
            const auto& t = (*types)[i].get_object();
            std::string p = path + (component ? ".componentTypes[" : ".referenceTypes[") +
                            std::to_string(i) + "].customFields";
            const json::array* keys = array_member(t, "customFields", p);
            if (keys == nullptr)
                continue;
            for (const auto& key : *keys) {
                if (!key.is_string())
                    error(p, "expected field apiKeys (strings), found " + kind_name(key));
                const Field* f = m_store.field(w.model_id, key.get_string());
                if (f == nullptr)
                    error(p, "unknown field " + quoted(key.get_string()) +
                                 " (declare it in context.customFields)");
                Field copy = *f;
                if (component)
                    copy.component_types.emplace_back(string_member(t, "typeId", p, true));
                else
                    copy.reference_types.push_back(int_member(t, "type", p, 0));
                m_store.fields.put(std::move(copy));
            }
        }
    };
    attach(array_member(ctx, "componentTypes", path), true);
    attach(array_member(ctx, "referenceTypes", path), false);
    (void)model;
}

void Loader::load_workspaces(const json::object& doc) {
    const json::array* workspaces = array_member(doc, "workspaces", "(document)");
    if (workspaces == nullptr)
        return;
    for (std::size_t i = 0; i < workspaces->size(); ++i) {
        std::string path = "workspaces[" + std::to_string(i) + "]";
        const auto& o = object_at((*workspaces)[i], path);
        Workspace w;
        w.id = id_member(o, path);
        w.seq = m_store.next_seq();
        w.name = string_member(o, "name", path, true);
        w.description = nullable_string(o, "description", path);
        w.model_id = string_member(o, "componentModel", path, false);
        if (const json::value* ctx = find(o, "context"))
            load_context(object_at(*ctx, path + ".context"), path + ".context", w);
        if (w.model_id.empty())
            error(path, "needs \"componentModel\" (a model id) or an inline \"context\"");
        if (!m_store.models.contains(w.model_id))
            error(path + ".componentModel", "unknown model " + quoted(w.model_id));
        w.workspace_key =
            m_store.unique_workspace_key(string_member(o, "workspaceKey", path, false), w.name);
        w.folder_id = string_member(o, "folder", path, false);
        w.next_component_number = int_member(o, "nextComponentNumber", path, 1);
        w.version = int_member(o, "_version", path, 1);
        w.meta = meta_member(o, path);
        m_store.put_workspace(std::move(w));
    }
}

void Loader::load_tags(const json::object& doc) {
    const json::array* tags = array_member(doc, "tags", "(document)");
    if (tags == nullptr)
        return;
    for (std::size_t i = 0; i < tags->size(); ++i) {
        std::string path = "tags[" + std::to_string(i) + "]";
        const auto& o = object_at((*tags)[i], path);
        Tag t;
        t.id = id_member(o, path);
        t.seq = m_store.next_seq();
        t.name = string_member(o, "name", path, true);
        t.description = nullable_string(o, "description", path);
        t.root_workspace = string_member(o, "rootWorkspace", path, true);
        if (m_store.workspace(t.root_workspace) == nullptr)
            error(path + ".rootWorkspace", "unknown workspace " + quoted(t.root_workspace));
        for (const char* key : {"components", "references"})
            if (const json::array* ids = array_member(o, key, path))
                for (const auto& id : *ids)
                    if (id.is_string())
                        (std::string_view(key) == "components" ? t.components : t.references)
                            .emplace_back(id.get_string());
        t.version = int_member(o, "_version", path, 1);
        t.meta = meta_member(o, path);
        m_store.tags.put(std::move(t));
    }
}

void Loader::load_components(const json::object& doc) {
    const json::array* components = array_member(doc, "components", "(document)");
    if (components == nullptr)
        return;
    std::vector<std::pair<std::string, std::string>> keyed; // (path, id) to check afterwards
    for (std::size_t i = 0; i < components->size(); ++i) {
        std::string path = "components[" + std::to_string(i) + "]";
        const auto& o = object_at((*components)[i], path);
        Component c;
        c.id = id_member(o, path);
        c.seq = m_store.next_seq();
        c.name = string_member(o, "name", path, true);
        c.root_workspace = string_member(o, "rootWorkspace", path, true);
        const Workspace* w = m_store.workspace(c.root_workspace);
        if (w == nullptr)
            error(path + ".rootWorkspace", "unknown workspace " + quoted(c.root_workspace));
        c.type_id = string_member(o, "typeId", path, true);
        const Model* model = m_store.models.find(w->model_id);
        if (model == nullptr || model->component_type(c.type_id) == nullptr)
            error(path + ".typeId",
                  quoted(c.type_id) + " is not a component type of workspace " + quoted(w->name));
        c.parent = string_member(o, "parent", path, false);
        c.component_key = string_member(o, "componentKey", path, false);
        c.description = nullable_string(o, "description", path);
        c.color = nullable_string(o, "color", path);
        c.shape = nullable_string(o, "shape", path);
        c.icon = nullable_string(o, "icon", path);
        c.image = nullable_string(o, "image", path);
        if (const json::value* cf = find(o, "customFields"); cf && !cf->is_null())
            for (const auto& [k, v] : object_at(*cf, path + ".customFields"))
                if (!v.is_null())
                    c.custom_fields[k] = v;
        c.version = int_member(o, "_version", path, 1);
        c.meta = meta_member(o, path);
        if (c.component_key.empty()) {
            c.component_key = m_store.next_component_key(c.root_workspace);
        } else {
            if (m_store.component_by_key(c.component_key) != nullptr)
                error(path + ".componentKey", quoted(c.component_key) + " is used twice");
            // Keep the workspace counter above every loaded key of the form <KEY>-<n>.
            auto dash = c.component_key.rfind('-');
            if (dash != std::string::npos && c.component_key.substr(0, dash) == w->workspace_key) {
                std::int64_t n = std::atoll(c.component_key.c_str() + dash + 1);
                if (n >= w->next_component_number) {
                    Workspace copy = *w;
                    copy.next_component_number = n + 1;
                    m_store.put_workspace(std::move(copy));
                }
            }
        }
        keyed.emplace_back(path, c.id);
        m_store.put_component(std::move(c));
    }
    for (const auto& [path, id] : keyed) {
        const Component* c = m_store.component(id);
        if (c->parent.empty())
            continue;
        const Component* parent = m_store.component(c->parent);
        if (parent == nullptr)
            error(path + ".parent", "unknown component " + quoted(c->parent));
        if (parent->root_workspace != c->root_workspace)
            error(path + ".parent",
                  "the parent " + quoted(c->parent) + " belongs to another workspace");
        std::size_t depth = 0;
        for (const Component* p = parent; p != nullptr && !p->parent.empty();
             p = m_store.component(p->parent))
            if (p->id == id || ++depth > keyed.size())
                error(path + ".parent", "the parent chain forms a cycle");
    }
}

void Loader::load_references(const json::object& doc) {
    const json::array* references = array_member(doc, "references", "(document)");
    if (references == nullptr)
        return;
    for (std::size_t i = 0; i < references->size(); ++i) {
        std::string path = "references[" + std::to_string(i) + "]";
        const auto& o = object_at((*references)[i], path);
        Reference r;
        r.id = id_member(o, path);
        r.seq = m_store.next_seq();
        r.source = string_member(o, "source", path, true);
        r.target = string_member(o, "target", path, true);
        const Component* source = m_store.component(r.source);
        const Component* target = m_store.component(r.target);
        if (source == nullptr)
            error(path + ".source", "unknown component " + quoted(r.source));
        if (target == nullptr)
            error(path + ".target", "unknown component " + quoted(r.target));
        if (find(o, "type") == nullptr)
            error(path, "\"type\" is required");
        r.type = int_member(o, "type", path, 0);
        const Model* model = m_store.model_of(source->root_workspace);
        if (model == nullptr || model->reference_type(r.type) == nullptr)
            error(path + ".type",
                  std::to_string(r.type) + " is not a reference type of the source's workspace");
        r.root_workspace = source->root_workspace;
        r.target_workspace = target->root_workspace;
        r.display_text = nullable_string(o, "displayText", path);
        r.description = nullable_string(o, "description", path);
        if (const json::value* cf = find(o, "customFields"); cf && !cf->is_null())
            for (const auto& [k, v] : object_at(*cf, path + ".customFields"))
                if (!v.is_null())
                    r.custom_fields[k] = v;
        r.version = int_member(o, "_version", path, 1);
        r.meta = meta_member(o, path);
        m_store.put_reference(std::move(r));
    }
}

} // namespace

void load_state(Store& store, const json::value& document, const std::string& source,
                const std::string& default_time) {
    if (is_snapshot_document(document)) {
        Loader(store, source, default_time).load(state_from_snapshot(document, source));
        return;
    }
    Loader(store, source, default_time).load(document);
}

} // namespace ardoq::emulator
