#include "mappings/load.hpp"

#include "mappings/load/sections.hpp"
#include "model/errors.hpp"

#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

namespace ardoq::mapping {

namespace {

using load::Entry;
using load::LoadContext;

// A mapping holds rules, not data: a larger file is refused before it is parsed (the
// parsed tree takes several times the text's size).
constexpr std::size_t k_max_mapping_bytes = std::size_t{16} << 20;

constexpr std::array<std::string_view, 8> k_top_keys = {
    "version", "workspace", "target", "identity", "sources", "components", "references", "sync"};

// Sources that a rule reads from, or a lookup joins.
std::vector<bool> used_sources(const Mapping& m) {
    std::vector<bool> used(m.sources.size(), false);
    for (const auto& r : m.components)
        used[r.from] = true;
    for (const auto& r : m.references)
        used[r.from] = true;
    for (const auto& l : m.lookups)
        used[l.source] = true;
    return used;
}

void read_document(LoadContext& ctx, const YAML::Node& root) {
    Mapping& m = ctx.mapping;
    if (!root || root.IsNull()) {
        ctx.error(model::Location{ctx.text.name(), 1, 1}, "the mapping file is empty",
                  "start with version: 1, workspace, sources and components");
        return;
    }
    if (!root.IsMap()) {
        ctx.error(root, "a mapping file is a map of sections (version, workspace, sources, ...), "
                        "not " +
                            std::string(load::kind_word(root)));
        return;
    }
    const load::Entries top = ctx.read_map(root, k_top_keys, "at the top level");
    const model::Location start{ctx.text.name(), 1, 1};

    if (const Entry* e = load::find(top, "version")) {
        if (auto v = ctx.read_int(*e, 0, "1")) {
            if (*v != 1)
                ctx.error(e->value, "unsupported mapping version " + std::to_string(*v),
                          "this ardoq-sync reads version: 1");
        }
    } else {
        ctx.error(start, "missing \"version\"", "add version: 1 at the top of the file");
    }
    if (const Entry* e = load::find(top, "workspace")) {
        if (auto w = ctx.read_expanded(*e, "a workspace name or id")) {
            m.workspace = *w;
            m.workspace_where = ctx.at(e->value);
        }
    } else {
        ctx.error(start, "missing \"workspace\"", "add workspace: <workspace name or id>");
    }
    if (const Entry* e = load::find(top, "target"))
        if (auto t = ctx.read_expanded(*e, "a target: https://..., http://... or file:PATH"))
            m.target = *t;
    if (const Entry* e = load::find(top, "sources"))
        load::read_sources(ctx, *e);
    else
        ctx.error(start, "missing \"sources\"",
                  "add sources: with one entry per input, e.g. apps: { csv: apps.csv }");
    if (const Entry* e = load::find(top, "identity"))
        load::read_identity(ctx, *e);
    const Entry* components = load::find(top, "components");
    const Entry* references = load::find(top, "references");
    if (components)
        load::read_component_rules(ctx, *components);
    if (references)
        load::read_reference_rules(ctx, *references);
    const bool has_rules =
        (components && components->value.IsSequence() && components->value.size() > 0) ||
        (references && references->value.IsSequence() && references->value.size() > 0);
    if (!has_rules && !(components && !components->value.IsSequence()) &&
        !(references && !references->value.IsSequence()))
        ctx.error(start, "the mapping has no rules",
                  "add components: (or references:) with at least one rule");
    if (const Entry* e = load::find(top, "sync"))
        load::read_sync(ctx, *e);

    const auto used = used_sources(m);
    for (std::size_t i = 0; i < m.sources.size(); ++i)
        if (!used[i])
            ctx.warning(m.sources[i].where,
                        "source \"" + m.sources[i].name + "\" is not used by any rule or lookup",
                        "remove it, or add a rule with from: " + m.sources[i].name);
}

[[noreturn]] void reject(std::vector<model::Diagnostic> diags, std::size_t cap) {
    std::stable_sort(diags.begin(), diags.end(), [](const auto& a, const auto& b) {
        return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
    });
    model::Diagnostics out(cap);
    for (auto& d : diags)
        out.add(std::move(d));
    throw model::InputError(out);
}

[[noreturn]] void throw_too_large(const std::string& file, std::uintmax_t bytes) {
    throw model::InputError(model::make_error(
        {file, 0, 0},
        "the mapping file is " + std::to_string(bytes) + " bytes, more than the limit of 16 MiB",
        "a mapping file holds rules, not data: put the data in a source file (csv:, json:, "
        "jsonl:, sqlite:, sql_dump:)"));
}

} // namespace

Mapping load_mapping_text(std::string_view text, const LoadOptions& options) {
    if (text.size() > k_max_mapping_bytes)
        throw_too_large(options.display_name, text.size());
    Mapping m;
    m.file = options.display_name;
    const SourceText source(options.display_name, std::string(text));
    LoadContext ctx(source, options.env, options.base_dir, m);
    YAML::Node root;
    try {
        root = YAML::Load(source.text());
    } catch (const YAML::DeepRecursion& e) {
        // yaml-cpp reports its nesting limit as "bad file"; say what it is.
        ctx.error(source.at_mark(e.mark.line, e.mark.column),
                  "YAML nesting is deeper than " + std::to_string(e.depth() - 1) + " levels",
                  "a mapping needs only a few levels; look for [ or { that are never closed, "
                  "or lines indented ever deeper");
        reject(std::move(ctx.diags), options.max_errors);
    } catch (const YAML::Exception& e) {
        ctx.error(source.at_mark(e.mark.line, e.mark.column), "invalid YAML: " + e.msg,
                  "check the indentation and the quotes on this line and the one before");
        reject(std::move(ctx.diags), options.max_errors);
    }
    read_document(ctx, root);
    if (!ctx.diags.empty())
        reject(std::move(ctx.diags), options.max_errors);
    return m;
}

Mapping load_mapping(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw model::InputError(
            model::make_error({file.string(), 0, 0}, "cannot open the mapping file",
                              "check the path; it is taken relative to the current directory"));
    std::error_code ec;
    if (const auto size = std::filesystem::file_size(file, ec); !ec && size > k_max_mapping_bytes)
        throw_too_large(file.string(), size);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    LoadOptions options;
    options.display_name = file.string();
    options.base_dir = file.parent_path();
    Mapping m = load_mapping_text(buffer.str(), options);
    m.file = file;
    return m;
}

} // namespace ardoq::mapping
