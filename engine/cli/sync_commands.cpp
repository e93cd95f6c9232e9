// `ardoq-sync plan` and `ardoq-sync apply`: options, the pipeline's steps in order, the
// report on stdout, problems on stderr, and the exit code (cli/exit_codes.hpp).

#include "apply/saved_plan.hpp"
#include "apply/workspace_lock.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/target_options.hpp"
#include "model/errors.hpp"
#include "pipeline/apply_run.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline/saved_run.hpp"
#include "report/report.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

namespace ardoq::cli {

namespace {

namespace fs = std::filesystem;

// Options plan and apply share.
struct SyncCliOptions {
    std::string input; // plan: the mapping; apply: the mapping or a saved plan
    TargetCliOptions target;
    std::string format = "text";
    std::size_t details = 20;
    bool allow_deletes = false;
};

struct PlanCliOptions : SyncCliOptions {
    std::string out;
    bool detailed_exitcode = false;
};

struct ApplyCliOptions : SyncCliOptions {
    std::string state_dir = ".ardoq-sync";
};

void add_sync_options(CLI::App& command, SyncCliOptions& o, const char* input_help) {
    command.add_option("input", o.input, input_help)->required();
    command.add_option("--format", o.format, "report format: text (default), json, markdown, html")
        ->check(CLI::IsMember({"text", "json", "markdown", "md", "html"}));
    command
        .add_option("--details", o.details,
                    "entities listed in the details of text, Markdown and HTML reports")
        ->capture_default_str();
    command.add_flag("--allow-deletes", o.allow_deletes,
                     "let deletes the delete guard would refuse go ahead");
    add_target_options(command, o.target);
}

// The progress bar is off for JSON logs and --quiet (options of the whole program).
pipeline::ProgressMode progress_mode(CLI::App& root) {
    const auto* format = root.get_option("--log-format");
    const bool json_logs =
        format != nullptr && format->count() > 0 && format->as<std::string>() == "json";
    const bool quiet = root.count("--quiet") > 0;
    return json_logs || quiet ? pipeline::ProgressMode::off : pipeline::ProgressMode::automatic;
}

pipeline::RunSettings run_settings(const SyncCliOptions& o) {
    pipeline::RunSettings s;
    s.mapping_file = o.input;
    s.target = resolve_target_options(o.target);
    s.offline = o.target.offline;
    s.cache_dir = o.target.cache_dir;
    s.guard = o.allow_deletes ? plan::GuardMode::allow_deletes : plan::GuardMode::enforce;
    return s;
}

report::Format report_format(const std::string& name) {
    return report::parse_format(name).value_or(report::Format::text);
}

// Errors, then a refusing delete guard, then conflicts: the most serious outcome wins.
int outcome_code(const plan::Plan& plan) {
    if (plan.has_errors())
        return k_exit_error;
    if (plan.guard.refused)
        return k_exit_delete_refused;
    if (plan.has_conflicts())
        return k_exit_conflicts;
    return k_exit_ok;
}

void print_problems(const model::Diagnostics& problems) {
    if (!problems.items().empty())
        std::cerr << problems.to_string();
}

int run_plan(const PlanCliOptions& o, pipeline::Progress& progress) {
    const auto settings = run_settings(o);
    pipeline::PlannedRun run = pipeline::plan_run(settings, progress);
    report::write_report(std::cout, run.plan, report_format(o.format), {o.details});
    std::cout.flush();
    if (!o.out.empty()) {
        pipeline::save_plan(run, o.out, settings.guard);
        spdlog::info("plan saved to {}; carry it out with `ardoq-sync apply {}`", o.out, o.out);
    }
    print_problems(run.problems);
    int code = outcome_code(run.plan);
    if (code == k_exit_ok && o.detailed_exitcode && run.plan.has_changes())
        code = k_exit_changes;
    pipeline::keep_until_exit(std::move(run));
    return code;
}

std::string summary_line(const apply::ApplyResult& r) {
    return "Applied " + std::to_string(r.operations) + " operations in " +
           std::to_string(r.requests) + (r.requests == 1 ? " request" : " requests") + ": " +
           std::to_string(r.created) + " created, " + std::to_string(r.updated) + " updated, " +
           std::to_string(r.deleted) + " deleted" +
           (r.replans > 0 ? " (" + std::to_string(r.replans) + " re-plans)" : std::string()) + ".";
}

int run_apply(const ApplyCliOptions& o, pipeline::Progress& progress) {
    if (o.target.offline)
        throw model::InputError(model::make_error(
            {"--offline"}, "apply sends changes to the target; it cannot run offline",
            "drop --offline (plan --offline shows what would change)"));
    auto settings = run_settings(o);
    const fs::path state_dir = o.state_dir;
    const std::string command = "apply " + o.input;
    std::unique_ptr<apply::WorkspaceLock> lock;
    auto take_lock = [&](const pipeline::Workspace& ws) {
        lock = std::make_unique<apply::WorkspaceLock>(
            apply::lock_path(state_dir / "locks", ws.target_text, ws.workspace),
            "workspace " + ws.workspace + " on " + ws.target_text, command);
    };

    std::optional<apply::SavedPlan> saved;
    pipeline::PlannedRun run;
    if (apply::is_saved_plan(o.input)) {
        if (o.allow_deletes)
            throw model::InputError(model::make_error(
                {"--allow-deletes"}, "a saved plan carries out the deletes it was planned with",
                "give --allow-deletes to `ardoq-sync plan ... --out " + o.input + "`"));
        saved = apply::read_saved_plan(o.input);
        settings.guard = saved->guard;
        run = pipeline::plan_from_saved(*saved, o.input, settings, take_lock);
    } else {
        run = pipeline::plan_run(settings, progress, take_lock);
    }

    report::write_report(std::cout, run.plan, report_format(o.format), {o.details});
    std::cout.flush();
    print_problems(run.problems);
    if (run.plan.has_errors()) {
        std::cerr << "error: nothing was sent: the plan has errors (listed above)\n";
        return k_exit_error;
    }

    pipeline::ApplySettings apply_settings;
    apply_settings.journal_dir = state_dir / "runs";
    apply_settings.command = command;
    apply_settings.redactor = connectors::Redactor(settings.target.token);
    apply_settings.guard = settings.guard;
    const int code = outcome_code(run.plan);
    auto done = pipeline::apply_step(*run.mapping, run.workspace, run.sources, std::move(run.plan),
                                     apply_settings, progress);
    if (!done.journal.empty())
        spdlog::info("journal: {}", done.journal.string());
    if (done.result.requests > 0 && o.format == "text")
        std::cout << '\n' << summary_line(done.result) << '\n';
    if (done.result.status != apply::ApplyStatus::complete) {
        std::cerr << "error: " << done.result.error << '\n';
        return k_exit_error;
    }
    return code;
}

} // namespace

void register_sync_commands(CLI::App& app, ChosenAction& chosen) {
    CLI::App* root = &app;

    auto plan_options = std::make_shared<PlanCliOptions>();
    auto* plan = app.add_subcommand("plan", "Plan a sync and print the diff report (a dry run)");
    add_sync_options(*plan, *plan_options, "the mapping file (mapping.yaml)");
    plan->add_option("--out", plan_options->out,
                     "also save the plan to FILE, for `ardoq-sync apply FILE` later");
    plan->add_flag("--detailed-exitcode", plan_options->detailed_exitcode,
                   "exit 2 when changes are planned (0: none; 3, 4 and 1 as always)");
    plan->callback([&chosen, plan_options, root] {
        chosen.run = [plan_options, root] {
            auto progress = pipeline::make_progress(progress_mode(*root));
            return run_plan(*plan_options, *progress);
        };
    });

    auto apply_options = std::make_shared<ApplyCliOptions>();
    auto* apply = app.add_subcommand(
        "apply", "Apply a sync to the target: plan it and send the changes, or send a saved plan");
    add_sync_options(*apply, *apply_options,
                     "the mapping file, or a plan saved with `ardoq-sync plan --out FILE`");
    apply
        ->add_option("--state-dir", apply_options->state_dir,
                     "where run journals (runs/) and workspace locks (locks/) are kept")
        ->capture_default_str();
    apply->callback([&chosen, apply_options, root] {
        chosen.run = [apply_options, root] {
            auto progress = pipeline::make_progress(progress_mode(*root));
            return run_apply(*apply_options, *progress);
        };
    });
}

} // namespace ardoq::cli
