// docs/mapping.md is tested: every complete mapping in it (a ```yaml block starting with
// "version: 1") loads, passes the JSON Schema and, run by the real connectors on the
// page's example files (```csv apps.csv blocks), gives the desired state of the ```text
// result block after it; and every expression example (a ```text block of
// `field = <JSON>` lines and `<template>  →  <JSON result>` lines) gives the result it
// shows.

#include "tests/mappings/json_schema_check.hpp"
#include "tests/mappings/mapping_test_support.hpp"

#include "connectors/sources/open_source.hpp"
#include "support/process.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <sstream>

using namespace ardoq;
using namespace ardoq::test;

namespace {

struct Block {
    std::string info; // "yaml", "text"
    std::string body;
    int line = 0; // of the opening fence
};

std::vector<Block> fenced_blocks(const std::string& markdown) {
    std::vector<Block> out;
    std::istringstream in(markdown);
    std::string line;
    int number = 0;
    Block* open = nullptr;
    while (std::getline(in, line)) {
        ++number;
        if (line.rfind("```", 0) == 0) {
            if (open) {
                open = nullptr;
            } else {
                out.push_back({line.substr(3), {}, number});
                open = &out.back();
            }
            continue;
        }
        if (open)
            open->body += line + "\n";
    }
    return out;
}

model::Value from_json(const json::value& v) {
    switch (v.kind()) {
    case json::kind::null:
        return {};
    case json::kind::bool_:
        return v.get_bool();
    case json::kind::int64:
        return v.get_int64();
    case json::kind::uint64:
        return static_cast<std::int64_t>(v.get_uint64());
    case json::kind::double_:
        return v.get_double();
    case json::kind::string:
        return std::string(v.get_string());
    case json::kind::array: {
        model::List l;
        for (const auto& item : v.get_array())
            l.push_back(from_json(item));
        return l;
    }
    case json::kind::object: {
        model::Object o;
        for (const auto& [k, item] : v.get_object())
            o.push_back({std::string(k), from_json(item)});
        return o;
    }
    }
    return {};
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(' ');
    const auto e = s.find_last_not_of(' ');
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

const std::string k_arrow = "\xE2\x86\x92"; // →

bool is_mapping(const Block& b) {
    return b.info == "yaml" && b.body.rfind("version: 1", 0) == 0;
}

// "csv apps.csv" → "apps.csv"; "" for blocks that are not example files.
std::string example_file(const Block& b) {
    const auto space = b.info.find(' ');
    if (space == std::string::npos || b.info == "text result")
        return {};
    return b.info.substr(space + 1);
}

// Writes the page's example files into `dir`; a *.db file is the SQLite database its
// block's SQL creates.
void write_example_files(const std::vector<Block>& blocks, const std::string& dir) {
    for (const auto& b : blocks) {
        const std::string name = example_file(b);
        if (name.empty())
            continue;
        INFO("docs/mapping.md:" << b.line);
        const std::filesystem::path path = std::filesystem::path(dir) / name;
        std::filesystem::create_directories(path.parent_path());
        if (path.extension() != ".db") {
            write_file(path.string(), b.body);
            continue;
        }
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        char* message = nullptr;
        const int rc = sqlite3_exec(db, b.body.c_str(), nullptr, nullptr, &message);
        const std::string text = message ? message : "";
        sqlite3_free(message);
        sqlite3_close(db);
        REQUIRE_MESSAGE(rc == SQLITE_OK, text);
    }
}

std::string quoted(const std::string& s) {
    return model::Value(s).to_json();
}

// One line per desired entity, in the evaluator's order:
//   Application app-1 "Payroll" in Domain dom-hr {"annual_cost":1200.5} (apps.csv:2)
//   Depends on: Application app-2 -> Application app-1 "HTTPS" {"weight":120} (deps.json:3)
std::string render(const model::DesiredState& state) {
    std::string out;
    auto tail = [&out](const std::optional<std::string>& description,
                       const model::DesiredFields& fields, const model::Origin& origin) {
        if (description)
            out += " description " + quoted(*description);
        if (!fields.empty())
            out += " " + model::Value(fields.to_object()).to_json();
        out += " (" + origin.to_string() + ")\n";
    };
    for (const auto& c : state.components) {
        out += c.type + " " + c.key + " " + quoted(c.name);
        if (c.parent)
            out += " in " + c.parent->type + " " + c.parent->key;
        tail(c.description, c.fields, c.origin);
    }
    for (const auto& r : state.references) {
        out += r.type + ": " + r.source.type + " " + r.source.key + " -> " + r.target.type + " " +
               r.target.key;
        if (r.display_text)
            out += " " + quoted(*r.display_text);
        tail(r.description, r.fields, r.origin);
    }
    return out;
}

} // namespace

TEST_CASE("mapping: every complete mapping in docs/mapping.md loads and fits the schema") {
    const auto blocks = fenced_blocks(read_file(source_dir() + "/docs/mapping.md"));
    const DraftSchemaValidator schema(
        json::parse(read_file(source_dir() + "/mappings/schema/mapping.schema.json")));
    int mappings = 0;
    for (const auto& b : blocks) {
        if (!is_mapping(b))
            continue;
        ++mappings;
        INFO("docs/mapping.md:" << b.line);
        CHECK(load_errors(b.body, {{"DATA_DIR", "/srv/exports"}, {"CMDB_TABLE", "server"}}) == "");
        CHECK(schema.validate(yaml_to_json(YAML::Load(b.body))) == std::vector<std::string>{});
    }
    CHECK(mappings >= 9);
}

TEST_CASE("mapping: every complete mapping in docs/mapping.md runs on the example files and "
          "gives the result it shows") {
    const auto blocks = fenced_blocks(read_file(source_dir() + "/docs/mapping.md"));
    const std::string dir = make_temp_dir("mapping-docs");
    write_example_files(blocks, dir);
    mapping::LoadOptions options =
        test_load_options({{"DATA_DIR", "exports"}, {"CMDB_TABLE", "server"}});
    options.base_dir = dir;
    int runs = 0;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (!is_mapping(blocks[i]))
            continue;
        INFO("docs/mapping.md:" << blocks[i].line);
        REQUIRE(i + 1 < blocks.size());
        REQUIRE(blocks[i + 1].info == "text result");
        const mapping::Mapping m = mapping::load_mapping_text(blocks[i].body, options);
        CHECK(m.warnings.empty());
        model::Diagnostics diags;
        const auto state = mapping::evaluate(m, connectors::open_source, diags);
        CHECK(diags.to_string() == "");
        CHECK(render(state) == blocks[i + 1].body);
        ++runs;
    }
    CHECK(runs >= 9);
}

