#pragma once
// The snapshot file format shared by `ardoq-sync snapshot export` and the file: target:
// one JSON object with the workspace, its context and every component and reference in
// Ardoq's own v2 shapes (docs/snapshot.md). Written one entity per line, so that two
// exports diff well.

#include "model/snapshot.hpp"

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace ardoq::connectors {

inline constexpr std::string_view k_snapshot_format = "ardoq-sync-snapshot";
inline constexpr int k_snapshot_json_version = 1;

// Writes `s` as JSON to `out`; `path` names the destination in error messages.
void write_snapshot_json(std::FILE* out, const model::Snapshot& s,
                         const std::filesystem::path& path);
std::string snapshot_to_json_text(const model::Snapshot& s);

// Reads a snapshot file and indexes it. Throws InputError pointing at the file (and
// line:column for JSON syntax errors, the JSON path for bad content).
model::Snapshot read_snapshot_json(const std::filesystem::path& path);
// The same from text in memory; `name` stands for the file in messages.
model::Snapshot parse_snapshot_json(std::string_view text, const std::string& name);

} // namespace ardoq::connectors
