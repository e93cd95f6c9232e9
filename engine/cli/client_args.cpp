#include "cli/client_args.hpp"

#include "connectors/ardoq/json_model.hpp"
#include "connectors/ardoq/metamodel_api.hpp"
#include "connectors/ardoq/name_match.hpp"
#include "model/errors.hpp"
#include "model/oid.hpp"
#include "plan/field_values.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>

namespace ardoq::cli {

namespace {

constexpr std::size_t k_names_in_hint = 10;

// `e` again, its general hint replaced by `hint`.
[[noreturn]] void rethrow_with_hint(const connectors::ApiError& e, const std::string& hint) {
    std::string message = e.what();
    if (const auto at = message.rfind("\n  hint: "); at != std::string::npos)
        message.erase(at);
    throw connectors::ApiError(message + "\n  hint: " + hint, e.method(), e.path(), e.status(),
                               e.body());
}

[[noreturn]] void fail(std::string_view where, std::string message, std::string hint) {
    throw model::InputError(
        model::make_error({std::string(where)}, std::move(message), std::move(hint)));
}

std::string quoted(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return std::string(s);
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < k_names_in_hint; ++i)
        out += (i == 0 ? "" : ", ") + items[i];
    if (items.size() > k_names_in_hint)
        out += ", ...";
    return out;
}

void check_option(const model::FieldDef& field, const std::string& item, std::string_view option) {
    if (field.options.empty() ||
        std::find(field.options.begin(), field.options.end(), item) != field.options.end())
        return;
    fail(option,
         field.api_key + ": " + quoted(item) + " is not an option of this " +
             std::string(model::field_type_name(field.type)) + " field",
         "options: " + joined(field.options));
}

} // namespace

