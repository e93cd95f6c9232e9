#include "mappings/validate.hpp"

#include "mappings/expr/date.hpp"
#include "mappings/expr/value_ops.hpp"
#include "mappings/text/suggest.hpp"
#include "model/oid.hpp"

#include <algorithm>

namespace ardoq::mapping {

namespace {

using expr::KindSet;
using model::FieldDef;
using model::FieldType;
using model::ValueKind;

KindSet kinds(std::initializer_list<ValueKind> list) {
    KindSet out;
    for (auto k : list)
        out = out | KindSet::of(k);
    return out;
}

// What a custom field of each type accepts (null always: it clears the field).
KindSet accepted(FieldType t) {
    switch (t) {
    case FieldType::number:
        return kinds({ValueKind::integer, ValueKind::real, ValueKind::null});
    case FieldType::checkbox:
        return kinds({ValueKind::boolean, ValueKind::null});
    case FieldType::date_time:
        return kinds({ValueKind::string, ValueKind::null});
    case FieldType::list:
        return kinds({ValueKind::string, ValueKind::integer, ValueKind::real, ValueKind::null});
    case FieldType::select_multiple_list:
        return kinds({ValueKind::list, ValueKind::string, ValueKind::null});
    default:
        return kinds({ValueKind::string, ValueKind::integer, ValueKind::real, ValueKind::boolean,
                      ValueKind::null});
    }
}

std::string conversion_hint(FieldType t) {
    switch (t) {
    case FieldType::number:
        return "convert it with | number";
    case FieldType::checkbox:
        return "convert it with | bool";
    case FieldType::date_time:
        return "convert it with | date, or date('%d.%m.%Y') for other formats";
    case FieldType::list:
        return "a List field takes one of its options as text";
    case FieldType::select_multiple_list:
        return "give a list of options, e.g. | split(';')";
    default:
        return "make it text, e.g. | join(', ') for a list";
    }
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

class Validator {
public:
    Validator(const Mapping& m, const model::WorkspaceContext& ctx) : m_map(m), m_ctx(ctx) {
        for (const auto& t : ctx.component_types)
            m_component_names.push_back(t.name);
        for (const auto& t : ctx.reference_types)
            m_reference_names.push_back(t.name);
    }

    model::Diagnostics run() {
        check_workspace();
        for (const auto& rule : m_map.components) {
            const auto* type = component_type(rule.type, rule.type_where);
            if (rule.parent)
                component_type(rule.parent->type, rule.parent->type_where);
            if (type) {
                check_identity(*type, rule.type_where);
                for (const auto& f : rule.fields)
                    check_field(f, type->custom_fields, "component type \"" + type->name + "\"");
            }
        }
        for (const auto& rule : m_map.references) {
            const auto* type = reference_type(rule.type, rule.type_where);
            component_type(rule.source.type, rule.source.type_where);
            component_type(rule.target.type, rule.target.type_where);
            if (type)
                for (const auto& f : rule.fields)
                    check_field(f, type->custom_fields, "reference type \"" + type->name + "\"");
        }
        return std::move(m_diags);
    }

private:
    void check_workspace() {
        auto oid = model::Oid::parse(m_map.workspace);
        if (!oid || m_ctx.workspace_id.empty() || oid->to_string() == m_ctx.workspace_id)
            return;
        m_diags.error(m_map.workspace_where,
                      "the mapping is for workspace " + m_map.workspace +
                          ", but the context describes workspace " + m_ctx.workspace_id,
                      "check the workspace id, or fetch the context of the right workspace");
    }

    const model::ComponentTypeDef* component_type(const std::string& name,
                                                  const model::Location& where) {
        if (const auto* t = m_ctx.component_type_by_name(name))
            return t;
        std::string hint =
            m_ctx.reference_type_by_name(name)
                ? "\"" + name + "\" is a reference type; this needs a component type"
                : suggestion_hint(name, m_component_names, "component types in the workspace");
        m_diags.error(where, "unknown component type \"" + name + "\"", hint);
        return nullptr;
    }

    const model::ReferenceTypeDef* reference_type(const std::string& name,
                                                  const model::Location& where) {
        if (const auto* t = m_ctx.reference_type_by_name(name))
            return t;
        std::string hint =
            m_ctx.component_type_by_name(name)
                ? "\"" + name + "\" is a component type; this needs a reference type"
                : suggestion_hint(name, m_reference_names, "reference types in the workspace");
        m_diags.error(where, "unknown reference type \"" + name + "\"", hint);
        return nullptr;
    }

    void check_identity(const model::ComponentTypeDef& type, const model::Location& where) {
        const auto& id = m_map.policy.identity;
        if (id.kind != model::IdentityKind::field)
            return;
        if (std::find(m_identity_checked.begin(), m_identity_checked.end(), type.name) !=
            m_identity_checked.end())
            return;
        m_identity_checked.push_back(type.name);
        if (!contains(type.custom_fields, id.field)) {
            m_diags.error(where,
                          "component type \"" + type.name + "\" has no field \"" + id.field +
                              "\" (the identity field)",
                          "add a Text field \"" + id.field +
                              "\" to the type in Ardoq, or use identity: { by: name }");
            return;
        }
        const FieldDef* def = m_ctx.field(id.field);
        if (def && def->type != FieldType::text && def->type != FieldType::text_area)
            m_diags.error(where,
                          "the identity field \"" + id.field + "\" is a " +
                              std::string(model::field_type_name(def->type)) +
                              " field; keys are text",
                          "use a Text field for the identity");
    }

    void check_field(const FieldRule& f, const std::vector<std::string>& type_fields,
                     const std::string& type_label) {
        const FieldDef* def = m_ctx.field(f.api_key);
        if (!contains(type_fields, f.api_key)) {
            if (def)
                m_diags.error(f.where,
                              "field \"" + f.api_key + "\" exists in the workspace but not on " +
                                  type_label,
                              "add it to the type in Ardoq, or map it only on types that have it");
            else
                m_diags.error(f.where, type_label + " has no field \"" + f.api_key + "\"",
                              suggestion_hint(f.api_key, views_of(type_fields), "its fields"));
            return;
        }
        if (!def)
            return; // the type lists it but the workspace has no definition: nothing to check
        if (def->calculated || def->read_only) {
            m_diags.error(f.where,
                          "field \"" + f.api_key + "\" is " +
                              (def->calculated ? "calculated" : "read-only") +
                              ": Ardoq does not accept values for it",
                          "remove it from fields");
            return;
        }
        check_value(f, *def);
    }

    void check_value(const FieldRule& f, const FieldDef& def) {
        const auto& info = f.value->info;
        const KindSet ok = accepted(def.type);
        const KindSet given = info.kinds.without(ValueKind::null);
        const std::string label =
            "the " + std::string(model::field_type_name(def.type)) + " field \"" + f.api_key + "\"";
        if (!given.empty() && (given & ok).empty()) {
            m_diags.error(f.value->where,
                          "this value is always " + given.describe() + ", which " + label +
                              " cannot take",
                          conversion_hint(def.type));
            return;
        }
        if (def.type == FieldType::select_multiple_list && f.value->kind == expr::NodeKind::list) {
            // A list written out: each item is one option, checked where it is written.
            for (const auto& item : f.value->children)
                if (item.info.values)
                    for (const auto& known : *item.info.values)
                        check_known(known, def, accepted(FieldType::list), label);
            return;
        }
        if (!info.values)
            return;
        for (const auto& known : *info.values)
            check_known(known, def, ok, label);
    }

    void check_known(const expr::KnownValue& known, const FieldDef& def, KindSet ok,
                     const std::string& label) {
        const auto& v = known.value;
        if (!ok.has(v.kind())) {
            m_diags.error(known.where, expr::show_value(v) + " cannot go into " + label,
                          conversion_hint(def.type));
            return;
        }
        if (def.type == FieldType::date_time && v.is_string()) {
            auto iso = expr::parse_date(expr::DateFormat::iso_formats(), v.as_string());
            if (!iso)
                m_diags.error(known.where,
                              expr::show_value(v) + " is not an ISO-8601 date for " + label,
                              "write dates as 2024-03-01 or 2024-03-01T14:30:00Z");
            return;
        }
        if (def.type == FieldType::list ||
            (def.type == FieldType::select_multiple_list && !v.is_list())) {
            check_option(known.where, v, def, label);
            return;
        }
        if (def.type == FieldType::select_multiple_list && v.is_list())
            for (const auto& item : v.as_list())
                check_option(known.where, item, def, label);
    }

    void check_option(const model::Location& where, const model::Value& v, const FieldDef& def,
                      const std::string& label) {
        if (def.options.empty())
            return;
        const std::string text = v.to_text();
        if (contains(def.options, text))
            return;
        m_diags.error(where, "\"" + text + "\" is not an option of " + label,
                      suggestion_hint(text, views_of(def.options), "options"));
    }

    const Mapping& m_map;
    const model::WorkspaceContext& m_ctx;
    model::Diagnostics m_diags;
    std::vector<std::string_view> m_component_names;
    std::vector<std::string_view> m_reference_names;
    std::vector<std::string> m_identity_checked;
};

} // namespace

model::Diagnostics validate_against(const Mapping& mapping,
                                    const model::WorkspaceContext& context) {
    return Validator(mapping, context).run();
}

} // namespace ardoq::mapping
