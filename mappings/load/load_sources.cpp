#include "mappings/load/sections.hpp"
#include "mappings/text/suggest.hpp"

#include <algorithm>
#include <array>

namespace ardoq::mapping::load {

namespace {

using model::SourceFormat;

constexpr std::array<std::string_view, 5> k_formats = {"csv", "json", "jsonl", "sqlite",
                                                       "sql_dump"};
constexpr std::array<std::string_view, 14> k_source_keys = {
    "csv",     "json",  "jsonl",  "sqlite",   "sql_dump", "delimiter", "header",
    "columns", "empty", "ragged", "encoding", "records",  "query",     "table"};

struct OptionOwner {
    std::string_view option;
    std::string_view formats; // formats that take it, for messages
};
constexpr std::array<OptionOwner, 9> k_option_owners = {{
    {"delimiter", "csv"},
    {"header", "csv"},
    {"columns", "csv"},
    {"empty", "csv"},
    {"ragged", "csv"},
    {"encoding", "csv"},
    {"records", "json"},
    {"query", "sqlite"},
    {"table", "sql_dump"},
}};

bool valid_name(std::string_view name) {
    if (name.empty() || !((name[0] >= 'a' && name[0] <= 'z') ||
                          (name[0] >= 'A' && name[0] <= 'Z') || name[0] == '_'))
        return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_'))
            return false;
    return true;
}

std::string suggested_name(std::string_view name) {
    std::string out;
    for (char c : name)
        out.push_back(
            ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) ? c : '_');
    if (out.empty() || (out[0] >= '0' && out[0] <= '9'))
        out.insert(out.begin(), '_');
    return out;
}

void read_csv_options(LoadContext& ctx, const Entries& entries, model::SourceSpec& spec) {
    auto& csv = spec.csv;
    if (const Entry* e = find(entries, "delimiter")) {
        if (auto d = ctx.read_text(*e, "one character, such as ';' or \"\\t\"")) {
            if (*d == "tab" || *d == "\t")
                csv.delimiter = '\t';
            else if (d->size() == 1 && *d != "\"" && *d != "\n" && *d != "\r")
                csv.delimiter = (*d)[0];
            else
                ctx.wrong_kind(*e, "one character, such as ';' or \"\\t\"");
        }
    }
    if (const Entry* e = find(entries, "header"))
        if (auto b = ctx.read_bool(*e))
            csv.header = *b;
    if (const Entry* e = find(entries, "columns")) {
        if (!e->value.IsSequence() || e->value.size() == 0) {
            ctx.wrong_kind(*e, "a list of column names");
        } else {
            for (const auto& item : e->value) {
                if (!item.IsScalar() || item.Scalar().empty()) {
                    ctx.error(item,
                              item.IsScalar() ? std::string("a column name is empty")
                                              : "a column name must be a name, not " +
                                                    std::string(kind_word(item)),
                              "columns: names the fields in file order, e.g. columns: [id, name]");
                    continue;
                }
                csv.columns.push_back(item.Scalar());
            }
        }
    }
    if (!csv.header && csv.columns.empty() && !find(entries, "columns"))
        ctx.error(find(entries, "header")->key_node,
                  "csv source \"" + spec.name + "\" has header: false but no \"columns\"",
                  "name the columns: columns: [id, name, ...]");
    if (const Entry* e = find(entries, "empty")) {
        static constexpr std::array<std::string_view, 2> k_empty = {"null", "empty_string"};
        if (auto c = ctx.read_choice(*e, k_empty))
            csv.empty = *c == "null" ? model::EmptyField::null : model::EmptyField::empty_string;
    }
    if (const Entry* e = find(entries, "ragged")) {
        static constexpr std::array<std::string_view, 2> k_ragged = {"error", "pad"};
        if (auto c = ctx.read_choice(*e, k_ragged))
            csv.ragged = *c == "error" ? model::Ragged::error : model::Ragged::pad;
    }
    if (const Entry* e = find(entries, "encoding")) {
        static constexpr std::array<std::string_view, 2> k_encodings = {"utf-8", "latin1"};
        if (auto c = ctx.read_choice(*e, k_encodings))
            csv.encoding = *c == "utf-8" ? model::Encoding::utf8 : model::Encoding::latin1;
    }
}

void read_source(LoadContext& ctx, const YAML::Node& name_node, const YAML::Node& value) {
    model::SourceSpec spec;
    spec.name = name_node.Scalar();
    spec.where = ctx.at(name_node);
    if (!valid_name(spec.name))
        ctx.error(name_node, "source name \"" + spec.name + "\" cannot be used in expressions",
                  "use letters, digits and _, e.g. " + suggested_name(spec.name));
    if (!value.IsMap()) {
        ctx.error(value.IsNull() ? name_node : value,
                  "source \"" + spec.name + "\" must be a map such as { csv: apps.csv }, not " +
                      std::string(kind_word(value)));
        ctx.mapping.sources.push_back(std::move(spec));
        return;
    }
    const Entries entries = ctx.read_map(value, k_source_keys, "in source \"" + spec.name + "\"");
    const Entry* format = nullptr;
    for (const auto& e : entries) {
        if (std::find(k_formats.begin(), k_formats.end(), e.key) == k_formats.end())
            continue;
        if (format) {
            ctx.error(e.key_node,
                      "source \"" + spec.name + "\" has two formats, \"" + format->key +
                          "\" and \"" + e.key + "\"",
                      "each source reads one file; declare another source for the other");
            continue;
        }
        format = &e;
    }
    if (!format) {
        ctx.error(name_node,
                  "source \"" + spec.name +
                      "\" needs a format: csv, json, jsonl, sqlite or sql_dump",
                  "e.g. " + spec.name + ": { csv: " + spec.name + ".csv }");
        ctx.mapping.sources.push_back(std::move(spec));
        return;
    }
    const std::string& fmt = format->key;
    spec.format = fmt == "csv"      ? model::SourceFormat::csv
                  : fmt == "json"   ? model::SourceFormat::json
                  : fmt == "jsonl"  ? model::SourceFormat::jsonl
                  : fmt == "sqlite" ? model::SourceFormat::sqlite
                                    : model::SourceFormat::sql_dump;
    if (auto raw = ctx.read_text(*format, "a file path"))
        spec.file = *raw;
    if (auto path = ctx.read_expanded(*format, "a file path")) {
        std::filesystem::path p(*path);
        spec.path = p.is_absolute() ? p : ctx.base_dir / p;
    }
    for (const auto& e : entries) {
        for (const auto& owner : k_option_owners)
            if (owner.option == e.key && owner.formats != fmt)
                ctx.error(e.key_node, "\"" + e.key + "\" does not apply to " + fmt + " sources",
                          "\"" + e.key + "\" is an option of " + std::string(owner.formats) +
                              " sources");
    }
    switch (spec.format) {
    case SourceFormat::csv:
        read_csv_options(ctx, entries, spec);
        break;
    case SourceFormat::json:
        if (const Entry* e = find(entries, "records")) {
            if (auto ptr = ctx.read_text(*e, "a JSON pointer such as /items")) {
                if (!ptr->empty() && (*ptr)[0] != '/')
                    ctx.wrong_kind(*e, "a JSON pointer such as /items");
                else
                    spec.records_pointer = *ptr;
            }
        }
        break;
    case SourceFormat::sqlite:
        if (const Entry* e = find(entries, "query")) {
            if (auto q = ctx.read_expanded(*e, "a SELECT statement"))
                spec.query = *q;
        } else {
            ctx.error(name_node, "sqlite source \"" + spec.name + "\" needs \"query\"",
                      "e.g. query: \"SELECT * FROM server\"");
        }
        break;
    case SourceFormat::sql_dump:
        if (const Entry* e = find(entries, "table")) {
            if (auto t = ctx.read_expanded(*e, "a table name"))
                spec.table = *t;
        } else {
            ctx.error(name_node, "sql_dump source \"" + spec.name + "\" needs \"table\"",
                      "name the table whose INSERT or COPY rows to read: table: owner");
        }
        break;
    case SourceFormat::jsonl:
        break;
    }
    ctx.mapping.sources.push_back(std::move(spec));
}

} // namespace

void read_sources(LoadContext& ctx, const Entry& sources) {
    if (!sources.value.IsMap()) {
        ctx.wrong_kind(sources, "a map of source names to sources, e.g. apps: { csv: apps.csv }");
        return;
    }
    if (sources.value.size() == 0) {
        ctx.error(sources.key_node, "\"sources\" is empty",
                  "add one entry per input, e.g. apps: { csv: apps.csv }");
        return;
    }
    for (auto it = sources.value.begin(); it != sources.value.end(); ++it) {
        if (!it->first.IsScalar()) {
            ctx.error(it->first,
                      "a source name must be a plain name, not " +
                          std::string(kind_word(it->first)),
                      "name each source with letters, digits and _, e.g. apps: { csv: apps.csv }");
            continue;
        }
        if (ctx.mapping.source_index(it->first.Scalar())) {
            ctx.error(it->first, "source \"" + it->first.Scalar() + "\" is declared twice",
                      "give each source its own name");
            continue;
        }
        read_source(ctx, it->first, it->second);
    }
}

} // namespace ardoq::mapping::load
