#include "field_checks.hpp"

#include "api_error.hpp"

#include <algorithm>

namespace ardoq::emulator {

namespace {

bool looks_like_iso_date(std::string_view s) {
    // YYYY-MM-DD, optionally followed by a time part.
    if (s.size() < 10)
        return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9')
            return false;
    return s[4] == '-' && s[7] == '-' && (s.size() == 10 || s[10] == 'T' || s[10] == ' ');
}

bool in_options(const Field& f, std::string_view value) {
    return f.options.empty() ||
           std::find(f.options.begin(), f.options.end(), value) != f.options.end();
}

std::string options_list(const Field& f) {
    std::string out;
    for (const auto& o : f.options)
        out += (out.empty() ? "" : ", ") + quoted(o);
    return out;
}

// The reason a value does not fit the field, or "" when it does.
std::string value_problem(const Field& f, const json::value& v) {
    if (v.is_null())
        return {};
    auto is = [&](std::string_view type) { return equal_ignoring_case(f.type, type); };
    if (is("number")) {
        return v.is_number() ? "" : "expects a number, not " + kind_name(v);
    }
    if (is("checkbox")) {
        return v.is_bool() ? "" : "expects a boolean, not " + kind_name(v);
    }
    if (is("selectmultiplelist")) {
        if (!v.is_array())
            return "expects an array of strings, not " + kind_name(v);
        for (const auto& item : v.get_array()) {
            if (!item.is_string())
                return "expects an array of strings, found " + kind_name(item) + " in it";
            if (!in_options(f, item.get_string()))
                return quoted(item.get_string()) + " is not one of its options (" +
                       options_list(f) + ")";
        }
        return {};
    }
    if (!v.is_string())
        return "expects a string, not " + kind_name(v);
    if ((is("datetime") || is("date")) && !looks_like_iso_date(v.get_string()))
        return "expects an ISO-8601 date, not " + quoted(v.get_string());
    if (is("list") && !in_options(f, v.get_string()))
        return quoted(v.get_string()) + " is not one of its options (" + options_list(f) + ")";
    return {};
}

template <class Applies>
void check_fields(const Store& store, const Options& options, const Workspace& workspace,
                  const std::string& entity, const json::object& fields, const std::string& label,
                  const std::string& prefix, Applies&& applies) {
    if (options.custom_fields == CustomFieldCheck::lenient)
        return;
    for (const auto& [key, value] : fields) {
        const Field* f = store.field(workspace.model_id, key);
        if (f == nullptr || !applies(*f)) {
            std::string known;
            for (const Field* candidate : store.fields_of(workspace.model_id))
                if (applies(*candidate))
                    known += (known.empty() ? "" : ", ") + candidate->api_key;
            fail(422, "unknown_field", label,
                 prefix + std::string(key) + ": " + entity + " has no custom field " + quoted(key) +
                     " in workspace " + quoted(workspace.name),
                 known.empty() ? "this type has no custom fields; custom fields are created in "
                                 "the Ardoq app (or in the emulator's seed)"
                               : "fields of this type: " + known);
        }
        if (f->read_only || f->calculated)
            fail(422, "read_only_field", label,
                 prefix + std::string(key) + ": the field is " +
                     (f->calculated ? "calculated" : "read-only") + " and cannot be written",
                 "leave it out of the body");
        if (std::string problem = value_problem(*f, value); !problem.empty())
            fail(422, "invalid_field_value", label,
                 prefix + std::string(key) + ": the " + f->type + " field " + problem);
    }
}

} // namespace

void check_component_fields(const Store& store, const Options& options, const Workspace& workspace,
                            const std::string& type_id, const json::object& fields,
                            const std::string& label, const std::string& prefix) {
    const Model* model = store.models.find(workspace.model_id);
    const ComponentType* type = model == nullptr ? nullptr : model->component_type(type_id);
    std::string entity = "type " + quoted(type == nullptr ? type_id : type->name);
    check_fields(store, options, workspace, entity, fields, label, prefix, [&](const Field& f) {
        return std::find(f.component_types.begin(), f.component_types.end(), type_id) !=
               f.component_types.end();
    });
}

void check_reference_fields(const Store& store, const Options& options, const Workspace& workspace,
                            std::int64_t type, const json::object& fields, const std::string& label,
                            const std::string& prefix) {
    const Model* model = store.models.find(workspace.model_id);
    const ReferenceType* rt = model == nullptr ? nullptr : model->reference_type(type);
    std::string entity =
        "reference type " + (rt == nullptr ? std::to_string(type) : quoted(rt->name));
    check_fields(store, options, workspace, entity, fields, label, prefix, [&](const Field& f) {
        return std::find(f.reference_types.begin(), f.reference_types.end(), type) !=
               f.reference_types.end();
    });
}

void merge_fields(json::object& fields, const json::object& changes) {
    fields.reserve(fields.size() + changes.size());
    for (const auto& [key, value] : changes) {
        if (value.is_null())
            fields.erase(key);
        else
            fields[key] = value;
    }
}

} // namespace ardoq::emulator
