#pragma once
// What the snapshot commands print, as plain functions of a snapshot (testable without a
// target): the metamodel tree (`model`, like ardoqpy's print_model), component search
// (`find`) and the cache listing (`cache show`).

#include "connectors/cache/snapshot_cache.hpp"
#include "model/snapshot.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <utility>
#include <vector>

namespace ardoq::cli {

// Component types as a tree with typeIds, reference types, custom fields per type and
// the field definitions.
std::string render_model(const model::Snapshot& s);
boost::json::object model_to_json(const model::Snapshot& s);

struct FindQuery {
    std::string name;   // "" matches every name
    bool exact = false; // whole name instead of a substring
    bool case_sensitive = false;
    std::string type; // component type name or typeId, "" for any
    std::vector<std::pair<std::string, std::string>> fields; // custom field apiKey = text
};

// Components matching every part of the query, in snapshot order. Throws InputError for
// an unknown type or field (the hint lists the valid ones).
std::vector<model::EntityIndex> find_components(const model::Snapshot& s, const FindQuery& q);
std::string render_components(const model::Snapshot& s,
                              const std::vector<model::EntityIndex>& found);

std::string render_cache(const std::string& root,
                         const std::vector<connectors::CacheEntry>& entries);

// "1.2 KiB", "35 MiB".
std::string format_bytes(std::uintmax_t bytes);

} // namespace ardoq::cli
