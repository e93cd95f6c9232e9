#pragma once
// `ardoq-sync validate MAPPING [--context FILE | --snapshot FILE | target options]`: phase a
// of validation (the mapping on its own) and, when a workspace context is at hand, phase b
// (the mapping against the workspace's types and fields).
//
// Where the context for phase b comes from, first match wins:
//   1. --context FILE (GET /workspaces/{id}/context) or --snapshot FILE (a snapshot file)
//   2. --offline: the cached snapshot of the mapping's workspace for the target
//   3. a target named by --target, ARDOQ_API_HOST or the mapping's `target:`: fetched (the
//      cache is refreshed); when the target cannot be reached, or an HTTP target has no
//      token, the cached snapshot is used instead if there is one
//   4. the default target (cli/target_options.hpp) when its file exists
// Otherwise only phase a runs, and a note says so.

#include "model/metamodel.hpp"

#include <filesystem>
#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace ardoq::cli {

struct TargetCliOptions;

// Loads `mapping` (throws InputError with every phase-a problem) and checks it against
// `context` when one is given; `context_from` names where the context came from, for the
// summary line. Prints "<file>: ok (...)" on `out` when it is valid; warnings and phase-b
// problems go to `err`. Returns 0 when valid, 1 otherwise.
int validate_mapping(const std::filesystem::path& mapping, const model::WorkspaceContext* context,
                     std::ostream& out, std::ostream& err, const std::string& context_from = {});

// The same, finding the context as listed above from the target options. Throws
// InputError / RunError when a target that was asked for cannot give one.
int validate_mapping(const std::filesystem::path& mapping, const TargetCliOptions& target,
                     std::ostream& out, std::ostream& err);

// Reads a WorkspaceContext JSON file in the shape of GET /workspaces/{id}/context.
// Throws InputError naming the file.
model::WorkspaceContext read_context_file(const std::filesystem::path& file);

} // namespace ardoq::cli
