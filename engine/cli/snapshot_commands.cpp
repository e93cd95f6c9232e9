// `ardoq-sync snapshot export`, `model`, `cache show|clear` and `find`: reading a
// workspace snapshot (from the target, the cache or a file: target) and printing it.

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/snapshot_views.hpp"
#include "cli/target_options.hpp"
#include "connectors/ardoq/json_model.hpp"
#include "connectors/cache/atomic_file.hpp"
#include "connectors/cache/snapshot_cache.hpp"
#include "connectors/cache/snapshot_json.hpp"
#include "connectors/cache/snapshot_loader.hpp"
#include "model/errors.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

namespace ardoq::cli {

namespace {

namespace json = boost::json;

struct WorkspaceCliOptions {
    std::string workspace;
    TargetCliOptions target;
    std::string format = "text";
};

struct ExportCliOptions : WorkspaceCliOptions {
    std::string out;
};

struct FindCliOptions : WorkspaceCliOptions {
    FindQuery query;
    std::vector<std::string> fields; // "name=value"
    bool refresh = false;
};

struct CacheCliOptions {
    std::string cache_dir = std::string(k_default_cache_dir);
    std::string host;
    std::string workspace;
};

void add_workspace_options(CLI::App& command, WorkspaceCliOptions& o) {
    command.add_option("-w,--workspace", o.workspace, "workspace name or id")->required();
    add_target_options(command, o.target);
}

// Cache first: offline (or when the cache has it and no refresh was asked for), else fetch.
enum class Source { target, cache_first };

connectors::LoadedSnapshot load(const WorkspaceCliOptions& o, Source source) {
    auto options = resolve_target_options(o.target);
    connectors::SnapshotCache cache(o.target.cache_dir);
    const auto key = connectors::cache_key_of(options);
    if (!key.empty() && (o.target.offline || source == Source::cache_first)) {
        connectors::SnapshotFileInfo info;
        if (auto cached = cache.load(key, o.workspace, &info)) {
            spdlog::info("using the cached snapshot of \"{}\" fetched at {}",
                         cached->workspace.name, cached->fetched_at);
            if (info.stale)
                spdlog::warn("the cached snapshot of \"{}\" is stale; run `ardoq-sync snapshot "
                             "export` to refresh it",
                             cached->workspace.name);
            return {std::move(*cached), connectors::SnapshotOrigin::cached, info.stale,
                    cache.path_for(key, info.workspace.id)};
        }
    }
    if (o.target.offline && !key.empty())
        return connectors::load_snapshot(nullptr, cache, key, o.workspace,
                                         true); // throws: nothing cached
    auto target = connectors::open_target(options);
    return connectors::load_snapshot(target.get(), cache, key, o.workspace, false);
}

int run_export(const ExportCliOptions& o) {
    auto loaded = load(o, Source::target);
    if (o.out.empty() || o.out == "-") {
        connectors::write_snapshot_json(stdout, loaded.snapshot, "<stdout>");
        std::fflush(stdout);
    } else {
        connectors::write_file_atomically(
            o.out,
            [&](std::FILE* f) { connectors::write_snapshot_json(f, loaded.snapshot, o.out); },
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                std::filesystem::perms::group_read | std::filesystem::perms::others_read);
        spdlog::info("wrote {} components and {} references to {}",
                     loaded.snapshot.components().size(), loaded.snapshot.references().size(),
                     o.out);
    }
    return k_exit_ok;
}

int run_model(const WorkspaceCliOptions& o) {
    auto loaded = load(o, Source::cache_first);
    if (o.format == "json")
        std::cout << json::serialize(model_to_json(loaded.snapshot)) << '\n';
    else
        std::cout << render_model(loaded.snapshot);
    return k_exit_ok;
}

int run_find(FindCliOptions& o) {
    for (const auto& f : o.fields) {
        auto eq = f.find('=');
        if (eq == std::string::npos || eq == 0)
            throw model::InputError(
                model::make_error({"--field"}, "expected NAME=VALUE, got \"" + f + "\"",
                                  "write the custom field's apiKey, '=', and the value, e.g. "
                                  "--field external_id=app-42"));
        o.query.fields.emplace_back(f.substr(0, eq), f.substr(eq + 1));
    }
    if (o.query.name.empty() && o.query.fields.empty() && o.query.type.empty())
        throw model::InputError(model::make_error(
            {"find"}, "nothing to search for", "give a name, --type TYPE or --field NAME=VALUE"));
    auto loaded = load(o, o.refresh ? Source::target : Source::cache_first);
    auto found = find_components(loaded.snapshot, o.query);
    if (o.format == "json") {
        json::array out;
        for (auto i : found)
            out.push_back(
                connectors::component_to_json(loaded.snapshot, loaded.snapshot.components()[i]));
        std::cout << json::serialize(out) << '\n';
    } else {
        std::cout << render_components(loaded.snapshot, found);
    }
    return found.empty() ? k_exit_error : k_exit_ok;
}

int run_cache_show(const CacheCliOptions& o) {
    connectors::SnapshotCache cache(o.cache_dir);
    std::cout << render_cache(o.cache_dir, cache.list());
    return k_exit_ok;
}

int run_cache_clear(const CacheCliOptions& o) {
    connectors::SnapshotCache cache(o.cache_dir);
    auto removed = cache.clear(o.host, o.workspace);
    std::cout << "removed " << removed << (removed == 1 ? " cached snapshot" : " cached snapshots")
              << " from " << o.cache_dir << '\n';
    return k_exit_ok;
}

template <typename Options, typename Run>
void on_chosen(CLI::App& command, ChosenAction& chosen, std::shared_ptr<Options> options, Run run) {
    command.callback(
        [&chosen, options, run] { chosen.run = [options, run] { return run(*options); }; });
}

} // namespace

void register_snapshot_commands(CLI::App& app, ChosenAction& chosen) {
    auto* snapshot = app.add_subcommand("snapshot", "Export a workspace snapshot");
    snapshot->require_subcommand(1);
    {
        auto o = std::make_shared<ExportCliOptions>();
        auto* cmd = snapshot->add_subcommand(
            "export", "Write a workspace snapshot as JSON (the file: target format)");
        add_workspace_options(*cmd, *o);
        cmd->add_option("-o,--out", o->out, "file to write (atomically) instead of stdout");
        on_chosen(*cmd, chosen, o, [](ExportCliOptions& opts) { return run_export(opts); });
    }
    {
        auto o = std::make_shared<WorkspaceCliOptions>();
        auto* cmd =
            app.add_subcommand("model", "Print a workspace's metamodel: component types as a tree, "
                                        "reference types, custom fields");
        add_workspace_options(*cmd, *o);
        cmd->add_option("--format", o->format, "text (default) or json")
            ->check(CLI::IsMember({"text", "json"}));
        on_chosen(*cmd, chosen, o, [](WorkspaceCliOptions& opts) { return run_model(opts); });
    }
    {
        auto* cache = app.add_subcommand("cache", "Show or clear the snapshot cache");
        cache->require_subcommand(1);
        auto show = std::make_shared<CacheCliOptions>();
        auto* show_cmd = cache->add_subcommand("show", "List cached snapshots");
        show_cmd->add_option("--cache-dir", show->cache_dir, "snapshot cache directory")
            ->capture_default_str();
        on_chosen(*show_cmd, chosen, show,
                  [](CacheCliOptions& opts) { return run_cache_show(opts); });
        auto clear = std::make_shared<CacheCliOptions>();
        auto* clear_cmd = cache->add_subcommand(
            "clear", "Remove cached snapshots (all, or one host's or workspace's)");
        clear_cmd->add_option("--cache-dir", clear->cache_dir, "snapshot cache directory")
            ->capture_default_str();
        clear_cmd->add_option("--host", clear->host,
                              "only this host's snapshots (as `cache show` names it)");
        clear_cmd->add_option("-w,--workspace", clear->workspace,
                              "only this workspace (name or id)");
        on_chosen(*clear_cmd, chosen, clear,
                  [](CacheCliOptions& opts) { return run_cache_clear(opts); });
    }
    {
        auto o = std::make_shared<FindCliOptions>();
        auto* cmd = app.add_subcommand(
            "find", "Find components in the cached snapshot (fetched when not cached)");
        cmd->add_option("name", o->query.name,
                        "text the component name contains (case-insensitive)");
        add_workspace_options(*cmd, *o);
        cmd->add_flag("--exact", o->query.exact, "match the whole name");
        cmd->add_flag("--case-sensitive", o->query.case_sensitive,
                      "compare names and values case-sensitively");
        cmd->add_option("--type", o->query.type, "component type name or typeId");
        cmd->add_option("--field", o->fields,
                        "custom field NAME=VALUE (repeatable; all must match)");
        cmd->add_flag("--refresh", o->refresh,
                      "fetch the snapshot first instead of using the cache");
        cmd->add_option("--format", o->format, "text (default) or json")
            ->check(CLI::IsMember({"text", "json"}));
        on_chosen(*cmd, chosen, o, [](FindCliOptions& opts) { return run_find(opts); });
    }
}

} // namespace ardoq::cli
