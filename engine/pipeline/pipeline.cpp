#include "pipeline/pipeline.hpp"

#include "connectors/sources/open_source.hpp"
#include "mappings/evaluate.hpp"
#include "mappings/load.hpp"
#include "mappings/validate.hpp"
#include "model/errors.hpp"
#include "pipeline/counting_source.hpp"
#include "plan/resolve.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <system_error>

namespace ardoq::pipeline {

std::shared_ptr<const mapping::Mapping> load_mapping(const std::filesystem::path& file) {
    auto m = std::make_shared<const mapping::Mapping>(mapping::load_mapping(file));
    for (const auto& w : m->warnings)
        spdlog::warn("{}", w.to_string());
    return m;
}

Workspace connect(std::string_view workspace, const RunSettings& settings) {
    Workspace ws;
    ws.target_text = settings.target.target;
    ws.workspace = std::string(workspace);
    ws.cache_key = connectors::cache_key_of(settings.target);
    ws.cache = std::make_shared<connectors::SnapshotCache>(settings.cache_dir);
    // Offline against an HTTP target needs no connection (and no token); a file: target is
    // read directly, offline or not.
    if (settings.offline && !ws.cache_key.empty())
        return ws;
    ws.target = connectors::open_target(settings.target);
    ws.target_text = ws.target->describe();
    ws.workspace = ws.target->resolve_workspace(workspace).id;
    return ws;
}

void load_snapshot(Workspace& ws, bool offline) {
    auto loaded = connectors::load_snapshot(ws.target.get(), *ws.cache, ws.cache_key, ws.workspace,
                                            offline && ws.target == nullptr);
    ws.origin = loaded.origin;
    ws.workspace = loaded.snapshot.workspace.id;
    ws.snapshot = std::make_shared<model::Snapshot>(std::move(loaded.snapshot));
}

void check_mapping(const mapping::Mapping& mapping, const model::WorkspaceContext& context) {
    model::Diagnostics problems = mapping::validate_against(mapping, context);
    if (problems.has_errors())
        throw model::InputError(problems);
    for (const auto& d : problems.items())
        spdlog::warn("{}", d.to_string());
}

SourceData read_sources(const mapping::Mapping& mapping, const model::SourceOpener& open,
                        Progress& progress, const std::atomic<bool>* stop) {
    RecordCounts counts;
    model::Diagnostics diags;
    auto desired = std::make_shared<model::DesiredState>(
        mapping::evaluate(mapping, counting_opener(open, counts, progress), diags, stop));
    if (diags.has_errors())
        throw model::InputError(diags);
    for (const auto& d : diags.items())
        spdlog::warn("{}", d.to_string());
    spdlog::info("read {} records from {} sources: {} components, {} references", counts.total(),
                 counts.counts().size(), desired->components.size(), desired->references.size());
    return SourceData{std::move(desired), counts.counts()};
}

plan::Plan make_plan(const mapping::Mapping& mapping, const SourceData& sources,
                     std::shared_ptr<const model::Snapshot> snapshot, plan::GuardMode guard,
                     std::shared_ptr<plan::SnapshotIndex> index) {
    plan::RuleLocations rules;
    for (const auto& r : mapping.components)
        rules.components.push_back(r.where);
    for (const auto& r : mapping.references)
        rules.references.push_back(r.where);
    const auto started = std::chrono::steady_clock::now();
    auto types = plan::resolve_types(*sources.desired, mapping.policy, snapshot->context, rules);
    spdlog::debug("plan: resolve_types took {} ms",
                  std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count());
    if (!types)
        throw model::InputError(types.error());

    plan::PlanOptions options;
    options.guard = guard;
    options.sources = sources.records;
    options.rule_component_types = mapping.component_types();
    options.rule_reference_types = mapping.reference_types();
    return plan::make_plan(sources.desired, std::move(snapshot), mapping.policy, *types, options,
                           std::move(index));
}

void keep_until_exit(PlannedRun&& run) {
    // Reachable from a static until the end, so leak checkers do not count it.
    static auto* const kept =
        new std::vector<PlannedRun>(); // NOLINT(cppcoreguidelines-owning-memory)
    static std::mutex mutex;
    const std::lock_guard lock(mutex);
    kept->push_back(std::move(run));
}

PlannedRun plan_run(const RunSettings& settings, Progress& progress,
                    const std::function<void(const Workspace&)>& on_connected) {
    PlannedRun run;
    run.mapping = load_mapping(settings.mapping_file);
    run.workspace = connect(run.mapping->workspace, settings);
    if (on_connected)
        on_connected(run.workspace);
    const model::SourceOpener open =
        settings.open_source ? settings.open_source : model::SourceOpener(connectors::open_source);
    // The sources are read while the snapshot loads: the two are independent, and reading
    // a large source leaves a core idle that loading the snapshot can use. A mapping that
    // does not fit the workspace still fails with its own errors: reading is stopped and
    // whatever it found is dropped.
    std::atomic<bool> stop{false};
    std::future<SourceData> reading;
    try {
        reading = std::async(std::launch::async,
                             [&] { return read_sources(*run.mapping, open, progress, &stop); });
    } catch (const std::system_error&) {
        // No thread to be had: the steps run one after the other below.
    }
    const auto started = std::chrono::steady_clock::now();
    auto elapsed_ms = [&] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - started)
            .count();
    };
    std::shared_ptr<plan::SnapshotIndex> index;
    try {
        load_snapshot(run.workspace, settings.offline);
        spdlog::debug("snapshot loaded after {} ms", elapsed_ms());
        check_mapping(*run.mapping, run.workspace.snapshot->context);
        // The planner's index of the snapshot needs nothing from the sources: it is built
        // here while they are still being read.
        if (reading.valid()) {
            index = plan::index_snapshot(run.workspace.snapshot, run.mapping->policy.identity);
            spdlog::debug("snapshot indexed after {} ms", elapsed_ms());
        }
    } catch (...) {
        if (reading.valid()) {
            stop = true;
            try {
                reading.get();
            } catch (...) { // NOLINT(bugprone-empty-catch): the first failure is the one to report
            }
        }
        throw;
    }
    run.sources = reading.valid() ? reading.get() : read_sources(*run.mapping, open, progress);
    spdlog::debug("sources read after {} ms", elapsed_ms());
    run.plan = make_plan(*run.mapping, run.sources, run.workspace.snapshot, settings.guard,
                         std::move(index));
    spdlog::debug("planned after {} ms", elapsed_ms());
    run.problems = plan::plan_problems(run.plan);
    return run;
}

} // namespace ardoq::pipeline
