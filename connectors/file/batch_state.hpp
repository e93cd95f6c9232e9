#pragma once
// Internal to the file: target's batch applier: the state one Batch request builds up
// while its operations are applied (ids handed out, batchIds, entities touched, the
// response lists), and the helpers the component and reference operations share.

#include "connectors/file/batch_applier.hpp"

#include <boost/json.hpp>

#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ardoq::connectors::batch {

namespace json = boost::json;

// Thrown inside the applier, turned into BatchError at its top.
struct Failure : std::exception {
    BatchError error;
    Failure(int status, std::string message) : error{status, std::move(message)} {}
    const char* what() const noexcept override { return error.message.c_str(); }
};
[[noreturn]] inline void fail(int status, std::string message) {
    throw Failure(status, std::move(message));
}

enum class Kind : std::uint8_t { component = 0, reference = 1 };

// One line of the response: an entity created, updated or deleted, with its batchId.
struct Outcome {
    model::Oid id;
    std::string batch_id;
};

using OidSet = std::unordered_set<model::Oid, model::OidHash>;

struct State {
    model::Snapshot& snap;
    BatchClock& clock;
    bool with_entities = false;

    std::unordered_map<model::Oid, model::EntityIndex, model::OidHash> component_at;
    std::unordered_map<model::Oid, model::EntityIndex, model::OidHash> reference_at;
    std::unordered_map<std::string, model::Oid> component_batch_ids;
    std::unordered_map<std::string, model::Oid> reference_batch_ids;
    OidSet touched_components; // created, updated or upserted: protected from delete-by-match
    OidSet touched_references;
    OidSet deleted_components;
    OidSet deleted_references;
    std::vector<Outcome> created[2], updated[2], deleted[2];

    std::string key_prefix;
    std::int64_t next_key = 1;

    State(model::Snapshot& s, BatchClock& c);

    model::SnapshotComponent* component(const model::Oid& id);
    model::SnapshotReference* reference(const model::Oid& id);
    model::Oid new_oid();
    std::string_view new_component_key();
    // A component named by a batchId of this request or by the OID of an existing one.
    model::Oid component_ref(const json::value& v, const std::string& where);
    void register_batch_id(Kind kind, const json::object& op, const model::Oid& id,
                           const std::string& where);
};

// --- shared readers ---------------------------------------------------------------------

const json::object& object_at(const json::value& v, const std::string& where);
const json::array& ops_array(const json::object& ops, std::string_view name,
                             const std::string& where);
std::string_view string_at(const json::object& o, std::string_view key, const std::string& where);
std::optional<std::string_view> optional_text(const json::object& o, std::string_view key,
                                              const std::string& where);
void check_keys(const json::object& o, std::initializer_list<std::string_view> allowed,
                const std::string& where);
// ifVersionMatch: an int >= 1 equal to `current`, or "latest".
void check_version(const json::object& op, std::int64_t current, const std::string& where);
// Sets / replaces / clears (JSON null) custom fields, validated against the context.
void merge_fields(State& st, model::CustomFields& fields, const json::value& v,
                  const std::string& where);
// Custom-field comparison used by uniqueBy and match: by text, so 1 and 1.0 are equal.
bool same_field_value(const std::optional<model::ValueView>& a, const json::value& b);
// "customFields.X" → "X"; "" when `key` is not of that form.
std::string_view custom_field_name(std::string_view key);
// A delete-by-match criterion on custom fields: `key` "customFields" (an object with exactly
// one field, else a 400 naming `where`) or "customFields.X". nullopt when `key` is neither;
// else whether `fields` carries the wanted value.
std::optional<bool> match_custom_field(const State& st, const model::CustomFields& fields,
                                       std::string_view key, const json::value& v,
                                       const std::string& where);

// --- operations (batch_components.cpp, batch_references.cpp) ---------------------------

void create_or_upsert_components(State& st, const json::object& ops);
void update_components(State& st, const json::object& ops);
void delete_components(State& st, const json::object& ops);
void create_or_upsert_references(State& st, const json::object& ops);
void update_references(State& st, const json::object& ops);
void delete_references(State& st, const json::object& ops);

} // namespace ardoq::connectors::batch
