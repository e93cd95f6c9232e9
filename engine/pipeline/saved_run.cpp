#include "pipeline/saved_run.hpp"

#include "mappings/load.hpp"
#include "model/errors.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ardoq::pipeline {

namespace fs = std::filesystem;

std::string read_mapping_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw model::InputError(model::make_error(
            {file.string()}, std::string("cannot read the mapping file: ") + std::strerror(errno),
            "check the path of the mapping file"));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void save_plan(const PlannedRun& run, const fs::path& out, plan::GuardMode guard) {
    const auto doc =
        apply::saved_plan_json(run.plan, run.mapping->file, read_mapping_text(run.mapping->file),
                               run.workspace.target_text, guard, run.sources.records);
    apply::write_saved_plan(out, doc);
}

PlannedRun plan_from_saved(const apply::SavedPlan& saved, const fs::path& plan_file,
                           const RunSettings& settings,
                           const std::function<void(const Workspace&)>& on_connected) {
    const std::string where = plan_file.string();
    mapping::LoadOptions load;
    load.display_name = saved.mapping_file.filename().string() + " (saved in " + where + ")";
    load.base_dir = saved.mapping_file.parent_path();
    PlannedRun run;
    auto m = mapping::load_mapping_text(saved.mapping_text, load);
    m.file = saved.mapping_file;
    run.mapping = std::make_shared<const mapping::Mapping>(std::move(m));

    if (settings.offline)
        throw model::InputError(model::make_error(
            {"--offline"}, "apply sends the plan to the target; it cannot run offline",
            "drop --offline"));
    // Connect by the saved workspace id: a workspace renamed since is still the same one.
    run.workspace = connect(saved.workspace, settings);
    if (run.workspace.target_text != saved.target)
        throw model::InputError(model::make_error(
            {where},
            "the plan was made for " + saved.target + ", not for " + run.workspace.target_text,
            "pass --target " + saved.target + ", or plan again against " +
                run.workspace.target_text));
    if (on_connected)
        on_connected(run.workspace);
    load_snapshot(run.workspace, false);

    run.sources.desired = saved.desired.state;
    run.sources.records = saved.sources;
    run.plan = make_plan(*run.mapping, run.sources, run.workspace.snapshot, saved.guard);
    run.problems = plan::plan_problems(run.plan);

    const auto reasons = apply::stale_reasons(saved, run.plan);
    if (!reasons.empty()) {
        model::Diagnostics ds(reasons.size() + 1);
        ds.error({where}, "the plan is stale: the workspace changed since it was made");
        for (std::size_t i = 0; i < reasons.size(); ++i)
            ds.error({where}, reasons[i],
                     i + 1 == reasons.size()
                         ? "nothing was sent; plan again (`ardoq-sync plan MAPPING --out " + where +
                               "`), review, then apply the new plan"
                         : std::string());
        throw model::InputError(ds);
    }
    return run;
}

} // namespace ardoq::pipeline
