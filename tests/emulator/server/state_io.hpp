#pragma once
// The emulator's state file: seed fixtures (--seed), the persisted state (--data) and the
// admin dump (/_emulator/state) share one JSON format, documented in docs/emulator.md:
//   {"format": "ardoq-emulator-state/1", "org": {...}, "user": {...}, "models": [...],
//    "fields": [...], "folders": [...], "workspaces": [...], "tags": [...],
//    "components": [v2 Component...], "references": [v2 Reference...]}
// A seed may instead give a workspace its metamodel inline as "context" (the shape of
// GET /workspaces/{id}/context); ids, versions and metadata may be left out of a seed.

#include "store.hpp"

#include <stdexcept>
#include <string>

namespace ardoq::emulator {

// A state document that cannot be loaded; what() is "<source>: <json path>: <reason>".
class StateError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Loads `document` into `store` (which must be empty). `source` names it in errors; entities
// without _meta get one dated `default_time`, so that loading a seed twice gives one state.
void load_state(Store& store, const json::value& document, const std::string& source,
                const std::string& default_time);

// The whole state as JSON text, entities in creation order.
std::string dump_state(const Store& store);

// Reads a whole file; throws StateError when it cannot.
std::string read_text_file(const std::string& path);

// Writes `content` to `path` atomically: a temporary file beside it, fsync, rename.
// Throws StateError when it cannot.
void write_file_atomically(const std::string& path, const std::string& content);

} // namespace ardoq::emulator
