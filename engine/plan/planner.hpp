#pragma once
// The planner: joins a desired state with a workspace snapshot and decides, per entity,
// what the sync will do. A pure function of its inputs (DESIGN.md "Concepts").
//
// Its place in the pipeline of named steps:
//   load mapping → read sources → map (mapping::evaluate → DesiredState)
//   → load snapshot → resolve_types (here) → make_plan (here)
//   → report::write_report → batch::build_sequence, then per request render_request,
//     send, CreatedIds::record (apply).
// PlanOptions come from the mapping (rule types) and the read step (records per source).

#include "model/desired.hpp"
#include "model/diagnostic.hpp"
#include "model/snapshot.hpp"
#include "model/sync_policy.hpp"
#include "plan/plan.hpp"
#include "plan/resolve.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ardoq::plan {

enum class GuardMode : std::uint8_t {
    enforce,       // the delete guard refuses suspicious deletes
    allow_deletes, // --allow-deletes: findings are reported, deletes go ahead
};

// How many records a source produced; a source with zero records refuses every delete
// (an empty export must not empty the workspace).
struct SourceRecordCount {
    std::string source;
    std::uint64_t records = 0;
};

struct PlanOptions {
    GuardMode guard = GuardMode::enforce;
    std::vector<SourceRecordCount> sources;
    // The component and reference type names the mapping's rules produce: what the sync
    // owns when SyncPolicy::scope is empty. A rule whose source was empty produced no
    // entity, yet its type stays owned (and its deletes guarded). Types of desired entities
    // are owned too.
    std::vector<std::string> rule_component_types;
    std::vector<std::string> rule_reference_types;
};

// The planner's index of a snapshot's components (their identity keys and types). It
// depends on the snapshot and the identity rule only, so a pipeline builds it while the
// sources are still being read (a million components: a few hundred ms) and hands it to
// make_plan, which builds it itself when given none.
struct SnapshotIndex;
std::shared_ptr<SnapshotIndex> index_snapshot(std::shared_ptr<const model::Snapshot> snapshot,
                                              const model::Identity& identity);

// Plans a sync of `desired` into the workspace `snapshot` under `policy`. `types` must come
// from resolve_types() against snapshot->context. Entities whose names are not in `types`
// become errors. Does not need Snapshot::reindex(): it builds its own join indexes.
// `index`, when given, is index_snapshot() of the same snapshot and identity (else it is
// ignored and built afresh); the plan takes its contents over (a later plan given the
// same index builds its own).
Plan make_plan(std::shared_ptr<const model::DesiredState> desired,
               std::shared_ptr<const model::Snapshot> snapshot, const model::SyncPolicy& policy,
               const ResolvedTypes& types, const PlanOptions& options = {},
               std::shared_ptr<SnapshotIndex> index = nullptr);

// The plan's errors and conflicts (unresolved parents and endpoints, parent cycles,
// duplicates, ambiguous twins) and a refusing delete guard, as diagnostics pointing at the
// source records ("apps.csv:42: error: ..."), capped at `cap`.
model::Diagnostics plan_problems(const Plan& plan, std::size_t cap = 50);

} // namespace ardoq::plan
