#include "gen/workspace.hpp"

#include "connectors/cache/snapshot_cache.hpp"
#include "connectors/cache/snapshot_json.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace ardoq::bench {

namespace {

struct FieldSpec {
    const char* api_key;
    const char* label;
    model::FieldType type;
};

// The identity field, then the ten mapped fields in the order of the rules.
const FieldSpec k_fields[] = {
    {"external_id", "External ID", model::FieldType::text},
    {"lifecycle", "Lifecycle", model::FieldType::list},
    {"annual_cost", "Annual cost", model::FieldType::number},
    {"user_count", "Users", model::FieldType::number},
    {"critical", "Critical", model::FieldType::checkbox},
    {"go_live", "Go-live", model::FieldType::date_time},
    {"labels", "Labels", model::FieldType::select_multiple_list},
    {"owner_email", "Owner", model::FieldType::email},
    {"vendor", "Vendor", model::FieldType::text},
    {"notes", "Notes", model::FieldType::text_area},
    {"region", "Region", model::FieldType::text},
};
constexpr std::size_t k_field_count = std::size(k_fields);

const char* const k_changed_vendor = "Former Vendor GmbH";

model::Oid oid(std::uint8_t tag, std::uint64_t n) {
    std::array<std::uint8_t, 12> b{};
    b[0] = tag;
    for (int i = 0; i < 8; ++i)
        b[static_cast<std::size_t>(4 + i)] = static_cast<std::uint8_t>(n >> (8 * (7 - i)));
    return model::Oid::from_bytes(b);
}
model::Oid component_oid(std::uint64_t id) {
    return oid(0xc0, id);
}
model::Oid reference_oid(std::uint64_t index) {
    return oid(0xd0, index);
}

// The value Ardoq holds for `cost` ("1200.00" → 1200, "31.50" → 31.5), as `| number` reads it.
model::Value number_value(const std::string& text) {
    if (text.ends_with(".00"))
        return model::Value(static_cast<std::int64_t>(std::strtoll(text.c_str(), nullptr, 10)));
    return model::Value(std::strtod(text.c_str(), nullptr));
}

model::Value labels_value(const std::string& text) {
    model::List items;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(';', start), text.size());
        items.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return model::Value(std::move(items));
}

// The ten field values of a component as Ardoq holds them, in k_fields order (after the id).
std::vector<model::Value> field_values(const ComponentRow& r, int changed) {
    std::vector<model::Value> v;
    v.reserve(k_field_count - 1);
    std::string lifecycle = r.lifecycle;
    if (changed == 2)
        lifecycle = lifecycle == "Live" ? "Retired" : "Live";
    v.emplace_back(lifecycle);
    v.push_back(number_value(r.cost));
    v.emplace_back(r.users + (changed == 0 ? 1 : 0));
    v.emplace_back(r.critical);
    v.push_back(r.go_live ? model::Value(*r.go_live + "T00:00:00.000Z") : model::Value());
    v.push_back(labels_value(r.labels));
    v.emplace_back(r.owner);
    v.emplace_back(changed == 1 ? std::string(k_changed_vendor) : r.vendor);
    v.push_back(r.notes ? model::Value(*r.notes) : model::Value());
    v.emplace_back(r.region);
    return v;
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out.flush())
        throw std::runtime_error("cannot write " + path.string());
}

std::string json_quote(std::string_view s) {
    return model::Value(s).to_json();
}

std::string context_json() {
    const model::WorkspaceContext ctx = bench_context();
    std::string s = "\"context\": {\n  \"componentTypes\": [\n";
    for (std::size_t t = 0; t < ctx.component_types.size(); ++t) {
        const auto& type = ctx.component_types[t];
        s +=
            "    {\"typeId\": " + json_quote(type.type_id) + ", \"name\": " + json_quote(type.name);
        if (!type.parent_type_id.empty())
            s += ", \"parent\": " + json_quote(type.parent_type_id);
        s += ", \"customFields\": [";
        for (std::size_t f = 0; f < type.custom_fields.size(); ++f)
            s += (f ? ", " : "") + json_quote(type.custom_fields[f]);
        s += "]}" + std::string(t + 1 < ctx.component_types.size() ? ",\n" : "\n");
    }
    s += "  ],\n  \"referenceTypes\": [{\"type\": 2, \"name\": \"Depends on\"}],\n"
         "  \"customFields\": [\n";
    for (std::size_t f = 0; f < ctx.fields.size(); ++f) {
        const auto& def = ctx.fields[f];
        s += "    {\"apiKey\": " + json_quote(def.api_key) +
             ", \"label\": " + json_quote(def.label) +
             ", \"type\": " + json_quote(model::field_type_name(def.type));
        if (!def.options.empty()) {
            s += ", \"options\": [";
            for (std::size_t o = 0; o < def.options.size(); ++o)
                s += (o ? ", " : "") + json_quote(def.options[o]);
            s += "]";
        }
        s += "}" + std::string(f + 1 < ctx.fields.size() ? ",\n" : "\n");
    }
    return s + "  ]\n}";
}

