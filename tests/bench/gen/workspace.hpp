#pragma once
// bench-gen's workspace side: what Ardoq holds for the dataset (the same components and
// references, a share changed and a share missing), as
//   workspace.json                          the snapshot file (`--target file:workspace.json`)
//   .ardoq-sync/cache/<host>/<id>.snap      the snapshot cache (`--target https://<host>
//   --offline`) emulator.json, emulator-empty.json      ardoq-emulator states: that workspace, or
//   only its
//                                           metamodel (for runs that create everything)
// and the mapping files that map the generated sources onto it.

#include "gen/dataset.hpp"
#include "model/snapshot.hpp"

#include <filesystem>
#include <string>

namespace ardoq::bench {

inline constexpr const char* k_workspace_id = "aaaaaaaaaaaaaaaaaaaaaa01";
inline constexpr const char* k_workspace_name = "Bench Portfolio";
inline constexpr const char* k_cache_host = "bench.example.com";

// The workspace's metamodel: the three component types, "Depends on", the fields.
model::WorkspaceContext bench_context();
// What Ardoq holds for `data` (indexed).
model::Snapshot build_snapshot(const Dataset& data);

void write_snapshot_file(const model::Snapshot& s, const std::filesystem::path& dir);
void write_snapshot_cache(const model::Snapshot& s, const std::filesystem::path& dir);
// emulator.json with the snapshot's entities; emulator-empty.json with none.
void write_emulator_state(const model::Snapshot& s, const std::filesystem::path& dir);
void write_emulator_empty(const std::filesystem::path& dir);

// mapping.yaml (CSV), mapping-jsonl.yaml, mapping-sqlite.yaml, mapping-sql.yaml (INSERT
// dump) and mapping-copy.yaml (COPY dump); `origin` is the command line, for the header.
void write_mappings(const std::filesystem::path& dir, const std::string& origin);

} // namespace ardoq::bench
