#pragma once
// Seeds from ardoq-sync's snapshot file (`ardoq-sync snapshot export`, "format":
// "ardoq-sync-snapshot"): one workspace with its v2 context, components and references,
// turned into a state document (state_io.hpp) so that a user can serve an exported workspace.

#include "json_util.hpp"

#include <string>

namespace ardoq::emulator {

// True when `document` is a snapshot file rather than a state document.
bool is_snapshot_document(const json::value& document);

// The state document holding the snapshot's workspace (with its context inline), its tags,
// components and references. Throws StateError ("<source>: <json path>: <reason>") when the
// snapshot lacks what a workspace needs or has a formatVersion this reader does not know.
json::value state_from_snapshot(const json::value& document, const std::string& source);

} // namespace ardoq::emulator