Assignment parse_assignment(std::string_view text, std::string_view option) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0)
        fail(option, "expected KEY=VALUE, not " + quoted(text),
             "write the field's API key, '=' and the value, e.g. " + std::string(option) +
                 " lifecycle=Live");
    return {std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

std::string require_oid(std::string_view text, std::string_view where, std::string_view what) {
    auto oid = model::Oid::parse(text);
    if (!oid)
        fail(where, quoted(text) + " is not a " + std::string(what),
             "Ardoq ids are 24 hexadecimal characters, e.g. c253c98231776d0c8a54879e; list the "
             "entities to find one");
    return oid->to_string();
}

connectors::api::IfVersion parse_if_version(std::string_view text) {
    if (text == "latest")
        return std::nullopt;
    std::int64_t version = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
    if (ec != std::errc{} || end != text.data() + text.size() || version < 1)
        fail("--if-version",
             "expected a version number (1 or more) or \"latest\", not " + quoted(text),
             "give the _version the entity had when you read it, e.g. --if-version 3");
    return version;
}

boost::json::object guarded_update(const std::function<boost::json::object()>& update,
                                   connectors::api::IfVersion if_version, std::string_view kind,
                                   std::string_view id) {
    boost::json::object updated;
    try {
        with_not_found_hint([&] { updated = update(); }, kind);
        return updated;
    } catch (const connectors::ApiError& e) {
        if (e.status() != 409 || !if_version)
            throw;
        rethrow_with_hint(e, "the " + std::string(kind) + "'s _version is no longer " +
                                 std::to_string(*if_version) + ": `ardoq-sync " +
                                 std::string(kind) + " get " + std::string(id) +
                                 "` shows the current one; give that to --if-version, or leave "
                                 "--if-version out to update whatever version is stored");
    }
}

void with_not_found_hint(const std::function<void()>& call, std::string_view kind,
                         std::string_view where) {
    try {
        call();
    } catch (const connectors::ApiError& e) {
        if (e.status() != 404)
            throw;
        const std::string k(kind);
        rethrow_with_hint(e, (where.empty() ? "" : std::string(where) + ": ") + "there is no " + k +
                                 " with this id; `ardoq-sync " + k +
                                 " list -w WORKSPACE` lists the " + k +
                                 "s of a workspace with their ids");
    }
}

const model::FieldDef& require_field(const model::WorkspaceContext& context, std::string_view key,
                                     std::string_view option) {
    if (const auto* field = context.field(key))
        return *field;
    std::vector<std::string> keys;
    for (const auto& f : context.fields)
        keys.push_back(f.api_key);
    fail(option, "workspace " + context.workspace_id + " has no custom field " + quoted(key),
         suggest(key, keys, "fields", "the workspace has no custom fields"));
}

model::Value field_value(const model::FieldDef& field, std::string_view text,
                         std::string_view option) {
    using model::FieldType;
    if (text.empty())
        return model::Value();
    const std::string where = field.api_key + ": " + quoted(text);
    switch (field.type) {
    case FieldType::number: {
        model::Value v = plan::normalize_value(field.type, model::Value(text));
        if (!v.is_number())
            fail(option, where + " is not a number",
                 "write a number such as 12000 or 0.5 (a dot for decimals)");
        return v;
    }
    case FieldType::checkbox: {
        model::Value v = plan::normalize_value(field.type, model::Value(text));
        if (!v.is_bool())
            fail(option, where + " is not a Checkbox value", "write true or false (or yes / no)");
        return v;
    }
    case FieldType::date_time: {
        auto normal = plan::normalize_date_time(text);
        if (!normal)
            fail(option, where + " is not a date",
                 "write an ISO-8601 date or time, e.g. 2024-01-05 or 2024-01-05T10:00:00Z");
        return model::Value(std::move(*normal));
    }
    case FieldType::select_multiple_list: {
        model::List items;
        std::string_view rest = text;
        while (true) {
            auto comma = rest.find(',');
            std::string item = trim(rest.substr(0, comma));
            if (!item.empty()) {
                check_option(field, item, option);
                items.emplace_back(std::move(item));
            }
            if (comma == std::string_view::npos)
                break;
            rest.remove_prefix(comma + 1);
        }
        return plan::normalize_value(field.type, model::Value(std::move(items)));
    }
    case FieldType::list:
        check_option(field, std::string(text), option);
        return model::Value(text);
    default:
        return model::Value(text);
    }
}

boost::json::object custom_fields(const std::vector<std::string>& assignments,
                                  const model::WorkspaceContext& context, std::string_view option) {
    boost::json::object out;
    for (const auto& text : assignments) {
        auto [key, value] = parse_assignment(text, option);
        const auto& field = require_field(context, key, option);
        if (field.read_only || field.calculated)
            fail(option,
                 key + " is a " + std::string(field.calculated ? "calculated" : "read-only") +
                     " field; Ardoq sets its value",
                 "leave it out");
        out[key] = connectors::value_to_json(field_value(field, value, option));
    }
    return out;
}

const model::ComponentTypeDef& require_component_type(const model::WorkspaceContext& context,
                                                      std::string_view name_or_id,
                                                      std::string_view option) {
    if (const auto* t = connectors::api::find_component_type(context, name_or_id))
        return *t;
    if (const auto* t = context.component_type_by_id(name_or_id))
        return *t;
    std::vector<std::string> names;
    for (const auto& t : context.component_types)
        names.push_back(t.name);
    fail(option,
         "workspace " + context.workspace_id + " has no component type " + quoted(name_or_id),
         suggest(name_or_id, names, "component types", "the workspace has no component types"));
}

const model::ReferenceTypeDef& require_reference_type(const model::WorkspaceContext& context,
                                                      std::string_view name_or_id,
                                                      std::string_view option) {
    if (const auto* t = connectors::api::find_reference_type(context, name_or_id))
        return *t;
    std::int64_t number = 0;
    auto [end, ec] =
        std::from_chars(name_or_id.data(), name_or_id.data() + name_or_id.size(), number);
    if (ec == std::errc{} && end == name_or_id.data() + name_or_id.size())
        if (const auto* t = context.reference_type_by_id(number))
            return *t;
    std::vector<std::string> names;
    for (const auto& t : context.reference_types)
        names.push_back(t.name);
    fail(option,
         "workspace " + context.workspace_id + " has no reference type " + quoted(name_or_id),
         suggest(name_or_id, names, "reference types", "the workspace has no reference types"));
}

std::string suggest(std::string_view wanted, const std::vector<std::string>& candidates,
                    std::string_view what, std::string_view otherwise) {
    using connectors::CaseMatch;
    using connectors::NameMatch;
    for (const auto& c : candidates)
        if (connectors::name_matches(c, wanted, NameMatch::exact, CaseMatch::insensitive))
            return "did you mean " + quoted(c) + "?";
    for (const auto& c : candidates)
        if (!wanted.empty() &&
            connectors::name_matches(c, wanted, NameMatch::substring, CaseMatch::insensitive))
            return "did you mean " + quoted(c) + "?";
    // A name with something more ("Endpoints", "Billing Service"): the longest one inside it.
    const std::string* inside = nullptr;
    for (const auto& c : candidates)
        if (!c.empty() &&
            connectors::name_matches(wanted, c, NameMatch::substring, CaseMatch::insensitive) &&
            (inside == nullptr || c.size() > inside->size()))
            inside = &c;
    if (inside != nullptr)
        return "did you mean " + quoted(*inside) + "?";
    if (candidates.empty())
        return std::string(otherwise);
    std::vector<std::string> names;
    for (const auto& c : candidates)
        names.push_back(quoted(c));
    return std::string(what) + " there: " + joined(names);
}

} // namespace ardoq::cli
