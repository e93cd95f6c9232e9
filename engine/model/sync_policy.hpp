#pragma once
// How a sync behaves, as the mapping's `identity` and `sync:` sections say: how desired
// entities find their Ardoq twins, which entities the sync owns, and what it may delete.

#include "model/diagnostic.hpp"
#include "model/record.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ardoq::model {

enum class IdentityKind : std::uint8_t { field, name };

struct Identity {
    IdentityKind kind = IdentityKind::field;
    std::string field = "external_id"; // custom-field apiKey holding the key (kind == field)
};

enum class DeleteMode : std::uint8_t { none, report, mirror };
enum class OnUnresolved : std::uint8_t { error, skip };
enum class OnDuplicate : std::uint8_t { error, first, last };

// The sync owns the entities of `type` (a component or reference type name), narrowed by
// an optional filter evaluated on the Ardoq entity presented as a record with the fields
// `name`, `type`, `description`, `component_key` and every custom field by apiKey.
struct ScopeRule {
    std::string type;
    bool reference_type = false;
    std::string filter_text;                   // as written, for reports
    std::function<bool(const Record&)> filter; // empty: every entity of the type
    Location where;
};

struct SyncPolicy {
    Identity identity;
    DeleteMode deletes = DeleteMode::report;
    std::vector<ScopeRule> scope; // empty: the types the rules produce, unfiltered
    double max_delete_ratio = 0.10;
    std::optional<std::uint64_t> max_deletes;
    std::size_t batch_size = 500;
    OnUnresolved on_unresolved = OnUnresolved::error;
    OnDuplicate on_duplicate = OnDuplicate::error;
};

} // namespace ardoq::model
