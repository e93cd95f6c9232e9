#include "cli/validate_command.hpp"

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "connectors/ardoq/json_model.hpp"
#include "connectors/cache/snapshot_json.hpp"
#include "mappings/load.hpp"
#include "mappings/validate.hpp"
#include "model/errors.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace ardoq::cli {

namespace {

std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
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
                     std::ostream& out, std::ostream& err) {
    const mapping::Mapping m = mapping::load_mapping(file);
    for (const auto& w : m.warnings)
        err << w.to_string() << '\n';
    const std::string summary = plural(m.sources.size(), "source") + ", " +
                                plural(m.components.size(), "component rule") + ", " +
                                plural(m.references.size(), "reference rule");
    if (!context) {
        out << file.string() << ": ok (" << summary << ")\n";
        err << "note: types and fields were not checked against a workspace; give --context "
               "or --snapshot to check them\n";
        return k_exit_ok;
    }
    const model::Diagnostics problems = mapping::validate_against(m, *context);
    err << problems.to_string();
    if (problems.has_errors())
        return k_exit_error;
    out << file.string() << ": ok (" << summary << "; types and fields checked)\n";
    return k_exit_ok;
}

void register_validate_command(CLI::App& app, ChosenAction& chosen) {
    struct Options {
        std::string mapping;
        std::string context;
        std::string snapshot;
    };
    auto options = std::make_shared<Options>();
    auto* sub = app.add_subcommand(
        "validate", "Check a mapping file; with --context or --snapshot, also against the "
                    "workspace's types and fields");
    sub->add_option("mapping", options->mapping, "the mapping file (mapping.yaml)")->required();
    auto* ctx = sub->add_option("--context", options->context,
                                "workspace context JSON (GET /api/v2/workspaces/{id}/context)");
    sub->add_option("--snapshot", options->snapshot,
                    "snapshot file (snapshot export, file: target) whose context to use")
        ->excludes(ctx);
    sub->callback([&chosen, options] {
        chosen.run = [options] {
            std::optional<model::WorkspaceContext> context;
            if (!options->context.empty())
                context = read_context_file(options->context);
            else if (!options->snapshot.empty())
                context = connectors::read_snapshot_json(options->snapshot).context;
            return validate_mapping(options->mapping, context ? &*context : nullptr, std::cout,
                                    std::cerr);
        };
    });
}

} // namespace ardoq::cli
