#include "plan/resolve.hpp"

#include "plan/plan.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

namespace ardoq::plan {

namespace {

using model::Location;

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + cost});
            diag = up;
        }
    }
    return row[b.size()];
}

std::string quoted(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

// A key for "reported once" sets: a tag and names separated by NUL bytes.
std::string seen_key(char tag, std::string_view a, std::string_view b = {}) {
    std::string k(1, tag);
    k += '\0';
    k += a;
    k += '\0';
    k += b;
    return k;
}

// "did you mean "X"? valid <what>: A, B, C" — the hint for an unknown name.
std::string unknown_name_hint(std::string_view word, const std::vector<std::string_view>& valid,
                              std::string_view what) {
    std::string hint;
    if (auto best = closest_name(word, valid); !best.empty())
        hint = "did you mean " + quoted(best) + "? ";
    if (valid.empty())
        return hint + "the workspace has no " + std::string(what);
    hint += "the workspace's " + std::string(what) + ": ";
    constexpr std::size_t k_shown = 12;
    for (std::size_t i = 0; i < valid.size() && i < k_shown; ++i)
        hint += (i ? ", " : "") + std::string(valid[i]);
    if (valid.size() > k_shown)
        hint += ", ... (" + std::to_string(valid.size() - k_shown) + " more)";
    return hint;
}

// Collects the problems of one resolution, reporting each (kind, name) once.
class Resolver {
public:
    Resolver(const model::WorkspaceContext& context, const RuleLocations& rules)
        : m_context(context), m_rules(rules) {
        for (std::uint32_t i = 0; i < context.component_types.size(); ++i) {
            m_types.component_types.emplace(context.component_types[i].name, i);
            m_component_names.push_back(context.component_types[i].name);
        }
        for (std::uint32_t i = 0; i < context.reference_types.size(); ++i) {
            m_types.reference_types.emplace(context.reference_types[i].name, i);
            m_reference_names.push_back(context.reference_types[i].name);
        }
        for (const auto& f : context.fields)
            m_field_names.push_back(f.api_key);
    }

    // Where to report a problem of rule `rule` first seen on a record from `origin`, and
    // the " (from apps.csv:2)" suffix naming the record when the rule's place is known.
    std::pair<Location, std::string> place(const std::vector<Location>& rules, std::size_t rule,
                                           const model::Origin& origin) const {
        auto record = origin_location(origin);
        if (rule < rules.size() && !rules[rule].file.empty())
            return {rules[rule], record.file.empty() ? "" : " (record " + record.to_string() + ")"};
        return {record, ""};
    }

    std::uint32_t component_type(std::string_view name, std::string_view role,
                                 const std::vector<Location>& rules, std::size_t rule,
                                 const model::Origin& origin) {
        auto idx = m_types.component_type(name);
        if (idx == k_none && m_reported.insert(seen_key('c', name)).second) {
            auto [where, record] = place(rules, rule, origin);
            m_diagnostics.error(
                where, "unknown component type " + quoted(name) + std::string(role) + record,
                unknown_name_hint(name, m_component_names, "component types"));
        }
        return idx;
    }

    void reference_type(std::string_view name, std::size_t rule, const model::Origin& origin) {
        if (m_types.reference_type(name) == k_none &&
            m_reported.insert(seen_key('r', name)).second) {
            auto [where, record] = place(m_rules.references, rule, origin);
            m_diagnostics.error(where, "unknown reference type " + quoted(name) + record,
                                unknown_name_hint(name, m_reference_names, "reference types"));
        }
    }

    // A mapped field on an entity of a type (custom_fields of that type, empty = unknown).
    void field(std::string_view api_key, std::string_view type_name,
               const std::vector<std::string>& type_fields, const std::vector<Location>& rules,
               std::size_t rule, const model::Origin& origin) {
        if (!m_reported.insert(seen_key('f', type_name, api_key)).second)
            return;
        const model::FieldDef* def = m_context.field(api_key);
        auto [where, record] = place(rules, rule, origin);
        if (def == nullptr) {
            m_diagnostics.error(where,
                                "unknown custom field " + quoted(api_key) + " on " +
                                    std::string(type_name) + record,
                                unknown_name_hint(api_key, m_field_names, "custom fields"));
            return;
        }
        m_types.fields.emplace(api_key, def->type);
        // An empty list means the context did not say which fields the type has.
        if (!type_fields.empty() &&
            std::find(type_fields.begin(), type_fields.end(), api_key) == type_fields.end()) {
            m_diagnostics.error(where,
                                "custom field " + quoted(api_key) + " is not enabled on " +
                                    std::string(type_name) + record,
                                "enable the field on that type in Ardoq's metamodel, or remove it "
                                "from the rule's fields");
            return;
        }
        if (def->read_only || def->calculated)
            m_diagnostics.error(where,
                                "custom field " + quoted(api_key) + " is " +
                                    (def->calculated ? "calculated" : "read-only") +
                                    " in Ardoq and cannot be written" + record,
                                "remove it from the rule's fields");
    }

    void identity_field(const std::string& api_key, std::string_view type_name,
                        const std::vector<std::string>& type_fields) {
        if (!m_reported.insert(seen_key('i', type_name)).second)
            return;
        if (m_context.field(api_key) == nullptr) {
            if (m_reported.insert(seen_key('I', api_key)).second)
                m_diagnostics.error(
                    {},
                    "identity field " + quoted(api_key) + " is not a custom field of the workspace",
                    unknown_name_hint(api_key, m_field_names, "custom fields") +
                        "; create the field in Ardoq, or use identity: { by: name }");
            return;
        }
        if (!type_fields.empty() &&
            std::find(type_fields.begin(), type_fields.end(), api_key) == type_fields.end())
            m_diagnostics.error({},
                                "identity field " + quoted(api_key) + " is not enabled on " +
                                    std::string(type_name),
                                "enable the field on that type in Ardoq's metamodel");
    }

    void scope_rule(const model::ScopeRule& rule) {
        bool known = rule.reference_type ? m_types.reference_type(rule.type) != k_none
                                         : m_types.component_type(rule.type) != k_none;
        if (!known)
            m_diagnostics.error(
                rule.where,
                std::string("unknown ") + (rule.reference_type ? "reference" : "component") +
                    " type " + quoted(rule.type) + " in sync.scope",
                rule.reference_type
                    ? unknown_name_hint(rule.type, m_reference_names, "reference types")
                    : unknown_name_hint(rule.type, m_component_names, "component types"));
    }

    ResolvedTypes& types() { return m_types; }
    model::Diagnostics& diagnostics() { return m_diagnostics; }
    const model::WorkspaceContext& context() const { return m_context; }

private:
    const model::WorkspaceContext& m_context;
    const RuleLocations& m_rules;
    ResolvedTypes m_types;
    model::Diagnostics m_diagnostics;
    std::set<std::string> m_reported;
    std::vector<std::string_view> m_component_names, m_reference_names, m_field_names;
};

// The parent's type name, or "" when the parent is not mapped.
model::TypeName parent_type(const model::DesiredComponent& c) {
    return c.parent ? c.parent->type : model::TypeName();
}

// Whether two entities carry the same field names in the same order.
bool same_field_names(const model::DesiredFields& a, const model::DesiredFields& b) {
    auto i = a.packed().begin();
    auto j = b.packed().begin();
    const auto a_end = a.packed().end();
    const auto b_end = b.packed().end();
    for (; i != a_end && j != b_end; ++i, ++j)
        if (i->key != j->key)
            return false;
    return i == a_end && j == b_end;
}

} // namespace