std::string emulator_header() {
    return std::string("{\n\"format\": \"ardoq-emulator-state/1\",\n") +
           "\"note\": \"The benchmark workspace of bench-gen.\",\n"
           "\"org\": {\"name\": \"Bench Org\", \"label\": \"bench\"},\n"
           "\"user\": {\"_id\": \"5f0c1e0de0b1a2c3d4e5f601\", \"email\": \"sync@example.com\", "
           "\"name\": \"Sync User\"},\n"
           "\"workspaces\": [{\"_id\": \"" +
           k_workspace_id + "\", \"name\": \"" + k_workspace_name +
           "\", \"componentModel\": \"bbbbbbbbbbbbbbbbbbbbbb01\", \"workspaceKey\": \"BEN\",\n" +
           context_json() + "}],\n";
}

} // namespace

model::WorkspaceContext bench_context() {
    model::WorkspaceContext ctx;
    ctx.workspace_id = k_workspace_id;
    std::vector<std::string> keys;
    for (const auto& f : k_fields)
        keys.emplace_back(f.api_key);
    for (int level = 0; level < k_levels; ++level)
        ctx.component_types.push_back({k_type_ids[level], k_type_names[level],
                                       level == 0 ? "" : k_type_ids[level - 1], keys});
    ctx.reference_types.push_back({2, "Depends on", {}});
    for (const auto& f : k_fields) {
        model::FieldDef def;
        def.api_key = f.api_key;
        def.label = f.label;
        def.type = f.type;
        def.type_name = std::string(model::field_type_name(f.type));
        if (f.type == model::FieldType::list)
            def.options.assign(std::begin(k_lifecycles), std::end(k_lifecycles));
        if (f.type == model::FieldType::select_multiple_list)
            def.options.assign(std::begin(k_label_options), std::end(k_label_options));
        ctx.fields.push_back(std::move(def));
    }
    return ctx;
}

model::Snapshot build_snapshot(const Dataset& data) {
    const DatasetSpec& spec = data.spec();
    model::Snapshot s;
    s.host = std::string("https://") + k_cache_host;
    s.fetched_at = "2026-01-01T00:00:00.000Z";
    s.workspace = {k_workspace_id, k_workspace_name, 1, ""};
    s.context = bench_context();
    std::vector<model::FieldKey> keys;
    for (const auto& f : k_fields)
        keys.push_back(s.intern_field(f.api_key));
    s.reserve(spec.components, spec.references);
    for (std::uint64_t id = 1; id <= spec.components; ++id) {
        if (data.component_missing(id))
            continue;
        const ComponentRow r = data.component(id);
        model::SnapshotComponent c;
        c.id = component_oid(id);
        if (r.parent)
            c.parent = component_oid(*r.parent);
        c.version = 1;
        c.type_id = k_type_ids[r.level];
        c.name = r.name;
        c.last_updated = "2025-12-01T08:00:00.000Z";
        std::vector<model::Value> values = field_values(r, data.changed_field(id));
        c.custom_fields.reserve(k_field_count);
        c.custom_fields.push_back({keys[0], model::Value(component_key(id))});
        for (std::size_t f = 0; f < values.size(); ++f)
            c.custom_fields.push_back({keys[f + 1], std::move(values[f])});
        s.add_component(std::move(c));
    }
    for (std::uint64_t i = 0; i < spec.references; ++i) {
        if (data.reference_missing(i))
            continue;
        const ReferenceRow r = data.reference(i);
        model::SnapshotReference ref;
        ref.id = reference_oid(i);
        ref.source = component_oid(r.from);
        ref.target = component_oid(r.to);
        ref.type = 2;
        ref.version = 1;
        ref.display_text = r.kind;
        ref.last_updated = "2025-12-01T08:00:00.000Z";
        s.add_reference(std::move(ref));
    }
    s.reindex();
    return s;
}

void write_snapshot_file(const model::Snapshot& s, const fs::path& dir) {
    const fs::path path = dir / "workspace.json";
    std::FILE* out = std::fopen(path.c_str(), "wb");
    if (out == nullptr)
        throw std::runtime_error("cannot write " + path.string());
    connectors::write_snapshot_json(out, s, path);
    if (std::fclose(out) != 0)
        throw std::runtime_error("cannot write " + path.string());
}

void write_snapshot_cache(const model::Snapshot& s, const fs::path& dir) {
    connectors::SnapshotCache cache(dir / ".ardoq-sync" / "cache");
    cache.store(k_cache_host, s);
}

