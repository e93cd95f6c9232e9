#include "connectors/ardoq/api_common.hpp"

#include <boost/json.hpp>

#include <vector>

namespace ardoq::connectors::api {

namespace json = boost::json;

namespace {

std::string kind_of(const json::value& v) {
    switch (v.kind()) {
    case json::kind::null:
        return "null";
    case json::kind::bool_:
        return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
        return "a number";
    case json::kind::string:
        return "a string";
    case json::kind::array:
        return "an array";
    case json::kind::object:
        return "an object";
    }
    return "something else";
}

model::RunError shape_error(std::string_view step, HttpMethod method, std::string_view path,
                            const char* wanted, const json::value& got) {
    return model::RunError(std::string(step) + ": " + std::string(method_name(method)) + " " +
                           std::string(path) + ": the answer is " + kind_of(got) + ", not " +
                           wanted +
                           "\n  hint: the target does not answer like the Ardoq API; check "
                           "--target");
}

} // namespace

json::object expect_object(json::value answer, std::string_view step, HttpMethod method,
                           std::string_view path) {
    if (!answer.is_object())
        throw shape_error(step, method, path, "a JSON object", answer);
    return std::move(answer.get_object());
}

json::array expect_array(json::value answer, std::string_view step, HttpMethod method,
                         std::string_view path) {
    if (!answer.is_array())
        throw shape_error(step, method, path, "a JSON array", answer);
    return std::move(answer.get_array());
}

json::array all_pages(ApiClient& client, std::string_view path, std::string_view step) {
    json::array out;
    client.for_each_page(path, step, [&](const json::array& values) {
        for (const auto& v : values)
            out.push_back(v);
    });
    return out;
}

std::string segment(std::string_view id) {
    return url_encode(id);
}

std::string string_member(const json::object& o, std::string_view key) {
    if (const auto* v = o.if_contains(key); v != nullptr && v->is_string())
        return std::string(v->get_string());
    return {};
}

std::string pick_id(const json::array& items, std::string_view name_or_id, std::string_view what,
                    const std::string& target) {
    constexpr std::size_t k_names_in_hint = 10;
    std::vector<std::string> named;
    std::vector<std::string> names;
    for (const auto& item : items) {
        const auto* o = item.if_object();
        if (o == nullptr)
            continue;
        std::string id = string_member(*o, "_id");
        std::string name = string_member(*o, "name");
        if (!id.empty() && id == name_or_id)
            return id;
        if (name == name_or_id)
            named.push_back(id);
        names.push_back("\"" + name + "\"");
    }
    const std::string quoted = "\"" + std::string(name_or_id) + "\"";
    if (named.size() == 1)
        return named.front();
    if (named.size() > 1) {
        std::string ids;
        for (const auto& id : named)
            ids += (ids.empty() ? "" : ", ") + id;
        throw model::InputError(
            model::make_error({},
                              std::to_string(named.size()) + " " + std::string(what) +
                                  "s are named " + quoted + " at " + target,
                              "name the " + std::string(what) + " by its id instead: " + ids));
    }
    std::string hint;
    if (names.empty()) {
        hint = "there is no " + std::string(what) + " at " + target;
    } else {
        hint = std::string(what) + "s there: ";
        for (std::size_t i = 0; i < names.size() && i < k_names_in_hint; ++i)
            hint += (i == 0 ? "" : ", ") + names[i];
        if (names.size() > k_names_in_hint)
            hint += ", ...";
    }
    throw model::InputError(
        model::make_error({}, std::string(what) + " " + quoted + " not found at " + target, hint));
}

json::object fetch_object(ApiClient& client, const std::string& path, std::string_view step) {
    return expect_object(client.get(path, step), step, HttpMethod::get, path);
}

json::array fetch_array(ApiClient& client, const std::string& path, std::string_view step) {
    return expect_array(client.get(path, step), step, HttpMethod::get, path);
}

json::object v2_get(ApiClient& client, std::string_view kind, std::string_view id,
                    std::string_view step) {
    return fetch_object(client, client.v2("/" + std::string(kind) + "/" + segment(id)), step);
}

json::object v2_create(ApiClient& client, std::string_view kind, const json::object& body,
                       std::string_view step) {
    const auto path = client.v2("/" + std::string(kind));
    return expect_object(client.post(path, body, step), step, HttpMethod::post, path);
}

json::object v2_update(ApiClient& client, std::string_view kind, std::string_view id,
                       const json::object& patch, IfVersion if_version, std::string_view step) {
    const auto path = client.v2("/" + std::string(kind) + "/" + segment(id) + "?ifVersionMatch=" +
                                (if_version ? std::to_string(*if_version) : std::string("latest")));
    return expect_object(client.patch(path, patch, step), step, HttpMethod::patch, path);
}

void v2_delete(ApiClient& client, std::string_view kind, std::string_view id,
               std::string_view step) {
    client.del(client.v2("/" + std::string(kind) + "/" + segment(id)), step);
}

} // namespace ardoq::connectors::api
