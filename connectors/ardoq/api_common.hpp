#pragma once
// What the ardoqpy-style API files (workspaces_api, components_api, references_api, ...)
// share: checks on the shape of an answer (an answer that is not the object or array the
// call promises is a RunError naming the step, the call and what came instead), reading
// every page of a list, id lookups by name, and the v2 calls on one entity.

#include "connectors/ardoq/api_client.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ardoq::connectors::api {

// The concurrency guard of an update (v2 ?ifVersionMatch=): the stored _version must equal
// `version`, or nullopt to update whatever the latest version is.
using IfVersion = std::optional<std::int64_t>;

// `answer` as an object; throws RunError "step: METHOD path: the answer is not a JSON object".
boost::json::object expect_object(boost::json::value answer, std::string_view step,
                                  HttpMethod method, std::string_view path);
// `answer` as an array (v1 lists).
boost::json::array expect_array(boost::json::value answer, std::string_view step, HttpMethod method,
                                std::string_view path);
// GET `path` (a full path from ApiClient::v1/v2) whose answer must be an object / an array.
boost::json::object fetch_object(ApiClient& client, const std::string& path, std::string_view step);
boost::json::array fetch_array(ApiClient& client, const std::string& path, std::string_view step);
// Every value of a paginated v2 list, in order.
boost::json::array all_pages(ApiClient& client, std::string_view path, std::string_view step);
// A path segment for an id given by the user: percent-encoded, so that it stays one segment.
std::string segment(std::string_view id);
// The string member `key` of an object, "" when absent or not a string.
std::string string_member(const boost::json::object& o, std::string_view key);
// The "_id" of the item whose "_id" is `name_or_id`, else of the one whose "name" is exactly
// `name_or_id`. Throws InputError when none or several match: `what` names the kind
// ("workspace folder") and `target` the server in the message; the hint lists candidates.
std::string pick_id(const boost::json::array& items, std::string_view name_or_id,
                    std::string_view what, const std::string& target);

// v2 calls on one entity of `kind` ("components", "references"); `step` names the call in
// messages. update sends a partial body with ?ifVersionMatch=.
boost::json::object v2_get(ApiClient& client, std::string_view kind, std::string_view id,
                           std::string_view step);
boost::json::object v2_create(ApiClient& client, std::string_view kind,
                              const boost::json::object& body, std::string_view step);
boost::json::object v2_update(ApiClient& client, std::string_view kind, std::string_view id,
                              const boost::json::object& patch, IfVersion if_version,
                              std::string_view step);
void v2_delete(ApiClient& client, std::string_view kind, std::string_view id,
               std::string_view step);

} // namespace ardoq::connectors::api
