#pragma once
// A Batch API request (POST /api/v2/batch) after its shape has been checked: every operation
// carries its label ("components.upsert[3]") for error messages. Shape errors are 400s;
// everything that needs the stored state (unknown ids, types, aliases) is checked later.
// Operations point into the parsed request document (raw operations, identifiers, names,
// values), which must outlive the BatchRequest: a large batch is read without a copy of it.

#include "json_util.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ardoq::emulator {

struct VersionMatch {
    bool latest = true;
    std::int64_t version = 0;
};

// The members present in a component document; absent ones are nullopt or nullptr.
struct ComponentBody {
    std::optional<std::string_view> name, root_workspace, type_id;
    std::optional<std::string_view> parent;   // an identifier (batchId, alias, OID)
    bool parent_null = false;                 // "parent": null (unset the parent)
    const json::value* description = nullptr; // each null or a string
    const json::value* color = nullptr;
    const json::value* shape = nullptr;
    const json::value* icon = nullptr;
    const json::value* image = nullptr;
    const json::object* custom_fields = nullptr;
};

struct ReferenceBody {
    std::optional<std::string_view> source, target; // identifiers (batchId, alias, OID)
    std::optional<std::int64_t> type;
    const json::value* display_text = nullptr; // each null or a string
    const json::value* description = nullptr;
    const json::object* custom_fields = nullptr;
};

using FieldValues = std::vector<std::pair<std::string, json::value>>;

struct ComponentCriteria { // an alias or a match
    std::string label;
    std::optional<std::string> root_workspace, type_id, name, component_key;
    FieldValues custom_fields;
};

struct ReferenceCriteria {
    std::string label;
    std::optional<std::string> root_workspace, target_workspace, source, target;
    std::optional<std::int64_t> type;
    FieldValues custom_fields;
};

enum class UniqueBy { name, custom_field, endpoints };

struct ComponentOp {
    std::string label;
    const json::object* raw = nullptr; // the operation as sent (for /batch/expand)
    std::optional<std::string_view> batch_id;
    UniqueBy unique_by = UniqueBy::name;
    std::string_view unique_field;            // the custom field of uniqueBy customFields.<f>
    ComponentBody body;                       // create, upsert, update
    std::string_view id;                      // update, delete by id
    VersionMatch if_version;                  // update
    std::unique_ptr<ComponentCriteria> match; // delete by match
};

struct ReferenceOp {
    std::string label;
    const json::object* raw = nullptr;
    std::optional<std::string_view> batch_id;
    UniqueBy unique_by = UniqueBy::custom_field;
    std::string_view unique_field;
    ReferenceBody body;
    std::string_view id;
    VersionMatch if_version;
    std::unique_ptr<ReferenceCriteria> match;
};

template <class Op> struct Operations {
    std::vector<Op> create, upsert, update, remove;
    bool empty() const {
        return create.empty() && upsert.empty() && update.empty() && remove.empty();
    }
};

struct BatchRequest {
    bool respond_with_entities = false;
    json::value options;                              // as sent (null when absent)
    std::vector<ComponentCriteria> component_aliases; // label "aliases.components.<name>"
    std::vector<std::string> component_alias_names;
    std::vector<ReferenceCriteria> reference_aliases;
    std::vector<std::string> reference_alias_names;
    Operations<ComponentOp> components;
    Operations<ReferenceOp> references;
};

struct ParseSettings {
    bool allow_mixed_upsert = false;
    bool reference_upsert_by_endpoints = false;
    // When set, every error names this operation (a REST call run as a one-operation batch).
    std::string label_override;
};

// Checks the request's shape; throws ApiException (400) naming the operation and member.
// The result points into `request`, which must outlive it.
BatchRequest parse_batch(const json::value& request, const ParseSettings& settings);
BatchRequest parse_batch(json::value&& request, const ParseSettings& settings) = delete;
BatchRequest parse_batch(const json::object& request, const ParseSettings& settings) = delete;

} // namespace ardoq::emulator
