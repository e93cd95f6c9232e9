#include "mappings/load/sections.hpp"
#include "mappings/text/suggest.hpp"

#include <array>

namespace ardoq::mapping::load {

namespace {

constexpr std::array<std::string_view, 8> k_component_keys = {
    "from", "type", "key", "name", "description", "parent", "fields", "when"};
constexpr std::array<std::string_view, 8> k_reference_keys = {
    "from", "type", "source", "target", "fields", "display_text", "description", "when"};
constexpr std::array<std::string_view, 2> k_endpoint_keys = {"type", "key"};

std::size_t scalar_pos(const YAML::Node& node) {
    const int pos = node.Mark().pos;
    return pos < 0 ? 0 : static_cast<std::size_t>(pos);
}

// `{{ name }}` without quotes reads as a map whose key is a map.
bool looks_like_unquoted_template(const YAML::Node& node) {
    return node.IsMap() && node.size() == 1 && node.begin()->first.IsMap();
}

std::optional<std::size_t> read_from(LoadContext& ctx, const Entry& e) {
    auto name = ctx.read_text(e, "the name of a source");
    if (!name)
        return std::nullopt;
    if (auto index = ctx.mapping.source_index(*name))
        return index;
    std::vector<std::string_view> names;
    for (const auto& s : ctx.mapping.sources)
        names.push_back(s.name);
    ctx.error(e.value, "unknown source \"" + *name + "\"",
              names.empty()
                  ? "declare it under sources:, e.g. " + *name + ": { csv: " + *name + ".csv }"
                  : suggestion_hint(*name, names, "sources"));
    return std::nullopt;
}

std::optional<std::string> read_type(LoadContext& ctx, const Entry& e, std::string_view what) {
    auto type = ctx.read_text(e, what);
    if (type && type->empty()) {
        ctx.wrong_kind(e, what);
        return std::nullopt;
    }
    return type;
}

const Entry* require(LoadContext& ctx, const Entries& entries, std::string_view key,
                     const YAML::Node& at, std::string_view what, std::string_view hint) {
    if (const Entry* e = find(entries, key))
        return e;
    ctx.error(at, std::string(what) + " is missing \"" + std::string(key) + "\"",
              std::string(hint));
    return nullptr;
}

std::optional<EndpointRule> read_endpoint(LoadContext& ctx, const Entry& e,
                                          expr::FieldTable& fields, std::string_view example) {
    if (!e.value.IsMap()) {
        ctx.wrong_kind(e, "a map " + std::string(example));
        return std::nullopt;
    }
    const Entries entries = ctx.read_map(e.value, k_endpoint_keys, "in \"" + e.key + "\"");
    EndpointRule out;
    bool ok = true;
    const std::string what = "\"" + e.key + "\"";
    const std::string hint = "write " + e.key + ": " + std::string(example);
    if (const Entry* t = require(ctx, entries, "type", e.value, what, hint)) {
        auto type = read_type(ctx, *t, "a component type name");
        ok = ok && type;
        if (type) {
            out.type = *type;
            out.type_where = ctx.at(t->value);
        }
    } else {
        ok = false;
    }
    if (const Entry* k = require(ctx, entries, "key", e.value, what, hint)) {
        out.key = compile_entry(ctx, *k, fields, ExprForm::text_template);
        ok = ok && out.key;
    } else {
        ok = false;
    }
    if (!ok)
        return std::nullopt;
    return out;
}

// `component`: the identity field may not be mapped (the key goes there).
std::vector<FieldRule> read_fields(LoadContext& ctx, const Entry& e, expr::FieldTable& fields,
                                   bool component) {
    std::vector<FieldRule> out;
    if (!e.value.IsMap()) {
        ctx.wrong_kind(e, "a map of field apiKeys to values, e.g. { lifecycle: \"{{ status }}\" }");
        return out;
    }
    for (auto it = e.value.begin(); it != e.value.end(); ++it) {
        if (!it->first.IsScalar() || it->first.Scalar().empty()) {
            ctx.error(it->first,
                      it->first.IsScalar() ? std::string("a field apiKey is empty")
                                           : "a field apiKey must be a plain name, not " +
                                                 std::string(kind_word(it->first)),
                      "write the custom field's apiKey, e.g. lifecycle: \"{{ status }}\"");
            continue;
        }
        const std::string key = it->first.Scalar();
        auto dup = std::find_if(out.begin(), out.end(),
                                [&](const FieldRule& f) { return f.api_key == key; });
        if (dup != out.end()) {
            ctx.error(it->first, "field \"" + key + "\" is mapped twice",
                      "the first is at line " + std::to_string(dup->where.line) + "; keep one");
            continue;
        }
        const auto& identity = ctx.mapping.policy.identity;
        if (component && identity.kind == model::IdentityKind::field && key == identity.field) {
            ctx.error(it->first,
                      "\"" + key + "\" is the identity field: the sync writes the key into it",
                      "remove it from fields; the key (key:) is its value");
            continue;
        }
        FieldRule rule;
        rule.api_key = key;
        rule.where = ctx.at(it->first);
        rule.value =
            compile_entry(ctx, Entry{key, it->first, it->second}, fields, ExprForm::field_value);
        if (rule.value)
            out.push_back(std::move(rule));
    }
    return out;
}

void read_component_rule(LoadContext& ctx, const YAML::Node& node, std::size_t index) {
    if (!node.IsMap()) {
        ctx.error(node, "a component rule must be a map with from, type, key and name, not " +
                            std::string(kind_word(node)));
        return;
    }
    const bool by_name = ctx.mapping.policy.identity.kind == model::IdentityKind::name;
    const std::string needs = by_name ? "every component rule needs from, type and name"
                                      : "every component rule needs from, type, key and name";
    auto fields = std::make_shared<expr::FieldTable>();
    ComponentRule rule;
    rule.index = index;
    rule.where = ctx.at(node);
    bool ok = true;
    const Entries entries = ctx.read_map(node, k_component_keys, "in a component rule");
    if (const Entry* e = require(ctx, entries, "from", node, "component rule", needs)) {
        auto from = read_from(ctx, *e);
        ok = ok && from;
        rule.from = from.value_or(0);
    } else {
        ok = false;
    }
    if (const Entry* e = require(ctx, entries, "type", node, "component rule", needs)) {
        auto type = read_type(ctx, *e, "a component type name");
        ok = ok && type;
        rule.type = type.value_or("");
        if (type)
            ctx.component_types.push_back(*type);
        rule.type_where = ctx.at(e->value);
    } else {
        ok = false;
    }
    if (const Entry* e = find(entries, "key")) {
        if (by_name) {
            ctx.error(e->key_node, "\"key\" is not used when identity is by name",
                      "the name is the key: remove \"key\", or use identity: { field: ... }");
            ok = false;
        } else {
            rule.key = compile_entry(ctx, *e, *fields, ExprForm::text_template);
            ok = ok && rule.key;
        }
    } else if (!by_name) {
        ctx.error(node, "component rule is missing \"key\"",
                  needs + "; the key identifies the component, e.g. key: \"app-{{ id }}\"");
        ok = false;
    }
    if (const Entry* e = require(ctx, entries, "name", node, "component rule", needs)) {
        rule.name = compile_entry(ctx, *e, *fields, ExprForm::text_template);
        ok = ok && rule.name;
    } else {
        ok = false;
    }
    if (const Entry* e = find(entries, "description")) {
        rule.description = compile_entry(ctx, *e, *fields, ExprForm::text_template);
        ok = ok && rule.description;
    }
    if (const Entry* e = find(entries, "parent")) {
        rule.parent =
            read_endpoint(ctx, *e, *fields, "{ type: Domain, key: \"dom-{{ domain }}\" }");
        ok = ok && rule.parent;
    }
    if (const Entry* e = find(entries, "fields"))
        rule.fields = read_fields(ctx, *e, *fields, true);
    if (const Entry* e = find(entries, "when")) {
        rule.when = compile_entry(ctx, *e, *fields, ExprForm::condition);
        ok = ok && rule.when;
    }
    rule.paths = std::move(fields);
    if (ok)
        ctx.mapping.components.push_back(std::move(rule));
}

void read_reference_rule(LoadContext& ctx, const YAML::Node& node, std::size_t index) {
    if (!node.IsMap()) {
        ctx.error(node,
                  "a reference rule must be a map with from, type, source and target, not " +
                      std::string(kind_word(node)),
                  "write - { from: deps, type: Depends on, source: { type: Application, key: "
                  "\"{{ from }}\" }, target: { type: Application, key: \"{{ to }}\" } }");
        return;
    }
    const std::string needs = "every reference rule needs from, type, source and target";
    auto fields = std::make_shared<expr::FieldTable>();
    ReferenceRule rule;
    rule.index = index;
    rule.where = ctx.at(node);
    bool ok = true;
    const Entries entries = ctx.read_map(node, k_reference_keys, "in a reference rule");
    if (const Entry* e = require(ctx, entries, "from", node, "reference rule", needs)) {
        auto from = read_from(ctx, *e);
        ok = ok && from;
        rule.from = from.value_or(0);
    } else {
        ok = false;
    }
    if (const Entry* e = require(ctx, entries, "type", node, "reference rule", needs)) {
        auto type = read_type(ctx, *e, "a reference type name");
        ok = ok && type;
        rule.type = type.value_or("");
        if (type)
            ctx.reference_types.push_back(*type);
        rule.type_where = ctx.at(e->value);
    } else {
        ok = false;
    }
    for (const char* end : {"source", "target"}) {
        const Entry* e = require(ctx, entries, end, node, "reference rule", needs);
        std::optional<EndpointRule> endpoint;
        if (e)
            endpoint = read_endpoint(
                ctx, *e, *fields,
                "{ type: Application, key: \"app-{{ " +
                    std::string(end == std::string_view("source") ? "from" : "to") + " }}\" }");
        ok = ok && endpoint;
        if (endpoint)
            (end == std::string_view("source") ? rule.source : rule.target) = std::move(*endpoint);
    }
    if (const Entry* e = find(entries, "display_text")) {
        rule.display_text = compile_entry(ctx, *e, *fields, ExprForm::text_template);
        ok = ok && rule.display_text;
    }
    if (const Entry* e = find(entries, "description")) {
        rule.description = compile_entry(ctx, *e, *fields, ExprForm::text_template);
        ok = ok && rule.description;
    }
    if (const Entry* e = find(entries, "fields"))
        rule.fields = read_fields(ctx, *e, *fields, false);
    if (const Entry* e = find(entries, "when")) {
        rule.when = compile_entry(ctx, *e, *fields, ExprForm::condition);
        ok = ok && rule.when;
    }
    rule.paths = std::move(fields);
    if (ok)
        ctx.mapping.references.push_back(std::move(rule));
}

std::optional<expr::Node> compile_scalar(LoadContext& ctx, const YAML::Node& node,
                                         expr::FieldTable& fields, ExprForm form) {
    expr::CompileEnv env{ctx.text, ctx.diags, fields, &ctx.mapping.sources, &ctx.mapping.lookups};
    const model::Value v = scalar_value(node);
    if (form == ExprForm::field_value && !v.is_string())
        return expr::literal_node(v, ctx.at(node));
    if (form == ExprForm::condition && v.is_bool())
        return expr::literal_node(v, ctx.at(node));
    const expr::Scalar scalar{node.Scalar(), scalar_pos(node)};
    return form == ExprForm::condition ? expr::compile_expression(env, scalar)
                                       : expr::compile_template(env, scalar);
}

} // namespace

ExprPtr compile_entry(LoadContext& ctx, const Entry& e, expr::FieldTable& fields, ExprForm form) {
    const char* what = form == ExprForm::condition ? "an expression such as \"status != 'retired'\""
                                                   : "a template such as \"{{ name }}\"";
    if (!e.value || e.value.IsNull()) {
        if (form == ExprForm::field_value)
            return std::make_shared<expr::Node>(expr::literal_node({}, ctx.at(e.key_node)));
        ctx.wrong_kind(e, what);
        return nullptr;
    }
    if (e.value.IsScalar()) {
        const model::Value v = scalar_value(e.value);
        if ((form == ExprForm::text_template && v.is_bool()) ||
            (form == ExprForm::condition && v.is_number())) {
            ctx.wrong_kind(e, what);
            return nullptr;
        }
        auto node = compile_scalar(ctx, e.value, fields, form);
        return node ? std::make_shared<expr::Node>(std::move(*node)) : nullptr;
    }
    if (e.value.IsSequence() && form == ExprForm::field_value) {
        expr::Node list;
        list.kind = expr::NodeKind::list;
        list.where = ctx.at(e.value);
        list.text = "[...]";
        list.info.kinds = expr::KindSet::of(model::ValueKind::list);
        bool ok = true;
        for (const auto& item : e.value) {
            if (!item.IsScalar() && !item.IsNull()) {
                ctx.error(item,
                          "a list item under fields must be a value or a template, not " +
                              std::string(kind_word(item)),
                          "a list gives a SelectMultipleList field its options, e.g. tags: "
                          "[core, \"{{ tier }}\"]; quote a template that holds { }");
                ok = false;
                continue;
            }
            auto node = item.IsNull() ? expr::literal_node({}, ctx.at(item))
                                      : compile_scalar(ctx, item, fields, form);
            if (!node) {
                ok = false;
                continue;
            }
            list.children.push_back(std::move(*node));
        }
        return ok ? std::make_shared<expr::Node>(std::move(list)) : nullptr;
    }
    if (looks_like_unquoted_template(e.value)) {
        ctx.error(e.value, "\"" + e.key + "\" must be " + what + ", not a map",
                  "YAML reads an unquoted {{ ... }} as a map: put the template in quotes, " +
                      e.key + ": \"{{ ... }}\"");
        return nullptr;
    }
    ctx.wrong_kind(e, what);
    return nullptr;
}

void read_component_rules(LoadContext& ctx, const Entry& components) {
    if (!components.value.IsSequence()) {
        ctx.wrong_kind(components, "a list of component rules (- from: ...)");
        return;
    }
    std::size_t index = 0;
    for (const auto& node : components.value)
        read_component_rule(ctx, node, index++);
}

void read_reference_rules(LoadContext& ctx, const Entry& references) {
    if (!references.value.IsSequence()) {
        ctx.wrong_kind(references, "a list of reference rules (- from: ...)");
        return;
    }
    std::size_t index = 0;
    for (const auto& node : references.value)
        read_reference_rule(ctx, node, index++);
}

} // namespace ardoq::mapping::load
