// Shape checks of a Batch API request (400 errors), following openapi.json BatchRequest.
#include "api_error.hpp"
#include "batch_request.hpp"

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <initializer_list>
#include <vector>

namespace ardoq::emulator {

namespace {

// The members allowed in an object (a handful: a list costs less to search than a set costs
// to build for every operation).
using KeySet = std::initializer_list<std::string_view>;

// "<base>[<i>]", the label of an operation.
std::string indexed(std::string_view base, std::size_t i) {
    std::string out;
    out.reserve(base.size() + 24);
    out.append(base).append("[").append(std::to_string(i)).append("]");
    return out;
}

// The keys in sorted order, comma-separated.
std::string join(const KeySet& keys) {

    std::vector<std::string_view> sorted(keys);
    std::sort(sorted.begin(), sorted.end());
    std::string out;
    for (auto k : sorted)
        out.append(out.empty() ? "" : ", ").append(k);
    return out;
}

// The members a uniqueBy array names (two or three, as a rule).
using Members = boost::container::small_vector<std::string_view, 4>;

bool same_members(const Members& members, KeySet sorted) {
    return std::equal(members.begin(), members.end(), sorted.begin(), sorted.end());
}

// The field f of uniqueBy members {"customFields.<f>", `other`}, or "" when they are not that
// (the custom field sorts first: "c" < `other`).
std::string_view unique_field(const Members& members, std::string_view other) {
    constexpr std::string_view k_prefix = "customFields.";
    if (members.size() != 2 || members[1] != other || !members[0].starts_with(k_prefix) ||
        members[0].size() == k_prefix.size())
        return {};
    return members[0].substr(k_prefix.size());
}

class Parser {
public:
    explicit Parser(const ParseSettings& settings) : m_settings(settings) {}
    BatchRequest parse(const json::value& request);

private:
    [[noreturn]] void bad(const std::string& label, const std::string& reason,
                          const std::string& hint = {}) const {
        fail(400, "invalid_request",
             m_settings.label_override.empty() ? label : m_settings.label_override, reason, hint);
    }

    std::string label(std::string l) const {
        return m_settings.label_override.empty() ? std::move(l) : m_settings.label_override;
    }

    const json::object& object(const json::value& v, const std::string& label,
                               const std::string& what) const {
        if (!v.is_object())
            bad(label, what + " must be an object, not " + kind_name(v));
        return v.get_object();
    }

    void only_keys(const json::object& o, const KeySet& allowed, const std::string& label,
                   const std::string& prefix) const {
        for (const auto& [k, v] : o)
            if (std::find(allowed.begin(), allowed.end(), std::string_view(k)) == allowed.end())
                bad(label, "unknown member " + quoted(prefix + std::string(k)),
                    "allowed here: " + join(allowed));
    }

    std::string_view text_value(const json::value& v, const std::string& label,
                                const std::string& what, bool non_empty = true) const {
        if (!v.is_string())
            bad(label, what + " must be a string, not " + kind_name(v));
        if (non_empty && v.get_string().empty())
            bad(label, what + " must not be empty");
        return v.get_string();
    }

    std::string string_value(const json::value& v, const std::string& label,
                             const std::string& what, bool non_empty = true) const {
        return std::string(text_value(v, label, what, non_empty));
    }

    // The members a uniqueBy array names: its distinct strings, sorted.
    Members unique_by_members(const json::array& u, const std::string& label) const {
        Members members;
        members.reserve(u.size());
        for (const auto& k : u)
            members.push_back(text_value(k, label, "uniqueBy[]"));
        std::sort(members.begin(), members.end());
        members.erase(std::unique(members.begin(), members.end()), members.end());
        return members;
    }

    std::int64_t integer_value(const json::value& v, const std::string& label,
                               const std::string& what) const {
        if (v.is_int64())
            return v.get_int64();
        if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
            return static_cast<std::int64_t>(v.get_uint64());
        bad(label, what + " must be an integer, not " + kind_name(v));
    }

    const json::value* nullable_string(const json::value& v, const std::string& label,
                                       const std::string& what) const {
        if (!v.is_null() && !v.is_string())
            bad(label, what + " must be a string or null, not " + kind_name(v));
        return &v;
    }

