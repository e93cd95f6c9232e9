// identity: and sync: — what becomes the SyncPolicy.

#include "mappings/eval/origin.hpp"
#include "mappings/expr/eval.hpp"
#include "mappings/load/sections.hpp"
#include "mappings/text/suggest.hpp"
#include "model/errors.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace ardoq::mapping::load {

namespace {

constexpr std::array<std::string_view, 2> k_identity_keys = {"field", "by"};
constexpr std::array<std::string_view, 7> k_sync_keys = {
    "deletes",    "scope",         "max_delete_ratio", "max_deletes",
    "batch_size", "on_unresolved", "on_duplicate"};
constexpr std::array<std::string_view, 2> k_scope_keys = {"type", "filter"};

// A compiled scope filter and the resolution cache it keeps between calls. Shared by the
// copies of the std::function in ScopeRule; not thread-safe.
struct ScopeFilter {
    expr::Node node;
    expr::FieldTable fields;
    model::Location where;
    std::unique_ptr<expr::FieldResolver> resolver;

    bool operator()(const model::Record& record) const {
        expr::EvalContext ctx;
        ctx.record = &record;
        ctx.resolved = resolver->resolve(record);
        ctx.fields = &fields;
        try {
            return expr::eval_condition(node, ctx);
        } catch (const expr::EvalFailure& f) {
            throw model::InputError(model::make_error(
                origin_location(record.origin),
                "scope filter " + f.node->where.to_string() + ": " + f.message, f.hint));
        }
    }
};

void read_scope_entry(LoadContext& ctx, const YAML::Node& item,
                      std::vector<model::ScopeRule>& scope) {
    model::ScopeRule rule;
    // A default-constructed YAML::Node counts as defined: keep "absent" explicit.
    std::optional<YAML::Node> type_node;
    std::optional<YAML::Node> filter_node;
    if (item.IsScalar()) {
        type_node = item;
    } else if (item.IsMap()) {
        const Entries entries = ctx.read_map(item, k_scope_keys, "in a scope entry");
        if (const Entry* t = find(entries, "type"))
            type_node = t->value;
        else
            ctx.error(item, "scope entry is missing \"type\"",
                      "write - { type: Application, filter: \"lifecycle != 'Retired'\" }");
        if (const Entry* f = find(entries, "filter")) {
            if (!f->value.IsScalar()) {
                ctx.wrong_kind(*f, "an expression such as \"lifecycle != 'Retired'\"");
                return;
            }
            filter_node = f->value;
        }
    } else {
        ctx.error(item, "a scope entry must be a type name or { type, filter }, not " +
                            std::string(kind_word(item)));
        return;
    }
    if (!type_node)
        return;
    if (!type_node->IsScalar() || type_node->Scalar().empty()) {
        ctx.error(*type_node,
                  "the scope type must be a type name, not " + std::string(kind_word(*type_node)),
                  "write one type per entry: - Application, or - { type: Application, filter: "
                  "\"...\" }");
        return;
    }
    rule.type = type_node->Scalar();
    rule.where = ctx.at(*type_node);
    const auto& components = ctx.component_types;
    const auto& references = ctx.reference_types;
    const bool is_component =
        std::find(components.begin(), components.end(), rule.type) != components.end();
    const bool is_reference =
        std::find(references.begin(), references.end(), rule.type) != references.end();
    if (!is_component && !is_reference) {
        std::vector<std::string_view> produced = views_of(components);
        for (const auto& r : references)
            produced.push_back(r);
        ctx.error(*type_node, "scope names \"" + rule.type + "\", which no rule produces",
                  suggestion_hint(rule.type, produced, "the rules produce"));
        return;
    }
    rule.reference_type = !is_component;
    for (const auto& existing : scope)
        if (existing.type == rule.type) {
            ctx.error(*type_node, "\"" + rule.type + "\" appears twice in scope",
                      "the first is at line " + std::to_string(existing.where.line) +
                          "; combine the filters with and / or");
            return;
        }
    if (filter_node) {
        auto filter = std::make_shared<ScopeFilter>();
        expr::CompileEnv env{ctx.text,
                             ctx.diags,
                             filter->fields,
                             &ctx.mapping.sources,
                             nullptr,
                             "lookup() is not available in scope filters: they run on Ardoq "
                             "entities, not on source records"};
        const int pos = filter_node->Mark().pos;
        auto node = expr::compile_expression(
            env, {filter_node->Scalar(), pos < 0 ? 0 : static_cast<std::size_t>(pos)});
        if (!node)
            return;
        filter->node = std::move(*node);
        filter->where = ctx.at(*filter_node);
        filter->resolver = std::make_unique<expr::FieldResolver>(filter->fields);
        rule.filter_text = filter_node->Scalar();
        rule.filter = [filter](const model::Record& r) { return (*filter)(r); };
    }
    scope.push_back(std::move(rule));
}

} // namespace

