#pragma once
// The apply step of a run: a plan carried out against its workspace with everything around
// the sending itself (apply/apply.hpp): the journal, the re-plan after an unknown outcome
// (fetch anew, plan the same desired state again), and the cache brought up to date from
// the batch results afterwards (or marked stale when an outcome stayed unknown).
// The caller holds the workspace lock (apply/workspace_lock.hpp) around it.

#include "apply/apply.hpp"
#include "connectors/ardoq/redaction.hpp"
#include "mappings/mapping.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline/progress.hpp"

#include <filesystem>
#include <string>

namespace ardoq::pipeline {

struct ApplySettings {
    std::filesystem::path journal_dir = ".ardoq-sync/runs";
    std::string command; // what the journal says was run ("apply mapping.yaml")
    connectors::Redactor redactor;
    plan::GuardMode guard = plan::GuardMode::enforce; // for re-plans
};

struct ApplyRun {
    apply::ApplyResult result;
    std::filesystem::path journal; // "" when nothing was sent (no journal is written)
    bool cache_updated = false;    // the cache holds the workspace as the apply left it
};

// Sends `plan` (made from `sources` and `mapping` against ws.snapshot) to ws.target.
ApplyRun apply_step(const mapping::Mapping& mapping, Workspace& ws, const SourceData& sources,
                    plan::Plan plan, const ApplySettings& settings, Progress& progress);

} // namespace ardoq::pipeline
