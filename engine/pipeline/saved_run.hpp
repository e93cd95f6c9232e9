#pragma once
// `apply plan.json`: a saved plan (apply/saved_plan.hpp) turned back into a planned run
// against the workspace as it is now, or refused when it no longer holds.

#include "apply/saved_plan.hpp"
#include "pipeline/pipeline.hpp"

#include <filesystem>
#include <functional>
#include <string>

namespace ardoq::pipeline {

// The mapping file's text, for saving with a plan. Throws InputError when unreadable.
std::string read_mapping_text(const std::filesystem::path& file);

// Saves `run`'s plan to `out` (plan --out).
void save_plan(const PlannedRun& run, const std::filesystem::path& out, plan::GuardMode guard);

// Compiles the saved mapping text, connects to the target (which must be the one the plan
// was made for, and still hold its workspace), calls `on_connected` (the lock), fetches
// the workspace and plans the saved desired state against it. Throws InputError naming
// `plan_file` when the target differs or the plan is stale (apply/saved_plan.hpp
// stale_reasons), with a hint to plan again. `saved` must outlive the returned run.
PlannedRun plan_from_saved(const apply::SavedPlan& saved, const std::filesystem::path& plan_file,
                           const RunSettings& settings,
                           const std::function<void(const Workspace&)>& on_connected = {});

} // namespace ardoq::pipeline
