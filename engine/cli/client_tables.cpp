#include "cli/client_tables.hpp"

#include "cli/client_output.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <vector>

namespace ardoq::cli {

namespace json = boost::json;

namespace {

constexpr auto k_right = Table::Align::right;

std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

const json::array& array_member(const json::object& o, std::string_view key) {
    static const json::array none;
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_array() ? v->get_array() : none;
}

std::string text_member(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v == nullptr ? std::string() : cell_text(*v);
}

// The nodes of a v1 model's "root" (or a node's "children"), in their "index" order.
std::vector<const json::object*> ordered_nodes(const json::value* nodes) {
    std::vector<const json::object*> out;
    if (nodes == nullptr || !nodes->is_object())
        return out;
    for (const auto& m : nodes->get_object())
        if (const auto* node = m.value().if_object())
            out.push_back(node);
    auto index = [](const json::object* n) {
        const auto* i = n->if_contains("index");
        return i != nullptr && i->is_number() ? i->to_number<double>() : 0.0;
    };
    std::stable_sort(out.begin(), out.end(),
                     [&](const auto* a, const auto* b) { return index(a) < index(b); });
    return out;
}

void add_type_rows(Table& table, const json::value* nodes, std::size_t depth) {
    if (depth > 64)
        return;
    for (const auto* node : ordered_nodes(nodes)) {
        table.add_row(
            {std::string(depth * 2, ' ') + text_member(*node, "name"), text_member(*node, "id")});
        add_type_rows(table, node->if_contains("children"), depth + 1);
    }
}

} // namespace

std::string workspace_table(const json::array& all) {
    return render_list(all, {member_column("ID", "_id"), member_column("NAME", "name"),
                             member_column("KEY", "workspaceKey")});
}

std::string summary_table(const json::array& all) {
    return render_list(all, {member_column("ID", "_id"), member_column("NAME", "name"),
                             member_column("COMPONENTS", "componentCount", k_right),
                             member_column("REFERENCES", "referenceCount", k_right)});
}

std::string folder_table(const json::array& all) {
    return render_list(all, {member_column("ID", "_id"), member_column("NAME", "name"),
                             count_column("WORKSPACES", "workspaces")});
}

std::string component_table(const json::array& all) {
    return render_list(all, {member_column("ID", "_id"), member_column("NAME", "name"),
                             member_column("TYPE", "type"), member_column("KEY", "componentKey"),
                             member_column("PARENT", "parent")});
}

std::string reference_table(const json::array& all) {
    return render_list(all,
                       {member_column("ID", "_id"), member_column("SOURCE", "source"),
                        member_column("TARGET", "target"), member_column("TYPE", "type", k_right),
                        member_column("DISPLAY TEXT", "displayText")});
}

std::string tag_table(const json::array& all) {
    return render_list(all, {member_column("ID", "_id"), member_column("NAME", "name"),
                             count_column("COMPONENTS", "components"),
                             count_column("REFERENCES", "references")});
}

std::string field_table(const json::array& all) {
    return render_list(all, {member_column("ID", "_id"), member_column("NAME", "name"),
                             member_column("LABEL", "label"), member_column("TYPE", "type"),
                             member_column("MODEL", "model")});
}

std::string model_table(const json::array& all) {
    return render_list(all, {member_column("ID", "_id"), member_column("NAME", "name"),
                             member_column("TEMPLATE", "useAsTemplate")});
}

std::string aggregated_table(const json::object& ws) {
    json::object own;
    for (const auto& m : ws)
        if (m.key() != "components" && m.key() != "references")
            own.emplace(m.key(), m.value());
    const auto& components = array_member(ws, "components");
    const auto& references = array_member(ws, "references");
    return render_record(own) + "\n" + plural(components.size(), "component") + ":\n" +
           render_list(components,
                       {member_column("ID", "_id"), member_column("NAME", "name"),
                        member_column("TYPE", "type"), member_column("PARENT", "parent")}) +
           "\n" + plural(references.size(), "reference") + ":\n" + reference_table(references);
}

std::string model_tree(const json::object& model) {
    std::string out =
        "model " + text_member(model, "_id") + " \"" + text_member(model, "name") + "\"\n\n";
    Table types({{"COMPONENT TYPE"}, {"TYPE ID"}}, 0);
    add_type_rows(types, model.if_contains("root"), 0);
    out += types.render() + "\n";
    Table refs({{"REFERENCE TYPE"}, {"TYPE", k_right}}, 0);
    if (const auto* rt = model.if_contains("referenceTypes"); rt != nullptr && rt->is_object())
        for (const auto& m : rt->get_object())
            if (const auto* t = m.value().if_object())
                refs.add_row({text_member(*t, "name"), text_member(*t, "id")});
    return out + refs.render();
}

} // namespace ardoq::cli
