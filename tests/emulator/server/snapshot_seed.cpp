#include "snapshot_seed.hpp"

#include "state_io.hpp"

#include <set>
#include <vector>

namespace ardoq::emulator {

namespace {

constexpr std::int64_t k_newest_snapshot_version = 1;
constexpr const char* k_outside_workspace = "0000000000000000000000ee";
constexpr const char* k_outside_type = "p0";

[[noreturn]] void error(const std::string& source, const std::string& path,
                        const std::string& reason) {
    throw StateError(source + ": " + path + ": " + reason);
}

const json::object& object_member(const json::object& doc, std::string_view key,
                                  const std::string& source) {
    const json::value* v = find(doc, key);
    if (v == nullptr)
        error(source, std::string(key),
              "a snapshot needs \"" + std::string(key) + "\" (an object)");
    if (!v->is_object())
        error(source, std::string(key), "expected an object, found " + kind_name(*v));
    return v->get_object();
}

// References may point at components of other workspaces, which a snapshot does not hold.
// They become placeholder components of a workspace "Outside the snapshot", so that the
// references load and are served as they were exported.
void add_outside_components(json::object& state) {
    std::set<std::string, std::less<>> known;
    if (const json::value* components = find(state, "components");
        components && components->is_array())
        for (const auto& c : components->get_array())
            if (c.is_object())
                if (const json::value* id = find(c.get_object(), "_id"); id && id->is_string())
                    known.emplace(id->get_string());
    std::vector<std::string> outside;
    if (const json::value* references = find(state, "references");
        references && references->is_array())
        for (const auto& r : references->get_array())
            if (r.is_object())
                for (const char* end : {"source", "target"})
                    if (const json::value* id = find(r.get_object(), end); id && id->is_string())
                        if (known.emplace(id->get_string()).second)
                            outside.emplace_back(id->get_string());
    if (outside.empty())
        return;
    json::object workspace{
        {"_id", k_outside_workspace},
        {"name", "Outside the snapshot"},
        {"description", "Components of other workspaces that references of the snapshot point at"},
        {"context",
         json::object{{"componentTypes", json::array{json::object{{"typeId", k_outside_type},
                                                                  {"name", "Outside component"}}}},
                      {"referenceTypes", json::array{}},
                      {"customFields", json::array{}}}}};
    state["workspaces"].as_array().push_back(std::move(workspace));
    json::array& components = state["components"].is_array() ? state["components"].as_array()
                                                             : state["components"].emplace_array();
    for (const auto& id : outside)
        components.push_back(json::object{{"_id", id},
                                          {"name", id},
                                          {"rootWorkspace", k_outside_workspace},
                                          {"typeId", k_outside_type}});
}

} // namespace

bool is_snapshot_document(const json::value& document) {
    if (!document.is_object())
        return false;
    const json::object& doc = document.get_object();
    if (const json::value* format = find(doc, "format"))
        return format->is_string() && format->get_string() == "ardoq-sync-snapshot";
    // Hand-written snapshot files may leave out "format"; a state document has no "workspace".
    return find(doc, "workspace") != nullptr;
}

json::value state_from_snapshot(const json::value& document, const std::string& source) {
    const json::object& doc = document.get_object();
    if (const json::value* version = find(doc, "formatVersion")) {
        if (!version->is_int64() && !version->is_uint64())
            error(source, "formatVersion", "expected an integer, found " + kind_name(*version));
        std::int64_t v = version->to_number<std::int64_t>();
        if (v < 1 || v > k_newest_snapshot_version)
            error(source, "formatVersion",
                  "snapshot format version " + std::to_string(v) +
                      " is not supported (this emulator reads version 1)");
    }
    const json::object& workspace = object_member(doc, "workspace", source);
    const json::object& context = object_member(doc, "context", source);

    json::object ws;
    for (const char* key : {"_id", "name", "description", "_version", "_meta", "workspaceKey"})
        if (const json::value* v = find(workspace, key))
            ws[key] = *v;
    json::object inline_context;
    for (const char* key : {"componentTypes", "referenceTypes", "customFields"})
        if (const json::value* v = find(context, key))
            inline_context[key] = *v;
    ws["context"] = std::move(inline_context);

    json::object state;
    state["format"] = "ardoq-emulator-state/1";
    state["workspaces"] = json::array{std::move(ws)};
    if (const json::value* tags = find(context, "tags"); tags != nullptr && tags->is_array()) {
        const json::value* id = find(workspace, "_id");
        json::array out;
        for (const auto& tag : tags->get_array()) {
            if (!tag.is_object())
                continue;
            json::object t = tag.get_object();
            if (id != nullptr)
                t["rootWorkspace"] = *id;
            out.push_back(std::move(t));
        }
        state["tags"] = std::move(out);
    }
    for (const char* key : {"components", "references"})
        if (const json::value* v = find(doc, key))
            state[key] = *v;
    add_outside_components(state);
    return state;
}

} // namespace ardoq::emulator