    std::optional<std::string_view> batch_id(const json::object& op,
                                             const std::string& label) const {
        const json::value* v = find(op, "batchId");
        if (v == nullptr)
            return std::nullopt;
        return text_value(*v, label, "batchId");
    }

    VersionMatch version_match(const json::object& op, const std::string& label) const {
        const json::value* v = find(op, "ifVersionMatch");
        if (v == nullptr)
            bad(label, "ifVersionMatch is required",
                "give the entity's current _version, or \"latest\"");
        if (v->is_string() && v->get_string() == "latest")
            return {};
        if ((v->is_int64() && v->get_int64() >= 1) ||
            (v->is_uint64() && v->get_uint64() >= 1 && v->get_uint64() <= INT64_MAX))
            return {false, v->to_number<std::int64_t>()};
        bad(label,
            "ifVersionMatch must be an integer >= 1 or \"latest\", not " + json::serialize(*v));
    }

    ComponentBody component_body(const json::object& op, const std::string& label, bool partial);
    ReferenceBody reference_body(const json::object& op, const std::string& label, bool partial);
    FieldValues custom_field_criteria(const json::value& v, const std::string& label,
                                      const std::string& what) const;
    ComponentCriteria component_criteria(const json::value& v, const std::string& label,
                                         bool alias) const;
    ReferenceCriteria reference_criteria(const json::value& v, const std::string& label,
                                         bool alias) const;
    void component_operations(const json::value& v, Operations<ComponentOp>& out);
    void reference_operations(const json::value& v, Operations<ReferenceOp>& out);

