#include "cli/validate_command.hpp"

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/target_options.hpp"
#include "connectors/ardoq/json_model.hpp"
#include "connectors/cache/snapshot_cache.hpp"
#include "connectors/cache/snapshot_json.hpp"
#include "connectors/cache/snapshot_loader.hpp"
#include "mappings/load.hpp"
#include "mappings/validate.hpp"
#include "model/errors.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

namespace ardoq::cli {

namespace {

namespace fs = std::filesystem;

std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string summary_of(const mapping::Mapping& m) {
    return plural(m.sources.size(), "source") + ", " +
           plural(m.components.size(), "component rule") + ", " +
           plural(m.references.size(), "reference rule");
}

// Phase b on a loaded mapping; prints the summary or the problems.
int check_loaded(const mapping::Mapping& m, const fs::path& file,
                 const model::WorkspaceContext* context, const std::string& context_from,
                 std::ostream& out, std::ostream& err) {
    for (const auto& w : m.warnings)
        err << w.to_string() << '\n';
    if (!context) {
        out << file.string() << ": ok (" << summary_of(m) << ")\n";
        err << "note: types and fields were not checked against a workspace; give --target, "
               "--context or --snapshot to check them\n";
        return k_exit_ok;
    }
    const model::Diagnostics problems = mapping::validate_against(m, *context);
    err << problems.to_string();
    if (problems.has_errors())
        return k_exit_error;
    out << file.string() << ": ok (" << summary_of(m) << "; types and fields checked"
        << (context_from.empty() ? "" : " against " + context_from) << ")\n";
    return k_exit_ok;
}

struct FoundContext {
    model::WorkspaceContext context;
    std::string from; // "file:ws.json", "the cached snapshot of https://x.ardoq.com (...)"
};

FoundContext from_cache(model::Snapshot snapshot, const std::string& target) {
    std::string from = "the cached snapshot of " + target;
    if (!snapshot.fetched_at.empty())
        from += " fetched at " + snapshot.fetched_at;
    return {std::move(snapshot.context), std::move(from)};
}

// Steps 2 to 4 of the header's list; nullopt when no target is named and the default
// target's file does not exist.
std::optional<FoundContext>
context_from_target(const mapping::Mapping& m, const TargetCliOptions& options, std::ostream& err) {
    // Resolved as if offline so that a missing token does not stop us before the cache
    // has been looked at; the token is checked below when the target is contacted.
    TargetCliOptions lenient = options;
    lenient.offline = true;
    connectors::TargetOptions resolved = resolve_target_options(lenient, m.target);
    // A check, not a sync run: when the target is down, fall back to the cache soon.
    resolved.retry.max_attempts = 2;
    const bool named =
        !options.target.empty() || process_env("ARDOQ_API_HOST") || !m.target.empty();
    const bool is_file = resolved.target.starts_with("file:");
    if (!named && is_file && !fs::exists(resolved.target.substr(5)))
        return std::nullopt;

    const std::string key = connectors::cache_key_of(resolved);
    const connectors::SnapshotCache cache(options.cache_dir);
    if (options.offline && !key.empty()) {
        auto loaded = connectors::load_snapshot(nullptr, cache, key, m.workspace, true);
        return from_cache(std::move(loaded.snapshot), resolved.target);
    }
    if (!is_file && resolved.token.empty()) {
        if (auto cached = cache.load(key, m.workspace)) {
            err << "note: no API token for " << resolved.target
                << ": checked against the cached snapshot instead\n";
            return from_cache(std::move(*cached), resolved.target);
        }
        resolve_target_options(options, m.target); // throws: no API token, with the hint
    }
    try {
        auto target = connectors::open_target(resolved);
        auto loaded = connectors::load_snapshot(target.get(), cache, key, m.workspace, false);
        return FoundContext{std::move(loaded.snapshot.context), target->describe()};
    } catch (const model::RunError& e) {
        if (key.empty())
            throw;
        auto cached = cache.load(key, m.workspace);
        if (!cached)
            throw;
        err << "warning: " << e.what() << "\n  note: checked against the cached snapshot instead\n";
        return from_cache(std::move(*cached), resolved.target);
    }
}

} // namespace

model::WorkspaceContext read_context_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw model::InputError(model::make_error({file.string(), 0, 0},
                                                  "cannot open the workspace context file",
                                                  "check the path given to --context"));
    std::ostringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(text.str(), ec);
    if (ec)
        throw model::InputError(
            model::make_error({file.string(), 0, 0}, "invalid JSON: " + ec.message(),
                              "save the answer of GET /api/v2/workspaces/{id}/context as it is"));
    auto context = connectors::context_from_json(v);
    if (!context)
        throw model::InputError(
            model::make_error({file.string(), 0, 0}, "not a workspace context: " + context.error(),
                              "save the answer of GET /api/v2/workspaces/{id}/context as it is"));
    return std::move(*context);
}

int validate_mapping(const std::filesystem::path& file, const model::WorkspaceContext* context,
                     std::ostream& out, std::ostream& err, const std::string& context_from) {
    const mapping::Mapping m = mapping::load_mapping(file);
    return check_loaded(m, file, context, context_from, out, err);
}

int validate_mapping(const std::filesystem::path& file, const TargetCliOptions& target,
                     std::ostream& out, std::ostream& err) {
    // Phase a first: a mapping that does not load is not worth a connection.
    const mapping::Mapping m = mapping::load_mapping(file);
    const auto found = context_from_target(m, target, err);
    return check_loaded(m, file, found ? &found->context : nullptr, found ? found->from : "", out,
                        err);
}

void register_validate_command(CLI::App& app, ChosenAction& chosen) {
    struct Options {
        std::string mapping;
        std::string context;
        std::string snapshot;
        TargetCliOptions target;
    };
    auto options = std::make_shared<Options>();
    auto* sub = app.add_subcommand(
        "validate", "Check a mapping file; with a target, --context or --snapshot, also against "
                    "the workspace's types and fields");
    sub->add_option("mapping", options->mapping, "the mapping file (mapping.yaml)")->required();
    auto* ctx = sub->add_option("--context", options->context,
                                "workspace context JSON (GET /api/v2/workspaces/{id}/context)");
    sub->add_option("--snapshot", options->snapshot,
                    "snapshot file (snapshot export, file: target) whose context to use")
        ->excludes(ctx);
    add_target_options(*sub, options->target);
    sub->callback([&chosen, options] {
        chosen.run = [options] {
            if (!options->context.empty()) {
                const auto context = read_context_file(options->context);
                return validate_mapping(options->mapping, &context, std::cout, std::cerr,
                                        options->context);
            }
            if (!options->snapshot.empty()) {
                const auto context = connectors::read_snapshot_json(options->snapshot).context;
                return validate_mapping(options->mapping, &context, std::cout, std::cerr,
                                        options->snapshot);
            }
            return validate_mapping(options->mapping, options->target, std::cout, std::cerr);
        };
    });
}

} // namespace ardoq::cli
