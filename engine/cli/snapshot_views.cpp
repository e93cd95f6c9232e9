#include "cli/snapshot_views.hpp"

#include "connectors/ardoq/json_model.hpp"
#include "model/errors.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>

namespace ardoq::cli {

namespace {

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
    std::string out;
    for (const auto& i : items)
        out += (out.empty() ? "" : std::string(sep)) + i;
    return out;
}

// Columns padded to the widest cell; the last column is not padded.
std::string render_table(const std::vector<std::vector<std::string>>& rows,
                         const std::vector<bool>& right_align) {
    std::vector<std::size_t> width;
    for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i) {
            width.resize(std::max(width.size(), row.size()));
            width[i] = std::max(width[i], row[i].size());
        }
    std::string out;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const bool last = i + 1 == row.size();
            const std::string pad(width[i] - row[i].size(), ' ');
            const bool right = i < right_align.size() && right_align[i];
            line += right ? pad + row[i] : (last ? row[i] : row[i] + pad);
            if (!last)
                line += "  ";
        }
        out += line + "\n";
    }
    return out;
}

bool contains(std::string_view hay, std::string_view needle, bool case_sensitive) {
    if (case_sensitive)
        return hay.find(needle) != std::string_view::npos;
    return model::ascii_lower(hay).find(model::ascii_lower(needle)) != std::string::npos;
}

bool equals(std::string_view a, std::string_view b, bool case_sensitive) {
    return case_sensitive ? a == b : model::ascii_lower(a) == model::ascii_lower(b);
}

void render_type_tree(const model::WorkspaceContext& ctx, const std::string& parent, int depth,
                      std::string& out) {
    for (const auto& t : ctx.component_types) {
        const bool root_level = parent.empty() && (t.parent_type_id.empty() ||
                                                   !ctx.component_type_by_id(t.parent_type_id));
        if (!(parent.empty() ? root_level : t.parent_type_id == parent))
            continue;
        out += std::string(2 + 2 * static_cast<std::size_t>(depth), ' ') + t.name + " [" +
               t.type_id + "]";
        if (!t.custom_fields.empty())
            out += "  fields: " + join(t.custom_fields);
        out += "\n";
        if (depth < 64) // a cyclic hierarchy in a hand-written file must not recurse forever
            render_type_tree(ctx, t.type_id, depth + 1, out);
    }
}

} // namespace

std::string format_bytes(std::uintmax_t bytes) {
    char buf[32];
    if (bytes < 1024)
        return std::to_string(bytes) + " B";
    const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(bytes);
    int unit = -1;
    while (v >= 1024.0 && unit < 3) {
        v /= 1024.0;
        ++unit;
    }
    std::snprintf(buf, sizeof buf, v < 10 ? "%.1f %s" : "%.0f %s", v, units[unit]);
    return buf;
}

std::string render_model(const model::Snapshot& s) {
    const auto& ctx = s.context;
    std::string out =
        "Workspace \"" + s.workspace.name + "\" (" + s.workspace.id + ")\n\nComponent types\n";
    if (ctx.component_types.empty())
        out += "  (none)\n";
    render_type_tree(ctx, "", 0, out);
    out += "\nReference types\n";
    if (ctx.reference_types.empty())
        out += "  (none)\n";
    for (const auto& t : ctx.reference_types) {
        out += "  " + t.name + " [" + std::to_string(t.type) + "]";
        if (!t.custom_fields.empty())
            out += "  fields: " + join(t.custom_fields);
        out += "\n";
    }
    out += "\nCustom fields\n";
    if (ctx.fields.empty())
        out += "  (none)\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& f : ctx.fields) {
        std::string notes = f.label;
        if (!f.options.empty())
            notes += "  (" + join(f.options) + ")";
        if (f.calculated)
            notes += "  calculated";
        else if (f.read_only)
            notes += "  read-only";
        rows.push_back(
            {"  " + f.api_key,
             f.type_name.empty() ? std::string(model::field_type_name(f.type)) : f.type_name,
             notes});
    }
    out += render_table(rows, {});
    return out;
}