void write_emulator_empty(const fs::path& dir) {
    write_text(dir / "emulator-empty.json",
               emulator_header() + "\"components\": [],\n\"references\": []\n}\n");
}

void write_emulator_state(const model::Snapshot& s, const fs::path& dir) {
    std::string out = emulator_header() + "\"components\": [\n";
    const auto& names = s.field_keys();
    for (std::size_t i = 0; i < s.components().size(); ++i) {
        const auto& c = s.components()[i];
        out += "{\"_id\": \"" + c.id.to_string() + "\", \"name\": " + json_quote(c.name) +
               ", \"rootWorkspace\": \"" + k_workspace_id + "\", \"typeId\": \"" +
               std::string(c.type_id) + "\"";
        if (c.parent)
            out += ", \"parent\": \"" + c.parent->to_string() + "\"";
        out += ", \"customFields\": {";
        bool first = true;
        for (const auto& f : c.custom_fields) {
            out += (first ? "" : ", ") + json_quote(names[f.key]) + ": " + f.value.to_json();
            first = false;
        }
        out += i + 1 < s.components().size() ? "}},\n" : "}}\n";
    }
    out += "],\n\"references\": [\n";
    for (std::size_t i = 0; i < s.references().size(); ++i) {
        const auto& r = s.references()[i];
        out += "{\"_id\": \"" + r.id.to_string() + "\", \"source\": \"" + r.source.to_string() +
               "\", \"target\": \"" + r.target.to_string() + "\", \"type\": 2";
        if (r.display_text)
            out += ", \"displayText\": " + json_quote(*r.display_text);
        out += i + 1 < s.references().size() ? "},\n" : "}\n";
    }
    out += "]\n}\n";
    write_text(dir / "emulator.json", out);
}

void write_mappings(const fs::path& dir, const std::string& origin) {
    struct Format {
        const char* file;
        const char* what;
        const char* components;
        const char* dependencies;
    };
    const Format formats[] = {
        {"mapping.yaml", "CSV", "{ csv: components.csv }", "{ csv: dependencies.csv }"},
        {"mapping-jsonl.yaml", "JSON Lines", "{ jsonl: components.jsonl }",
         "{ jsonl: dependencies.jsonl }"},
        {"mapping-sqlite.yaml", "SQLite",
         "{ sqlite: bench.db, query: \"SELECT * FROM component\" }",
         "{ sqlite: bench.db, query: \"SELECT * FROM dependency\" }"},
        {"mapping-sql.yaml", "a SQL dump (INSERT)", "{ sql_dump: bench.sql, table: component }",
         "{ sql_dump: bench.sql, table: dependency }"},
        {"mapping-copy.yaml", "a SQL dump (COPY)", "{ sql_dump: bench-copy.sql, table: component }",
         "{ sql_dump: bench-copy.sql, table: dependency }"},
    };
    const std::string fields = "    fields:\n"
                               "      lifecycle: \"{{ lifecycle }}\"\n"
                               "      annual_cost: \"{{ cost | number }}\"\n"
                               "      user_count: \"{{ users | int }}\"\n"
                               "      critical: \"{{ critical | bool }}\"\n"
                               "      go_live: \"{{ go_live | date }}\"\n"
                               "      labels: \"{{ labels | split(';') }}\"\n"
                               "      owner_email: \"{{ owner }}\"\n"
                               "      vendor: \"{{ vendor }}\"\n"
                               "      notes: \"{{ notes }}\"\n"
                               "      region: \"{{ region }}\"\n";
    for (const auto& f : formats) {
        std::string y = std::string("# The benchmark portfolio from ") + f.what +
                        ", written by\n# " + origin +
                        "\nversion: 1\nworkspace: " + k_workspace_name + "\n\nsources:\n" +
                        "  components: " + f.components + "\n  dependencies: " + f.dependencies +
                        "\n\ncomponents:\n";
        for (int level = 0; level < k_levels; ++level) {
            y += std::string("  - from: components\n    type: ") + k_type_names[level] +
                 "\n    key: \"c-{{ id }}\"\n    name: \"{{ name }}\"\n";
            if (level > 0)
                y += std::string("    parent: { type: ") + k_type_names[level - 1] +
                     ", key: \"c-{{ parent }}\" }\n";
            y += fields + "    when: \"level == " + std::to_string(level) + "\"\n\n";
        }
        y += "references:\n  - from: dependencies\n    type: Depends on\n"
             "    source: { type: Service, key: \"c-{{ source_id }}\" }\n"
             "    target: { type: Service, key: \"c-{{ target_id }}\" }\n"
             "    display_text: \"{{ kind }}\"\n\n"
             "sync:\n  deletes: report\n  batch_size: 500\n";
        write_text(dir / f.file, y);
    }
}

} // namespace ardoq::bench
