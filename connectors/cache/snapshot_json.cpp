#include "connectors/cache/snapshot_json.hpp"

#include "connectors/ardoq/json_model.hpp"
#include "connectors/cache/atomic_file.hpp"
#include "model/errors.hpp"

#include <boost/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ardoq::connectors {

namespace json = boost::json;

namespace {

struct JsonWriter {
    std::FILE* out;
    const std::filesystem::path& path;
    void operator()(std::string_view text) const { write_all(out, text.data(), text.size(), path); }
};

void write_entities(const JsonWriter& put, std::string_view key, std::size_t count,
                    const auto& render) {
    put(",\n\"");
    put(key);
    put("\": [");
    for (std::size_t i = 0; i < count; ++i) {
        put(i == 0 ? "\n  " : ",\n  ");
        put(json::serialize(render(i)));
    }
    put(count == 0 ? "]" : "\n]");
}

model::InputError content_error(const std::string& name, const std::string& message,
                                const std::string& hint = {}) {
    return model::InputError(
        model::make_error({name}, message,
                          hint.empty() ? "the file must have the shape `ardoq-sync snapshot "
                                         "export` writes (docs/snapshot.md)"
                                       : hint));
}

model::Location position_of(std::string_view text, std::size_t offset, const std::string& name) {
    model::Location where{name, 1, 1};
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++where.line;
            where.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++where.column; // count characters, not UTF-8 continuation bytes
        }
    }
    return where;
}

} // namespace

void write_snapshot_json(std::FILE* out, const model::Snapshot& s,
                         const std::filesystem::path& path) {
    JsonWriter put{out, path};
    put("{\"format\": ");
    put(json::serialize(json::value(json::string(k_snapshot_format))));
    put(",\n\"formatVersion\": ");
    put(std::to_string(k_snapshot_json_version));
    put(",\n\"host\": ");
    put(json::serialize(json::value(json::string(s.host))));
    put(",\n\"fetchedAt\": ");
    put(json::serialize(json::value(json::string(s.fetched_at))));
    put(",\n\"workspace\": ");
    put(json::serialize(workspace_to_json(s.workspace)));
    put(",\n\"context\": ");
    put(json::serialize(context_to_json(s.context)));
    write_entities(put, "components", s.components().size(),
                   [&](std::size_t i) { return component_to_json(s, s.components()[i]); });
    write_entities(put, "references", s.references().size(),
                   [&](std::size_t i) { return reference_to_json(s, s.references()[i]); });
    put("\n}\n");
}

std::string snapshot_to_json_text(const model::Snapshot& s) {
    char* data = nullptr;
    std::size_t size = 0;
    std::FILE* mem = open_memstream(&data, &size);
    if (mem == nullptr)
        throw model::RunError("cannot allocate memory for the snapshot text");
    try {
        write_snapshot_json(mem, s, "<memory>");
    } catch (...) {
        std::fclose(mem);
        std::free(data);
        throw;
    }
    std::fclose(mem);
    std::string text(data, size);
    std::free(data);
    return text;
}

model::Snapshot parse_snapshot_json(std::string_view text, const std::string& name) {
    json::stream_parser parser;
    boost::system::error_code ec;
    std::size_t used = parser.write_some(text.data(), text.size(), ec);
    if (!ec)
        parser.finish(ec);
    if (ec)
        throw model::InputError(model::make_error(position_of(text, used, name),
                                                  "invalid JSON: " + ec.message(),
                                                  "fix the JSON syntax at this position"));
    json::value root = parser.release();
    const auto* obj = root.if_object();
    if (obj == nullptr)
        throw content_error(name, "a snapshot file holds one JSON object");
    if (const auto* format = obj->if_contains("format");
        format && (!format->is_string() || format->get_string() != k_snapshot_format))
        throw content_error(name, "\"format\" is not \"" + std::string(k_snapshot_format) + "\"");
    if (const auto* version = obj->if_contains("formatVersion");
        version && (!version->is_int64() || version->get_int64() > k_snapshot_json_version))
        throw content_error(name, "unsupported \"formatVersion\" " + json::serialize(*version),
                            "this ardoq-sync reads snapshot files up to format version " +
                                std::to_string(k_snapshot_json_version) +
                                "; export the snapshot again");

    model::Snapshot snap;
    if (const auto* host = obj->if_contains("host"); host && host->is_string())
        snap.host = std::string(host->get_string());
    if (const auto* at = obj->if_contains("fetchedAt"); at && at->is_string())
        snap.fetched_at = std::string(at->get_string());
    const auto* ws = obj->if_contains("workspace");
    if (ws == nullptr)
        throw content_error(name, "\"workspace\" is missing");
    auto workspace = workspace_from_json(*ws);
    if (!workspace)
        throw content_error(name, "workspace: " + workspace.error());
    snap.workspace = std::move(*workspace);
    const auto* ctx = obj->if_contains("context");
    if (ctx == nullptr)
        throw content_error(name, "\"context\" is missing");
    auto context = context_from_json(*ctx);
    if (!context)
        throw content_error(name, "context: " + context.error());
    snap.context = std::move(*context);
    if (snap.context.workspace_id.empty())
        snap.context.workspace_id = snap.workspace.id;

    auto read_list = [&](std::string_view key, auto add) {
        const auto* list = obj->if_contains(key);
        if (list == nullptr)
            return;
        if (!list->is_array())
            throw content_error(name, "\"" + std::string(key) + "\" is not an array");
        const auto& items = list->get_array();
        for (std::size_t i = 0; i < items.size(); ++i)
            if (auto added = add(items[i]); !added)
                throw content_error(name, std::string(key) + "[" + std::to_string(i) +
                                              "]: " + added.error());
    };
    const auto* components = obj->if_contains("components");
    const auto* references = obj->if_contains("references");
    snap.reserve(components && components->is_array() ? components->get_array().size() : 0,
                 references && references->is_array() ? references->get_array().size() : 0);
    read_list("components", [&](const json::value& v) { return add_component_from_json(snap, v); });
    read_list("references", [&](const json::value& v) { return add_reference_from_json(snap, v); });
    snap.reindex();
    return snap;
}

model::Snapshot read_snapshot_json(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw model::InputError(model::make_error(
            {path.string()}, std::string("cannot read the snapshot file: ") + std::strerror(errno),
            "create it with `ardoq-sync snapshot export --workspace W > " + path.string() + "`"));
    std::ostringstream text;
    text << in.rdbuf();
    return parse_snapshot_json(text.str(), path.string());
}

} // namespace ardoq::connectors