boost::json::object model_to_json(const model::Snapshot& s) {
    boost::json::object out;
    out["workspace"] = connectors::workspace_to_json(s.workspace);
    out["context"] = connectors::context_to_json(s.context);
    return out;
}

std::vector<model::EntityIndex> find_components(const model::Snapshot& s, const FindQuery& q) {
    std::string type_id;
    if (!q.type.empty()) {
        const auto* t = s.context.component_type_by_name(q.type);
        if (t == nullptr)
            t = s.context.component_type_by_id(q.type);
        if (t == nullptr) {
            std::vector<std::string> names;
            for (const auto& ct : s.context.component_types)
                names.push_back("\"" + ct.name + "\"");
            throw model::InputError(
                model::make_error({"--type"}, "unknown component type \"" + q.type + "\"",
                                  names.empty() ? "the workspace has no component types"
                                                : "types in this workspace: " + join(names)));
        }
        type_id = t->type_id;
    }
    std::vector<std::pair<model::FieldKey, std::string>> fields;
    for (const auto& [key, text] : q.fields) {
        auto fk = s.find_field(key);
        if (!fk) {
            std::vector<std::string> keys;
            for (const auto& f : s.context.fields)
                keys.push_back(f.api_key);
            throw model::InputError(
                model::make_error({"--field"}, "unknown custom field \"" + key + "\"",
                                  keys.empty() ? "no component in the workspace has custom fields"
                                               : "fields in this workspace: " + join(keys)));
        }
        fields.emplace_back(*fk, text);
    }
    std::vector<model::EntityIndex> out;
    const auto& cs = s.components();
    for (model::EntityIndex i = 0; i < cs.size(); ++i) {
        const auto& c = cs[i];
        if (!type_id.empty() && c.type_id != type_id)
            continue;
        if (!q.name.empty() && !(q.exact ? equals(c.name, q.name, q.case_sensitive)
                                         : contains(c.name, q.name, q.case_sensitive)))
            continue;
        bool all = true;
        for (const auto& [fk, text] : fields) {
            auto v = model::Snapshot::field_value(c.custom_fields, fk);
            if (!v || v->is_null() || !equals(v->to_text(), text, q.case_sensitive)) {
                all = false;
                break;
            }
        }
        if (all)
            out.push_back(i);
    }
    return out;
}

std::string render_components(const model::Snapshot& s,
                              const std::vector<model::EntityIndex>& found) {
    if (found.empty())
        return "no matching components\n";
    std::vector<std::vector<std::string>> rows{{"id", "type", "key", "name", "parent"}};
    for (auto i : found) {
        const auto& c = s.components()[i];
        const auto* type = s.context.component_type_by_id(c.type_id);
        std::string parent;
        if (c.parent) {
            auto p = s.component_by_id(*c.parent);
            parent = p ? std::string(s.components()[*p].name) : c.parent->to_string();
        }
        rows.push_back({c.id.to_string(), type ? type->name : std::string(c.type_id),
                        std::string(c.component_key), std::string(c.name), parent});
    }
    return render_table(rows, {}) + std::to_string(found.size()) +
           (found.size() == 1 ? " component\n" : " components\n");
}

std::string render_cache(const std::string& root,
                         const std::vector<connectors::CacheEntry>& entries) {
    if (entries.empty())
        return "no cached snapshots in " + root + "\n";
    std::vector<std::vector<std::string>> rows{
        {"host", "workspace", "id", "fetched at", "components", "references", "size", "state"}};
    for (const auto& e : entries) {
        if (!e.problem.empty()) {
            rows.push_back({e.host_key, "?", e.path.stem().string(), "", "", "",
                            format_bytes(e.bytes), e.problem});
            continue;
        }
        rows.push_back({e.host_key, e.info.workspace.name, e.info.workspace.id, e.info.fetched_at,
                        std::to_string(e.info.components), std::to_string(e.info.references),
                        format_bytes(e.bytes), e.info.stale ? "stale" : "fresh"});
    }
    return "cache: " + root + "\n" +
           render_table(rows, {false, false, false, false, true, true, true, false});
}

} // namespace ardoq::cli
