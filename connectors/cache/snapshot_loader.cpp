#include "connectors/cache/snapshot_loader.hpp"

#include "connectors/ardoq/url.hpp"
#include "model/errors.hpp"

#include <spdlog/spdlog.h>

namespace ardoq::connectors {

std::string cache_key_of(const TargetOptions& options) {
    if (options.target.starts_with("file:"))
        return {};
    auto url = parse_base_url(options.target);
    return url ? url->cache_key() : std::string();
}

LoadedSnapshot load_snapshot(Target* target, const SnapshotCache& cache, std::string_view cache_key,
                             std::string_view workspace, bool offline) {
    LoadedSnapshot out;
    if (offline && !cache_key.empty()) {
        SnapshotFileInfo info;
        auto cached = cache.load(cache_key, workspace, &info);
        if (!cached)
            throw model::InputError(model::make_error(
                {"--offline"},
                "no cached snapshot of workspace \"" + std::string(workspace) + "\" for " +
                    std::string(cache_key) + " in " + cache.root().string(),
                "run once without --offline to fetch it (`ardoq-sync cache show` lists what is "
                "cached)"));
        out.snapshot = std::move(*cached);
        out.origin = SnapshotOrigin::cached;
        out.stale = info.stale;
        out.cache_file = cache.path_for(cache_key, out.snapshot.workspace.id);
        if (out.stale)
            spdlog::warn("the cached snapshot of \"{}\" is stale: an apply had an unknown outcome "
                         "after it was "
                         "fetched; run without --offline to refresh it",
                         out.snapshot.workspace.name);
        spdlog::info(
            "using the cached snapshot of \"{}\" fetched at {} ({} components, {} references)",
            out.snapshot.workspace.name, out.snapshot.fetched_at, out.snapshot.components().size(),
            out.snapshot.references().size());
        return out;
    }
    if (target == nullptr)
        throw model::RunError("load snapshot: no target to fetch workspace \"" +
                              std::string(workspace) + "\" from");
    auto info = target->resolve_workspace(workspace);
    out.snapshot = target->fetch_snapshot(info.id);
    out.origin = SnapshotOrigin::fetched;
    if (!cache_key.empty()) {
        try {
            out.cache_file = cache.store(cache_key, out.snapshot);
        } catch (const model::RunError& e) {
            spdlog::warn("could not update the snapshot cache: {}", e.what());
        }
    }
    return out;
}

} // namespace ardoq::connectors
