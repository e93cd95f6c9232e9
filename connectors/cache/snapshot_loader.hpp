#pragma once
// How a command gets the snapshot it plans against: fetched from the target and written
// to the cache (the default, every run), or read from the cache as it is (--offline).

#include "connectors/cache/snapshot_cache.hpp"
#include "connectors/target.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace ardoq::connectors {

enum class SnapshotOrigin : std::uint8_t { fetched, cached };

struct LoadedSnapshot {
    model::Snapshot snapshot;
    SnapshotOrigin origin = SnapshotOrigin::fetched;
    bool stale = false;               // the cache was marked stale (cached snapshots only)
    std::filesystem::path cache_file; // "" when nothing was cached (file: targets)
};

// The cache directory name of a target, from its text alone so that --offline needs no
// connection and no token: "myorg.ardoq.com", "127.0.0.1_8080"; "" for file: targets.
std::string cache_key_of(const TargetOptions& options);

// Online: resolves `workspace` (name or id) through `target`, fetches it and refreshes the
// cache (failing to write the cache is a warning, not an error). Offline: loads the cache
// for `cache_key`; InputError when it has no snapshot of that workspace. A file: target
// (empty cache_key) is always read directly.
LoadedSnapshot load_snapshot(Target* target, const SnapshotCache& cache, std::string_view cache_key,
                             std::string_view workspace, bool offline);

} // namespace ardoq::connectors
