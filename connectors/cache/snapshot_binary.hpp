#pragma once
// The cache's compact binary snapshot format (docs/snapshot.md): a fixed header, a JSON
// block with the small parts (host, workspace, context, field keys, counts), one string
// table that loads straight into the snapshot's arena (mapped from the file where it can
// be), then varint-packed records. Entities' custom fields are read in place from the
// string table (CustomFields::borrow), checked first.

#include "model/snapshot.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

namespace ardoq::connectors {

inline constexpr std::uint32_t k_binary_snapshot_version = 2;

// What a cache file's header says, read without loading the entities.
struct SnapshotFileInfo {
    std::uint32_t format_version = 0;
    bool stale = false; // an apply had an unknown outcome since the snapshot was taken
    std::string host;
    model::WorkspaceInfo workspace;
    std::string fetched_at;
    std::uint64_t components = 0;
    std::uint64_t references = 0;
};

// Writes atomically. Throws RunError on I/O failure.
void write_snapshot_binary(const std::filesystem::path& path, const model::Snapshot& s,
                           bool stale = false);
// Throws RunError ("cache file … is damaged: …" / "… was written by another format
// version") when the file cannot be used; the caller fetches afresh then.
model::Snapshot read_snapshot_binary(const std::filesystem::path& path,
                                     SnapshotFileInfo* info = nullptr);
SnapshotFileInfo read_snapshot_binary_info(const std::filesystem::path& path);
// Sets or clears the stale flag in place (one byte; the rest of the file is untouched).
void set_snapshot_binary_stale(const std::filesystem::path& path, bool stale);

} // namespace ardoq::connectors
