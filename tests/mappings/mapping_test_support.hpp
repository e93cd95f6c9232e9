#pragma once
// Test support for the mapping language: load a mapping from text with a fake
// environment, get every message it is rejected with, and evaluate one expression on
// one hand-made record.

#include "mappings/evaluate.hpp"
#include "mappings/load.hpp"
#include "model/errors.hpp"
#include "tests/mappings/memory_source.hpp"

#include <map>
#include <string>

namespace ardoq::test {

inline mapping::LoadOptions test_load_options(std::map<std::string, std::string> env = {}) {
    mapping::LoadOptions o;
    o.display_name = "mapping.yaml";
    o.base_dir = "/data";
    o.env = [env = std::move(env)](std::string_view name) -> std::optional<std::string> {
        auto it = env.find(std::string(name));
        if (it == env.end())
            return std::nullopt;
        return it->second;
    };
    return o;
}

inline mapping::Mapping load_text(const std::string& yaml,
                                  std::map<std::string, std::string> env = {}) {
    return mapping::load_mapping_text(yaml, test_load_options(std::move(env)));
}

// Every diagnostic the loader rejects `yaml` with, one per line; "" when it loads.
inline std::string load_errors(const std::string& yaml,
                               std::map<std::string, std::string> env = {}) {
    try {
        load_text(yaml, std::move(env));
    } catch (const model::InputError& e) {
        return e.what();
    }
    return {};
}

// The smallest valid mapping around one component rule body (indented by 4).
inline std::string with_rule(const std::string& rule_lines, const std::string& extra = {}) {
    return "version: 1\n"
           "workspace: Portfolio\n"
           "sources:\n"
           "  apps: { csv: apps.csv }\n"
           "components:\n"
           "  - from: apps\n"
           "    type: Application\n" +
           rule_lines + extra;
}

// YAML single-quoted form of a text.
inline std::string yaml_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        out.push_back(c);
        if (c == '\'')
            out.push_back('\'');
    }
    return out + "'";
}

// The value a field template gives on one record of `table` (its first row), and the
// runtime diagnostics, for testing expressions end to end.
struct EvalResult {
    model::Value value;
    bool emitted = false;
    std::string diagnostics;
};

inline EvalResult eval_template(const std::string& tmpl, const Table& table) {
    const std::string yaml =
        with_rule("    key: k\n    name: n\n    fields:\n      v: " + yaml_quote(tmpl) + "\n");
    mapping::Mapping m = load_text(yaml);
    MemorySources sources;
    sources.add("apps", table);
    model::Diagnostics diags;
    auto state = mapping::evaluate(m, sources.opener(), diags);
    EvalResult r;
    r.diagnostics = diags.to_string();
    if (!state.components.empty()) {
        r.emitted = true;
        r.value = (*state.components.front().fields.begin()).value.to_value();
    }
    return r;
}

// A one-row table.
inline Table row(std::vector<std::string> columns, std::vector<model::Value> values) {
    Table t;
    t.columns = std::move(columns);
    t.rows.push_back(std::move(values));
    return t;
}

} // namespace ardoq::test
