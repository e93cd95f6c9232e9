#pragma once
// A sync run as a list of named steps, each a plain function of its inputs:
//
//   load_mapping → connect → load_snapshot → check_mapping → read_sources (+ map)
//   → make_plan → (report: report/report.hpp) → (apply: apply/apply.hpp)
//
// plan_run() reads the sources while the snapshot loads (on another thread: the two are
// independent, and a large source leaves a core idle). A mapping that does not fit the
// workspace (phase b of validation: unknown types, fields) still stops the run with its own
// errors: reading is stopped and dropped. Reading and mapping are one step because the
// mapping evaluator streams records from the connectors instead of holding whole sources.
// plan_run() chains the steps up to the plan; the commands (cli/sync_commands.cpp) add
// report and apply.

#include "connectors/cache/snapshot_cache.hpp"
#include "connectors/cache/snapshot_loader.hpp"
#include "connectors/target.hpp"
#include "mappings/mapping.hpp"
#include "model/desired.hpp"
#include "model/diagnostic.hpp"
#include "model/record_source.hpp"
#include "model/snapshot.hpp"
#include "pipeline/progress.hpp"
#include "plan/plan.hpp"
#include "plan/planner.hpp"

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ardoq::pipeline {

// What a run needs that the mapping file does not say.
struct RunSettings {
    std::filesystem::path mapping_file;
    connectors::TargetOptions target; // resolved (cli/target_options.hpp)
    bool offline = false;             // plan against the cache as it is
    std::filesystem::path cache_dir = ".ardoq-sync/cache";
    plan::GuardMode guard = plan::GuardMode::enforce; // --allow-deletes: allow_deletes
    model::SourceOpener open_source;                  // empty: connectors::open_source
};

// The target workspace: the connection (null when offline against an HTTP target's cache),
// the cache, and the snapshot the plan is made against. `snapshot` is mutable so that an
// apply can bring it (and the cache) up to date from the batch results afterwards.
struct Workspace {
    std::unique_ptr<connectors::Target> target;
    std::string target_text; // the target for messages (no secret)
    std::string workspace;   // as the mapping names it, then its id once connected
    std::shared_ptr<connectors::SnapshotCache> cache;
    std::string cache_key; // "" for file: targets (they are their own cache)
    std::shared_ptr<model::Snapshot> snapshot;
    connectors::SnapshotOrigin origin = connectors::SnapshotOrigin::fetched;
};

// What the sources gave once mapped: the desired state and the records read per source.
struct SourceData {
    std::shared_ptr<const model::DesiredState> desired;
    std::vector<plan::SourceRecordCount> records;
};

// --- steps ---------------------------------------------------------------------------------

// Step 1: reads and compiles the mapping (InputError with every problem of the file).
std::shared_ptr<const mapping::Mapping> load_mapping(const std::filesystem::path& file);

// Step 2: opens the target and finds `workspace` (name or id, as the mapping says) there:
// its id goes into Workspace::workspace. Offline against an HTTP target, nothing is
// opened: the cache is used as it is.
Workspace connect(std::string_view workspace, const RunSettings& settings);

// Step 3: loads the workspace's snapshot: fetched (and cached) or, offline, from the
// cache. Called again after an apply whose outcome is unknown, to plan the remainder.
void load_snapshot(Workspace& ws, bool offline);

// Step 4: the mapping against the workspace's metamodel (phase b of validation). Throws
// InputError with every problem; warnings are logged.
void check_mapping(const mapping::Mapping& mapping, const model::WorkspaceContext& context);

// Step 5: reads every source and maps its records into the desired state. Throws InputError
// with every record-level problem (capped) when any record could not be mapped. Once
// `*stop` is true, reading ends early with an incomplete result (to be dropped).
SourceData read_sources(const mapping::Mapping& mapping, const model::SourceOpener& open,
                        Progress& progress, const std::atomic<bool>* stop = nullptr);

// Step 6: plans `sources` against `snapshot` under the mapping's sync policy. Throws
// InputError when the desired state names types or fields the workspace does not have.
// `index`, when given, is plan::index_snapshot() of `snapshot` (built ahead).
plan::Plan make_plan(const mapping::Mapping& mapping, const SourceData& sources,
                     std::shared_ptr<const model::Snapshot> snapshot, plan::GuardMode guard,
                     std::shared_ptr<plan::SnapshotIndex> index = nullptr);

// --- the steps chained ---------------------------------------------------------------------

struct PlannedRun {
    std::shared_ptr<const mapping::Mapping> mapping; // origins in the plan point into it
    Workspace workspace;
    SourceData sources;
    plan::Plan plan;
    // The plan's errors and conflicts, and a refusing delete guard, as diagnostics naming
    // the source records (plan::plan_problems).
    model::Diagnostics problems;
};

// Keeps a finished run alive until the process exits, so that it is never torn down: a run
// of a million records is millions of blocks, and freeing them one by one takes a large
// plan a few hundred ms that the exit (which returns the whole heap at once) does not need.
// For the end of a command, once the run's results are written.
void keep_until_exit(PlannedRun&& run);

// load_mapping → connect → load_snapshot → check_mapping → read_sources → make_plan.
// `on_connected` runs between connect and load_snapshot (apply takes the workspace lock
// there, so that the snapshot it plans against is read under the lock).
PlannedRun plan_run(const RunSettings& settings, Progress& progress,
                    const std::function<void(const Workspace&)>& on_connected = {});

} // namespace ardoq::pipeline