TEST_CASE("mapping: every expression example in docs/mapping.md gives the result it shows") {
    const auto blocks = fenced_blocks(read_file(source_dir() + "/docs/mapping.md"));
    int examples = 0;
    for (const auto& b : blocks) {
        if (b.info != "text" || b.body.find(k_arrow) == std::string::npos)
            continue;
        Table table;
        table.rows.emplace_back();
        std::istringstream in(b.body);
        std::string line;
        int offset = 0;
        while (std::getline(in, line)) {
            ++offset;
            INFO("docs/mapping.md:" << b.line + offset << ": " << line);
            if (trim(line).empty())
                continue;
            const auto arrow = line.find(k_arrow);
            if (arrow == std::string::npos) {
                const auto eq = line.find(" = ");
                REQUIRE(eq != std::string::npos);
                table.columns.push_back(trim(line.substr(0, eq)));
                table.rows[0].push_back(from_json(json::parse(line.substr(eq + 3))));
                continue;
            }
            ++examples;
            const std::string tmpl = trim(line.substr(0, arrow));
            const model::Value want = from_json(json::parse(line.substr(arrow + k_arrow.size())));
            Table t = table;
            if (t.columns.empty()) {
                t.columns.push_back("unused");
                t.rows[0].push_back({});
            }
            auto r = eval_template(tmpl, t);
            CHECK(r.diagnostics == "");
            CHECK(r.value.to_json() == want.to_json());
            CHECK(r.value.kind() == want.kind());
        }
    }
    CHECK(examples >= 40);
}