void read_identity(LoadContext& ctx, const Entry& identity) {
    auto& id = ctx.mapping.policy.identity;
    if (!identity.value.IsMap()) {
        ctx.wrong_kind(identity, "{ field: <custom field apiKey> } or { by: name }");
        return;
    }
    const Entries entries = ctx.read_map(identity.value, k_identity_keys, "in identity");
    const Entry* field = find(entries, "field");
    const Entry* by = find(entries, "by");
    if (field && by) {
        ctx.error(by->key_node, "identity takes \"field\" or \"by\", not both",
                  "identity: { field: external_id } keeps the key in a custom field; "
                  "identity: { by: name } matches by name");
        return;
    }
    if (field) {
        if (auto f = ctx.read_text(*field, "the apiKey of a custom field, e.g. external_id")) {
            if (f->empty())
                ctx.wrong_kind(*field, "the apiKey of a custom field, e.g. external_id");
            id.kind = model::IdentityKind::field;
            id.field = *f;
        }
    } else if (by) {
        static constexpr std::array<std::string_view, 1> k_by = {"name"};
        if (ctx.read_choice(*by, k_by)) {
            id.kind = model::IdentityKind::name;
            id.field.clear();
        }
    } else if (entries.size() == identity.value.size()) {
        ctx.error(identity.key_node, "identity needs \"field\" or \"by\"",
                  "identity: { field: external_id } or identity: { by: name }");
    }
}

void read_sync(LoadContext& ctx, const Entry& sync) {
    auto& policy = ctx.mapping.policy;
    if (!sync.value.IsMap()) {
        ctx.wrong_kind(sync, "a map of settings such as { deletes: report }");
        return;
    }
    const Entries entries = ctx.read_map(sync.value, k_sync_keys, "in sync");
    if (const Entry* e = find(entries, "deletes")) {
        static constexpr std::array<std::string_view, 3> k_modes = {"none", "report", "mirror"};
        if (auto c = ctx.read_choice(*e, k_modes))
            policy.deletes = *c == "none"     ? model::DeleteMode::none
                             : *c == "report" ? model::DeleteMode::report
                                              : model::DeleteMode::mirror;
    }
    if (const Entry* e = find(entries, "max_delete_ratio"))
        if (auto r = ctx.read_number(*e, 0.0, 1.0, "a number from 0 to 1, e.g. 0.1 for 10 %"))
            policy.max_delete_ratio = *r;
    if (const Entry* e = find(entries, "max_deletes"))
        if (auto n = ctx.read_int(*e, 0, "a whole number >= 0"))
            policy.max_deletes = static_cast<std::uint64_t>(*n);
    if (const Entry* e = find(entries, "batch_size"))
        if (auto n = ctx.read_int(*e, 1, "a whole number >= 1"))
            policy.batch_size = static_cast<std::size_t>(*n);
    if (const Entry* e = find(entries, "on_unresolved")) {
        static constexpr std::array<std::string_view, 2> k_modes = {"error", "skip"};
        if (auto c = ctx.read_choice(*e, k_modes))
            policy.on_unresolved =
                *c == "error" ? model::OnUnresolved::error : model::OnUnresolved::skip;
    }
    if (const Entry* e = find(entries, "on_duplicate")) {
        static constexpr std::array<std::string_view, 3> k_modes = {"error", "first", "last"};
        if (auto c = ctx.read_choice(*e, k_modes))
            policy.on_duplicate = *c == "error"   ? model::OnDuplicate::error
                                  : *c == "first" ? model::OnDuplicate::first
                                                  : model::OnDuplicate::last;
    }
    if (const Entry* e = find(entries, "scope")) {
        if (!e->value.IsSequence()) {
            ctx.wrong_kind(*e,
                           "a list of types, e.g. [Application, { type: Domain, filter: ... }]");
            return;
        }
        for (const auto& item : e->value)
            read_scope_entry(ctx, item, policy.scope);
    }
}

} // namespace ardoq::mapping::load