std::uint32_t ResolvedTypes::component_type(std::string_view name) const noexcept {
    auto it = component_types.find(name);
    return it == component_types.end() ? k_none : it->second;
}

std::uint32_t ResolvedTypes::reference_type(std::string_view name) const noexcept {
    auto it = reference_types.find(name);
    return it == reference_types.end() ? k_none : it->second;
}

model::FieldType ResolvedTypes::field_type(std::string_view api_key) const noexcept {
    auto it = fields.find(api_key);
    return it == fields.end() ? model::FieldType::other : it->second;
}

model::Location origin_location(const model::Origin& origin) {
    if (!origin.file.empty() && origin.line > 0)
        return Location{std::string(origin.file), static_cast<std::uint32_t>(origin.line), 0};
    return Location{origin.to_string(), 0, 0};
}

std::string closest_name(std::string_view word, const std::vector<std::string_view>& candidates) {
    std::string_view best;
    std::size_t best_distance = std::numeric_limits<std::size_t>::max();
    for (auto c : candidates) {
        auto d = edit_distance(word, c);
        // A typo changes a few characters: up to a third of the longer name (at least 2).
        if (d > std::max<std::size_t>(2, std::max(word.size(), c.size()) / 3))
            continue;
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return std::string(best);
}

model::Expected<ResolvedTypes, model::Diagnostics>
resolve_types(const model::DesiredState& desired, const model::SyncPolicy& policy,
              const model::WorkspaceContext& context, const RuleLocations& rules) {
    Resolver r(context, rules);
    const bool by_field = policy.identity.kind == model::IdentityKind::field;
    // Entities of one rule usually carry the same field names: check a (rule, type) again
    // only when its list of field names differs from the last one checked.
    using RuleKey = std::pair<std::size_t, std::string_view>;
    // Field names are compared as their ids (model/packed_fields.hpp).
    std::map<RuleKey, std::vector<std::uint32_t>> checked;
    auto needs_check = [&](std::size_t rule, std::string_view type,
                           const model::DesiredFields& fields) {
        auto& last = checked[RuleKey{rule, type}];
        // (An empty list is checked every time: there is nothing to check.)
        if (!last.empty()) {
            std::size_t i = 0;
            bool same = true;
            for (const auto& f : fields.packed()) {
                if (i >= last.size() || last[i] != f.key) {
                    same = false;
                    break;
                }
                ++i;
            }
            if (same && i == last.size())
                return false;
        }
        last.clear();
        for (const auto& f : fields.packed())
            last.push_back(f.key);
        return true;
    };
    std::set<RuleKey> seen_identity;
    // An entity like the one before it (same rule, type names and field names) meets only
    // the checks that one met, and each problem is reported once: it is skipped. Most are.
    // The field lists are separate blocks: each is fetched a few entities ahead.
    constexpr std::size_t k_ahead = 8;
    const model::DesiredComponent* previous_component = nullptr;
    const auto& components = desired.components;
    for (std::size_t i = 0; i < components.size(); ++i) {
        if (i + k_ahead < components.size())
            __builtin_prefetch(components[i + k_ahead].fields.packed().bytes().data());
        const auto& c = components[i];
        if (previous_component != nullptr && c.rule == previous_component->rule &&
            c.type == previous_component->type &&
            parent_type(c) == parent_type(*previous_component) &&
            same_field_names(c.fields, previous_component->fields))
            continue;
        previous_component = &c;
        auto type = r.component_type(c.type, "", rules.components, c.rule, c.origin);
        if (c.parent && !c.parent->type.empty())
            r.component_type(c.parent->type, " (parent)", rules.components, c.rule, c.origin);
        if (type == k_none)
            continue;
        const auto& def = context.component_types[type];
        // (find first: emplace would make a tree node for every entity just to drop it)
        if (by_field && !seen_identity.contains(RuleKey{c.rule, c.type}) &&
            seen_identity.emplace(c.rule, c.type).second)
            r.identity_field(policy.identity.field, def.name, def.custom_fields);
        if (!needs_check(c.rule, c.type, c.fields))
            continue;
        for (const auto& f : c.fields)
            if (!(by_field && f.key == policy.identity.field))
                r.field(f.key, def.name, def.custom_fields, rules.components, c.rule, c.origin);
    }
    checked.clear();
    const model::DesiredReference* previous_reference = nullptr;
    const auto& references = desired.references;
    for (std::size_t i = 0; i < references.size(); ++i) {
        if (i + k_ahead < references.size())
            __builtin_prefetch(references[i + k_ahead].fields.packed().bytes().data());
        const auto& ref = references[i];
        if (previous_reference != nullptr && ref.rule == previous_reference->rule &&
            ref.type == previous_reference->type &&
            ref.source.type == previous_reference->source.type &&
            ref.target.type == previous_reference->target.type &&
            same_field_names(ref.fields, previous_reference->fields))
            continue;
        previous_reference = &ref;
        r.reference_type(ref.type, ref.rule, ref.origin);
        if (!ref.source.type.empty())
            r.component_type(ref.source.type, " (reference source)", rules.references, ref.rule,
                             ref.origin);
        if (!ref.target.type.empty())
            r.component_type(ref.target.type, " (reference target)", rules.references, ref.rule,
                             ref.origin);
        auto type = r.types().reference_type(ref.type);
        if (type == k_none || !needs_check(ref.rule, ref.type, ref.fields))
            continue;
        const auto& def = context.reference_types[type];
        for (const auto& f : ref.fields)
            r.field(f.key, def.name, def.custom_fields, rules.references, ref.rule, ref.origin);
    }
    for (const auto& rule : policy.scope)
        r.scope_rule(rule);
    if (r.diagnostics().has_errors())
        return model::unexpected(std::move(r.diagnostics()));
    return std::move(r.types());
}

} // namespace ardoq::plan