    const ParseSettings& m_settings;
};

ComponentBody Parser::component_body(const json::object& op, const std::string& label,
                                     bool partial) {
    const json::value* v = find(op, "body");
    if (v == nullptr)
        bad(label, "body is required");
    const json::object& body = object(*v, label, "body");
    if (partial) {
        for (const char* key : {"typeId", "rootWorkspace"})
            if (find(body, key) != nullptr)
                bad(label, std::string("body.") + key + " cannot be changed by an update",
                    std::string("leave ") + key +
                        " out; to change it, delete the component and create it again");
        only_keys(
            body,
            {"name", "parent", "description", "customFields", "color", "shape", "icon", "image"},
            label, "body.");
    } else {
        only_keys(body,
                  {"name", "rootWorkspace", "typeId", "parent", "description", "customFields",
                   "color", "shape", "icon", "image"},
                  label, "body.");
    }
    ComponentBody out;
    if (const json::value* x = find(body, "name"))
        out.name = text_value(*x, label, "body.name");
    if (const json::value* x = find(body, "rootWorkspace"))
        out.root_workspace = text_value(*x, label, "body.rootWorkspace");
    if (const json::value* x = find(body, "typeId"))
        out.type_id = text_value(*x, label, "body.typeId");
    if (const json::value* x = find(body, "parent")) {
        if (x->is_null())
            out.parent_null = true;
        else
            out.parent = text_value(*x, label, "body.parent");
    }
    if (const json::value* x = find(body, "description"))
        out.description = nullable_string(*x, label, "body.description");
    if (const json::value* x = find(body, "color"))
        out.color = nullable_string(*x, label, "body.color");
    if (const json::value* x = find(body, "shape"))
        out.shape = nullable_string(*x, label, "body.shape");
    if (const json::value* x = find(body, "icon"))
        out.icon = nullable_string(*x, label, "body.icon");
    if (const json::value* x = find(body, "image"))
        out.image = nullable_string(*x, label, "body.image");
    if (const json::value* x = find(body, "customFields"))
        out.custom_fields = &object(*x, label, "body.customFields");
    if (!partial) {
        for (auto [member, present] : {std::pair{"name", out.name.has_value()},
                                       std::pair{"rootWorkspace", out.root_workspace.has_value()},
                                       std::pair{"typeId", out.type_id.has_value()}})
            if (!present)
                bad(label, std::string("body.") + member + " is required",
                    "a component needs name, rootWorkspace and typeId");
    }
    return out;
}

ReferenceBody Parser::reference_body(const json::object& op, const std::string& label,
                                     bool partial) {
    const json::value* v = find(op, "body");
    if (v == nullptr)
        bad(label, "body is required");
    const json::object& body = object(*v, label, "body");
    if (partial) {
        if (find(body, "type") != nullptr)
            bad(label, "body.type cannot be changed by an update",
                "leave type out; to change it, delete the reference and create it again");
        only_keys(body, {"source", "target", "displayText", "description", "customFields"}, label,
                  "body.");
    } else {
        only_keys(body, {"source", "target", "type", "displayText", "description", "customFields"},
                  label, "body.");
    }
    ReferenceBody out;
    if (const json::value* x = find(body, "source"))
        out.source = text_value(*x, label, "body.source");
    if (const json::value* x = find(body, "target"))
        out.target = text_value(*x, label, "body.target");
    if (const json::value* x = find(body, "type"))
        out.type = integer_value(*x, label, "body.type");
    if (const json::value* x = find(body, "displayText"))
        out.display_text = nullable_string(*x, label, "body.displayText");
    if (const json::value* x = find(body, "description"))
        out.description = nullable_string(*x, label, "body.description");
    if (const json::value* x = find(body, "customFields"))
        out.custom_fields = &object(*x, label, "body.customFields");
    if (!partial) {
        for (auto [member, present] :
             {std::pair{"source", out.source.has_value()},
              std::pair{"target", out.target.has_value()}, std::pair{"type", out.type.has_value()}})
            if (!present)
                bad(label, std::string("body.") + member + " is required",
                    "a reference needs source, target and type");
    }
    return out;
}

FieldValues Parser::custom_field_criteria(const json::value& v, const std::string& label,
                                          const std::string& what) const {
    const json::object& o = object(v, label, what);
    FieldValues out;
    for (const auto& [k, value] : o) {
        if (value.is_null() || value.is_object() || value.is_array())
            bad(label, what + "." + std::string(k) + " must be a string, number or boolean, not " +
                           kind_name(value));
        out.emplace_back(std::string(k), value);
    }
    if (out.empty())
        bad(label, what + " must name a custom field");
    return out;
}

ComponentCriteria Parser::component_criteria(const json::value& v, const std::string& lbl,
                                             bool alias) const {
    ComponentCriteria c;
    c.label = label(lbl);
    const json::object& o = object(v, lbl, alias ? "an alias" : "match");
    only_keys(o,
              alias ? KeySet{"rootWorkspace", "name", "customFields", "componentKey"}
                    : KeySet{"rootWorkspace", "typeId", "name", "customFields", "componentKey"},
              lbl, "");
    if (const json::value* x = find(o, "rootWorkspace"))
        c.root_workspace = string_value(*x, lbl, "rootWorkspace");
    if (const json::value* x = find(o, "typeId"))
        c.type_id = string_value(*x, lbl, "typeId");
    if (const json::value* x = find(o, "name"))
        c.name = string_value(*x, lbl, "name");
    if (const json::value* x = find(o, "componentKey"))
        c.component_key = string_value(*x, lbl, "componentKey");
    if (const json::value* x = find(o, "customFields"))
        c.custom_fields = custom_field_criteria(*x, lbl, "customFields");
    // The documented combinations (Batch API pages: aliases; the match table).
    int given = (c.root_workspace ? 1 : 0) + (c.type_id ? 1 : 0) + (c.name ? 1 : 0) +
                (c.component_key ? 1 : 0) + (c.custom_fields.empty() ? 0 : 1);
    bool ok;
    if (alias)
        ok = (c.component_key && given == 1) ||
             (c.root_workspace && given == 2 && (c.name || c.custom_fields.size() == 1));
    else
        ok = (c.component_key && given == 1) || (c.root_workspace && given == 1) ||
             (c.root_workspace && given == 2 &&
              (c.type_id || c.name || c.custom_fields.size() == 1));
    if (!ok)
        bad(lbl,
            std::string("unsupported combination of ") + (alias ? "alias" : "match") + " fields",
            alias ? "a component alias is {rootWorkspace, name}, {rootWorkspace, customFields: "
                    "{<one field>}} or {componentKey}"
                  : "a component match is {rootWorkspace}, {componentKey}, {rootWorkspace, "
                    "typeId}, {rootWorkspace, name} or {rootWorkspace, customFields: {<one "
                    "field>}}");
    return c;
}

ReferenceCriteria Parser::reference_criteria(const json::value& v, const std::string& lbl,
                                             bool alias) const {
    ReferenceCriteria c;
    c.label = label(lbl);
    const json::object& o = object(v, lbl, alias ? "an alias" : "match");
    only_keys(o,
              alias ? KeySet{"source", "target", "type", "rootWorkspace", "customFields"}
                    : KeySet{"source", "target", "type", "rootWorkspace", "targetWorkspace",
                             "customFields"},
              lbl, "");
    if (const json::value* x = find(o, "rootWorkspace"))
        c.root_workspace = string_value(*x, lbl, "rootWorkspace");
    if (const json::value* x = find(o, "targetWorkspace"))
        c.target_workspace = string_value(*x, lbl, "targetWorkspace");
    if (const json::value* x = find(o, "source"))
        c.source = string_value(*x, lbl, "source");
    if (const json::value* x = find(o, "target"))
        c.target = string_value(*x, lbl, "target");
    if (const json::value* x = find(o, "type"))
        c.type = integer_value(*x, lbl, "type");
    if (const json::value* x = find(o, "customFields"))
        c.custom_fields = custom_field_criteria(*x, lbl, "customFields");
    bool ok;
    if (alias) {
        bool by_endpoints = c.source && c.type && !c.root_workspace && c.custom_fields.empty();
        bool by_field =
            c.root_workspace && c.custom_fields.size() == 1 && !c.source && !c.target && !c.type;
        ok = by_endpoints || by_field;
    } else {
        ok = c.source || c.target || c.root_workspace || c.target_workspace;
    }
    if (!ok)
        bad(lbl,
            std::string("unsupported combination of ") + (alias ? "alias" : "match") + " fields",
            alias ? "a reference alias is {source, target?, type} or {rootWorkspace, "
                    "customFields: {<one field>}}"
                  : "a reference match needs source, target, rootWorkspace or targetWorkspace");
    return c;
}

void Parser::component_operations(const json::value& v, Operations<ComponentOp>& out) {
    const json::object& ops = object(v, label("components"), "components");
    only_keys(ops, {"create", "upsert", "update", "delete"}, label("components"), "components.");
    for (const auto& [kind, list] : ops) {
        std::string base = "components." + std::string(kind);
        if (!list.is_array())
            bad(label(base), base + " must be an array, not " + kind_name(list));
        const auto& array = list.get_array();
        auto& ops_of_kind = kind == "create"   ? out.create
                            : kind == "upsert" ? out.upsert
                            : kind == "update" ? out.update
                                               : out.remove;
        ops_of_kind.reserve(array.size());
        for (std::size_t i = 0; i < array.size(); ++i) {
            ComponentOp& op = ops_of_kind.emplace_back(); // filled in place
            op.label = label(indexed(base, i));
            const std::string& lbl = op.label;
            const json::object& o = object(array[i], lbl, "an operation");
            op.raw = &o;
            if (kind == "create") {
                only_keys(o, {"batchId", "body"}, lbl, "");
                op.batch_id = batch_id(o, lbl);
                op.body = component_body(o, lbl, false);
            } else if (kind == "upsert") {
                only_keys(o, {"batchId", "body", "uniqueBy"}, lbl, "");
                op.batch_id = batch_id(o, lbl);
                op.body = component_body(o, lbl, false);
                const json::value* u = find(o, "uniqueBy");
                if (u == nullptr || !u->is_array())
                    bad(lbl, "uniqueBy is required (an array of strings)",
                        "use [\"customFields.<field>\", \"rootWorkspace\"] or "
                        "[\"name\", \"rootWorkspace\"]");
                auto members = unique_by_members(u->get_array(), lbl);
                std::string_view field = unique_field(members, "rootWorkspace");
                if (same_members(members, {"name", "rootWorkspace"})) {
                    op.unique_by = UniqueBy::name;
                } else if (!field.empty() && u->get_array().size() == 2) {
                    op.unique_by = UniqueBy::custom_field;
                    op.unique_field = field;
                    const json::value* value =
                        op.body.custom_fields ? find(*op.body.custom_fields, field) : nullptr;
                    if (value == nullptr || value->is_null())
                        bad(lbl,
                            "uniqueBy names customFields." + std::string(field) +
                                " but body.customFields." + std::string(field) + " has no value",
                            "give the identifying value in body.customFields");
                } else {
                    bad(lbl, "uniqueBy " + json::serialize(*u) + " is not supported",
                        "use [\"customFields.<field>\", \"rootWorkspace\"] or "
                        "[\"name\", \"rootWorkspace\"] (in any order)");
                }
            } else if (kind == "update") {
                only_keys(o, {"id", "ifVersionMatch", "body"}, lbl, "");
                const json::value* id = find(o, "id");
                if (id == nullptr)
                    bad(lbl, "id is required", "give the component's OID or an alias");
                op.id = text_value(*id, lbl, "id");
                op.if_version = version_match(o, lbl);
                op.body = component_body(o, lbl, true);
            } else {
                only_keys(o, {"id", "match"}, lbl, "");
                const json::value* id = find(o, "id");
                const json::value* match = find(o, "match");
                if ((id == nullptr) == (match == nullptr))
                    bad(lbl, "a delete needs exactly one of id and match");
                if (id != nullptr)
                    op.id = text_value(*id, lbl, "id");
                else
                    op.match =
                        std::make_unique<ComponentCriteria>(component_criteria(*match, lbl, false));
            }
        }
    }
}

void Parser::reference_operations(const json::value& v, Operations<ReferenceOp>& out) {
    const json::object& ops = object(v, label("references"), "references");
    only_keys(ops, {"create", "upsert", "update", "delete"}, label("references"), "references.");
    for (const auto& [kind, list] : ops) {
        std::string base = "references." + std::string(kind);
        if (!list.is_array())
            bad(label(base), base + " must be an array, not " + kind_name(list));
        const auto& array = list.get_array();
        auto& ops_of_kind = kind == "create"   ? out.create
                            : kind == "upsert" ? out.upsert
                            : kind == "update" ? out.update
                                               : out.remove;
        ops_of_kind.reserve(array.size());
        for (std::size_t i = 0; i < array.size(); ++i) {
            ReferenceOp& op = ops_of_kind.emplace_back(); // filled in place
            op.label = label(indexed(base, i));
            const std::string& lbl = op.label;
            const json::object& o = object(array[i], lbl, "an operation");
            op.raw = &o;
            if (kind == "create") {
                only_keys(o, {"batchId", "body"}, lbl, "");
                op.batch_id = batch_id(o, lbl);
                op.body = reference_body(o, lbl, false);
            } else if (kind == "upsert") {
                only_keys(o, {"batchId", "body", "uniqueBy"}, lbl, "");
                op.batch_id = batch_id(o, lbl);
                op.body = reference_body(o, lbl, false);
                const json::value* u = find(o, "uniqueBy");
                if (u == nullptr || !u->is_array())
                    bad(lbl, "uniqueBy is required (an array of strings)",
                        "use [\"customFields.<field>\", \"source.rootWorkspace\"]");
                auto members = unique_by_members(u->get_array(), lbl);
                std::string_view field = unique_field(members, "source.rootWorkspace");
                if (!field.empty() && u->get_array().size() == 2) {
                    op.unique_by = UniqueBy::custom_field;
                    op.unique_field = field;
                    const json::value* value =
                        op.body.custom_fields ? find(*op.body.custom_fields, field) : nullptr;
                    if (value == nullptr || value->is_null())
                        bad(lbl,
                            "uniqueBy names customFields." + std::string(field) +
                                " but body.customFields." + std::string(field) + " has no value",
                            "give the identifying value in body.customFields");
                } else if (same_members(members, {"source", "target", "type"})) {
                    if (!m_settings.reference_upsert_by_endpoints)
                        bad(lbl,
                            "uniqueBy [\"source\", \"target\", \"type\"] is not documented "
                            "for references",
                            "use [\"customFields.<field>\", \"source.rootWorkspace\"], or start "
                            "the emulator with --allow-reference-upsert-by-endpoints");
                    op.unique_by = UniqueBy::endpoints;
                } else {
                    bad(lbl, "uniqueBy " + json::serialize(*u) + " is not supported",
                        "use [\"customFields.<field>\", \"source.rootWorkspace\"] (note "
                        "source.rootWorkspace, not rootWorkspace)");
                }
            } else if (kind == "update") {
                only_keys(o, {"id", "ifVersionMatch", "body"}, lbl, "");
                const json::value* id = find(o, "id");
                if (id == nullptr)
                    bad(lbl, "id is required", "give the reference's OID or an alias");
                op.id = text_value(*id, lbl, "id");
                op.if_version = version_match(o, lbl);
                op.body = reference_body(o, lbl, true);
            } else {
                only_keys(o, {"id", "match"}, lbl, "");
                const json::value* id = find(o, "id");
                const json::value* match = find(o, "match");
                if ((id == nullptr) == (match == nullptr))
                    bad(lbl, "a delete needs exactly one of id and match");
                if (id != nullptr)
                    op.id = text_value(*id, lbl, "id");
                else
                    op.match =
                        std::make_unique<ReferenceCriteria>(reference_criteria(*match, lbl, false));
            }
        }
    }
}

BatchRequest Parser::parse(const json::value& request) {
    BatchRequest out;
    const json::object& doc = object(request, label("request"), "the request body");
    only_keys(doc, {"options", "aliases", "components", "references"}, label("request"), "");
    if (const json::value* options = find(doc, "options")) {
        const json::object& o = object(*options, label("options"), "options");
        only_keys(o, {"respondWithEntities"}, label("options"), "options.");
        if (const json::value* r = find(o, "respondWithEntities")) {
            if (!r->is_bool())
                bad("options",
                    "options.respondWithEntities must be a boolean, not " + kind_name(*r));
            out.respond_with_entities = r->get_bool();
        }
        out.options = *options;
    }
    if (const json::value* aliases = find(doc, "aliases")) {
        const json::object& a = object(*aliases, label("aliases"), "aliases");
        only_keys(a, {"components", "references"}, label("aliases"), "aliases.");
        if (const json::value* c = find(a, "components"))
            for (const auto& [name, spec] :
                 object(*c, label("aliases.components"), "aliases.components")) {
                out.component_alias_names.emplace_back(name);
                out.component_aliases.push_back(
                    component_criteria(spec, "aliases.components." + std::string(name), true));
            }
        if (const json::value* r = find(a, "references"))
            for (const auto& [name, spec] :
                 object(*r, label("aliases.references"), "aliases.references")) {
                out.reference_alias_names.emplace_back(name);
                out.reference_aliases.push_back(
                    reference_criteria(spec, "aliases.references." + std::string(name), true));
            }
    }
    if (const json::value* c = find(doc, "components"))
        component_operations(*c, out.components);
    if (const json::value* r = find(doc, "references"))
        reference_operations(*r, out.references);
    if (!m_settings.allow_mixed_upsert) {
        auto mixed = [&](const char* kind, bool upserts, bool others) {
            if (upserts && others)
                fail(400, "mixed_upsert", label(kind),
                     std::string("upsert may not be mixed with create, update or delete of ") +
                         kind + " in one request",
                     "send the upserts in a request of their own (or start the emulator with "
                     "--allow-mixed-upsert)");
        };
        const auto& c = out.components;
        const auto& r = out.references;
        mixed("components", !c.upsert.empty(),
              !c.create.empty() || !c.update.empty() || !c.remove.empty());
        mixed("references", !r.upsert.empty(),
              !r.create.empty() || !r.update.empty() || !r.remove.empty());
    }
    return out;
}

} // namespace

BatchRequest parse_batch(const json::value& request, const ParseSettings& settings) {
    return Parser(settings).parse(request);
}

} // namespace ardoq::emulator
