#pragma once
// Reading what the user typed into the ardoqpy-style commands: ids, KEY=VALUE pairs,
// --if-version, type names and custom-field values by the field's type. Every function
// throws InputError naming the option (or the command) and saying what would be valid.

#include "connectors/ardoq/api_client.hpp"
#include "connectors/ardoq/api_common.hpp"
#include "model/metamodel.hpp"
#include "model/value.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ardoq::cli {

struct Assignment {
    std::string key;
    std::string value;
};
// "key=value": the key is what comes before the first '=', which must be there; the value
// may be empty or hold more '='.
Assignment parse_assignment(std::string_view text, std::string_view option);

// An Ardoq object id (24 hex characters), returned in lower case. `where` names the option
// or argument, `what` the kind of id ("component id").
std::string require_oid(std::string_view text, std::string_view where, std::string_view what);

// --if-version: "latest" → nullopt (whatever the stored version is), an integer >= 1 → it.
connectors::api::IfVersion parse_if_version(std::string_view text);

// Runs `update`; when Ardoq refuses it with HTTP 409 because `if_version` no longer matches
// the stored _version, rethrows the ApiError with a hint for the command line: how to see
// the current version of `kind` `id` ("component", "reference") and how to update anyway;
// when there is no such entity (HTTP 404), with the hint of with_not_found_hint.
boost::json::object guarded_update(const std::function<boost::json::object()>& update,
                                   connectors::api::IfVersion if_version, std::string_view kind,
                                   std::string_view id);

// Runs `call`; when Ardoq answers HTTP 404 because there is no `kind` ("component",
// "reference", "tag") with the id given to `where` (an option such as "--from", or "" for the
// command's argument), rethrows the ApiError with a hint saying how to list the ids there are.
void with_not_found_hint(const std::function<void()>& call, std::string_view kind,
                         std::string_view where = {});

// The custom field `key` of a workspace; the hint lists the fields there are.
const model::FieldDef& require_field(const model::WorkspaceContext& context, std::string_view key,
                                     std::string_view option);
// `text` as a value of `field`'s type: Number → a number, Checkbox → true/false (also
// yes/no/1/0), DateTime → ISO-8601 UTC, SelectMultipleList → a list (items separated by
// commas), others → text. Empty text is null (clears the field when written).
model::Value field_value(const model::FieldDef& field, std::string_view text,
                         std::string_view option);
// --set KEY=VALUE pairs as a v2 customFields object, each value typed by its field.
boost::json::object custom_fields(const std::vector<std::string>& assignments,
                                  const model::WorkspaceContext& context, std::string_view option);

// A component type by name (searched through the whole hierarchy) or by type id.
const model::ComponentTypeDef& require_component_type(const model::WorkspaceContext& context,
                                                      std::string_view name_or_id,
                                                      std::string_view option);
// A reference type by name or by its integer id.
const model::ReferenceTypeDef& require_reference_type(const model::WorkspaceContext& context,
                                                      std::string_view name_or_id,
                                                      std::string_view option);

// "did you mean "X"?" for the candidate equal to `wanted` but for case, else for one that
// contains it, else for the longest one `wanted` contains ("Endpoints" → "Endpoint"); else
// "<what> there: "A", "B"" (at most ten), else `otherwise` when there are no candidates.
std::string suggest(std::string_view wanted, const std::vector<std::string>& candidates,
                    std::string_view what, std::string_view otherwise);

} // namespace ardoq::cli
