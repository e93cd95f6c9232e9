#include "connectors/cache/snapshot_cache.hpp"

#include "model/errors.hpp"

#include <algorithm>

namespace ardoq::connectors {

namespace fs = std::filesystem;

std::string safe_host_key(std::string_view host_key) {
    std::string out;
    for (char c : host_key) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '-' || c == '_';
        out.push_back(ok ? c : '_');
    }
    if (out.empty() || out == "." || out == "..")
        out = "_" + out;
    return out;
}

SnapshotCache::SnapshotCache(fs::path root) : m_root(std::move(root)) {}

fs::path SnapshotCache::path_for(std::string_view host_key, std::string_view workspace_id) const {
    return m_root / safe_host_key(host_key) /
           (safe_host_key(workspace_id) + std::string(k_cache_extension));
}

fs::path SnapshotCache::store(std::string_view host_key, const model::Snapshot& s,
                              bool stale) const {
    auto path = path_for(host_key, s.workspace.id);
    write_snapshot_binary(path, s, stale);
    return path;
}

std::optional<fs::path> SnapshotCache::find(std::string_view host_key,
                                            std::string_view workspace) const {
    auto direct = path_for(host_key, workspace);
    if (fs::exists(direct))
        return direct;
    // Named by workspace name: read the headers of the host's cache files.
    std::error_code ec;
    const auto dir = m_root / safe_host_key(host_key);
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() != k_cache_extension)
            continue;
        try {
            if (read_snapshot_binary_info(entry.path()).workspace.name == workspace)
                return entry.path();
        } catch (const model::RunError&) {
            // A damaged file cannot be the one asked for by name; load() by id reports it.
        }
    }
    return std::nullopt;
}

std::optional<model::Snapshot> SnapshotCache::load(std::string_view host_key,
                                                   std::string_view workspace,
                                                   SnapshotFileInfo* info) const {
    auto path = find(host_key, workspace);
    if (!path)
        return std::nullopt;
    return read_snapshot_binary(*path, info);
}

std::vector<CacheEntry> SnapshotCache::list() const {
    std::vector<CacheEntry> out;
    std::error_code ec;
    for (const auto& host_dir : fs::directory_iterator(m_root, ec)) {
        if (!host_dir.is_directory())
            continue;
        std::error_code inner;
        for (const auto& file : fs::directory_iterator(host_dir.path(), inner)) {
            if (file.path().extension() != k_cache_extension)
                continue;
            CacheEntry e;
            e.path = file.path();
            e.host_key = host_dir.path().filename().string();
            e.bytes = file.file_size(inner);
            try {
                e.info = read_snapshot_binary_info(file.path());
            } catch (const model::RunError& err) {
                std::string what = err.what();
                e.problem = what.substr(0, what.find('\n'));
            }
            out.push_back(std::move(e));
        }
    }
    std::sort(out.begin(), out.end(), [](const CacheEntry& a, const CacheEntry& b) {
        return std::tie(a.host_key, a.info.workspace.name, a.path) <
               std::tie(b.host_key, b.info.workspace.name, b.path);
    });
    return out;
}

std::size_t SnapshotCache::clear(std::string_view host_key, std::string_view workspace) const {
    std::size_t removed = 0;
    for (const auto& e : list()) {
        if (!host_key.empty() && e.host_key != safe_host_key(host_key))
            continue;
        if (!workspace.empty() && e.info.workspace.id != workspace &&
            e.info.workspace.name != workspace && e.path.stem() != workspace)
            continue;
        std::error_code ec;
        if (fs::remove(e.path, ec))
            ++removed;
        else if (ec)
            throw model::RunError("cannot remove " + e.path.string() + ": " + ec.message());
    }
    return removed;
}

void SnapshotCache::mark_stale(std::string_view host_key, std::string_view workspace_id) const {
    auto path = path_for(host_key, workspace_id);
    if (fs::exists(path))
        set_snapshot_binary_stale(path, true);
}

} // namespace ardoq::connectors
