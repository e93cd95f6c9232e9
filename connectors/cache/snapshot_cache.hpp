#pragma once
// The on-disk snapshot cache: <root>/<host>/<workspace-id>.snap, one binary snapshot per
// workspace and target host (snapshot_binary.hpp), written atomically after each fetch.
// `--offline` plans against it; after an apply it is updated from the batch results, or
// marked stale when an outcome was unknown.

#include "connectors/cache/snapshot_binary.hpp"
#include "model/snapshot.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ardoq::connectors {

inline constexpr std::string_view k_cache_extension = ".snap";

struct CacheEntry {
    std::filesystem::path path;
    std::string host_key;     // directory name ("myorg.ardoq.com", "127.0.0.1_8080")
    std::uintmax_t bytes = 0; // file size
    SnapshotFileInfo info;    // from the header; info.format_version == 0 when unreadable
    std::string problem;      // why the header could not be read, "" when fine
};

class SnapshotCache {
public:
    explicit SnapshotCache(std::filesystem::path root);

    const std::filesystem::path& root() const noexcept { return m_root; }
    std::filesystem::path path_for(std::string_view host_key, std::string_view workspace_id) const;

    // Writes (or replaces) the snapshot of its workspace under host_key.
    std::filesystem::path store(std::string_view host_key, const model::Snapshot& s,
                                bool stale = false) const;
    // The cached snapshot of a workspace named by id or by exact name; nullopt when none.
    // Throws RunError when the file is damaged or of another format version.
    std::optional<model::Snapshot> load(std::string_view host_key, std::string_view workspace,
                                        SnapshotFileInfo* info = nullptr) const;
    // Every cache file, sorted by host then workspace name.
    std::vector<CacheEntry> list() const;
    // Removes cache files (all, or one host's, or one workspace's by id or name); returns
    // how many were removed.
    std::size_t clear(std::string_view host_key = {}, std::string_view workspace = {}) const;
    void mark_stale(std::string_view host_key, std::string_view workspace_id) const;

private:
    std::optional<std::filesystem::path> find(std::string_view host_key,
                                              std::string_view workspace) const;

    std::filesystem::path m_root;
};

// A host key made safe as a directory name (anything but [A-Za-z0-9._-] becomes '_').
std::string safe_host_key(std::string_view host_key);

} // namespace ardoq::connectors
