// Dumping the Store as a state document, and the file I/O around it.
#include "json_text.hpp"
#include "shapes_v2.hpp"
#include "state_io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace ardoq::emulator {

namespace {

json::array strings(const std::vector<std::string>& values) {
    json::array out;
    for (const auto& v : values)
        out.emplace_back(v);
    return out;
}

json::object model_json(const Model& m) {
    json::object o;
    o["_id"] = m.id;
    o["_version"] = m.version;
    o["_meta"] = m.meta.object();
    o["name"] = m.name;
    o["useAsTemplate"] = m.use_as_template;
    json::array types;
    for (const auto& t : m.component_types) {
        json::object ct;
        ct["typeId"] = t.type_id;
        ct["name"] = t.name;
        ct["parent"] =
            t.parent_type_id.empty() ? json::value(nullptr) : json::value(t.parent_type_id);
        ct["color"] = t.color;
        ct["shape"] = t.shape;
        ct["icon"] = t.icon;
        ct["image"] = t.image;
        types.emplace_back(std::move(ct));
    }
    o["componentTypes"] = std::move(types);
    json::array refs;
    for (const auto& t : m.reference_types) {
        json::object rt;
        rt["type"] = t.type;
        rt["name"] = t.name;
        for (const auto& [k, v] : t.extra)
            rt[k] = v;
        refs.emplace_back(std::move(rt));
    }
    o["referenceTypes"] = std::move(refs);
    return o;
}

json::object field_json(const Field& f) {
    json::object o;
    o["_id"] = f.id;
    o["_version"] = f.version;
    o["_meta"] = f.meta.object();
    o["apiKey"] = f.api_key;
    o["label"] = f.label;
    o["type"] = f.type;
    o["model"] = f.model_id;
    o["componentTypes"] = strings(f.component_types);
    json::array refs;
    for (auto t : f.reference_types)
        refs.emplace_back(t);
    o["referenceTypes"] = std::move(refs);
    o["readOnly"] = f.read_only;
    o["calculated"] = f.calculated;
    o["defaultValue"] = f.default_value;
    o["options"] = strings(f.options);
    o["description"] = f.description;
    return o;
}

} // namespace

namespace {

// Everything but the components and references (which come last).
json::object dump_head(const Store& store) {
    json::object doc;
    doc["format"] = "ardoq-emulator-state/1";
    doc["org"] = json::object{{"name", store.org.name}, {"label", store.org.label}};
    doc["user"] = json::object{
        {"_id", store.user.id}, {"email", store.user.email}, {"name", store.user.name}};
    json::array models, fields, folders, workspaces, tags;
    for (const Model* m : store.models.ordered())
        models.emplace_back(model_json(*m));
    for (const Field* f : store.fields.ordered())
        fields.emplace_back(field_json(*f));
    for (const Folder* f : store.folders.ordered()) {
        json::object o;
        o["_id"] = f->id;
        o["_version"] = f->version;
        o["_meta"] = f->meta.object();
        o["name"] = f->name;
        o["description"] = f->description;
        o["workspaces"] = strings(f->workspaces);
        folders.emplace_back(std::move(o));
    }
    for (const Workspace* w : store.workspaces()) {
        json::object o = workspace_v2(*w);
        o["folder"] = w->folder_id.empty() ? json::value(nullptr) : json::value(w->folder_id);
        o["nextComponentNumber"] = w->next_component_number;
        workspaces.emplace_back(std::move(o));
    }
    for (const Tag* t : store.tags.ordered()) {
        json::object o;
        o["_id"] = t->id;
        o["_version"] = t->version;
        o["_meta"] = t->meta.object();
        o["name"] = t->name;
        o["description"] = t->description;
        o["rootWorkspace"] = t->root_workspace;
        o["components"] = strings(t->components);
        o["references"] = strings(t->references);
        tags.emplace_back(std::move(o));
    }
    doc["models"] = std::move(models);
    doc["fields"] = std::move(fields);
    doc["folders"] = std::move(folders);
    doc["workspaces"] = std::move(workspaces);
    doc["tags"] = std::move(tags);
    return doc;
}

} // namespace

std::string dump_state(const Store& store) {
    std::string out = json::serialize(dump_head(store));
    out.pop_back(); // the closing brace
    out += ",\"components\":[";
    bool first = true;
    for (const auto& [seq, c] : store.components()) {
        if (!first)
            out += ',';
        first = false;
        append_component_v2(out, store, *c);
    }
    out += "],\"references\":[";
    first = true;
    for (const auto& [seq, r] : store.references()) {
        if (!first)
            out += ',';
        first = false;
        append_reference_v2(out, *r);
    }
    out += "]}";
    return out;
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw StateError(path + ": cannot open: " + std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file_atomically(const std::string& path, const std::string& content) {
    std::string tmp = path + ".tmp." + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw StateError(tmp + ": cannot create: " + std::strerror(errno));
    std::size_t off = 0;
    while (off < content.size()) {
        auto n = ::write(fd, content.data() + off, content.size() - off);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            throw StateError(tmp + ": cannot write: " + std::strerror(saved));
        }
        off += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        int saved = errno;
        ::unlink(tmp.c_str());
        throw StateError(tmp + ": cannot flush: " + std::strerror(saved));
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        int saved = errno;
        ::unlink(tmp.c_str());
        throw StateError(path + ": cannot replace: " + std::strerror(saved));
    }
}

} // namespace ardoq::emulator
