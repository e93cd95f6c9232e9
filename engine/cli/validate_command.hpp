#pragma once
// `ardoq-sync validate MAPPING [--context FILE | --snapshot FILE]`: phase a of validation
// (the mapping on its own) and, when a workspace context is at hand, phase b (the mapping
// against the workspace's types and fields).

#include "model/metamodel.hpp"

#include <filesystem>
#include <iosfwd>

namespace CLI {
class App;
}

namespace ardoq::cli {

// Loads `mapping` (throws InputError with every phase-a problem) and checks it against
// `context` when one is given. Prints "<file>: ok (...)" on `out` when it is valid;
// warnings, and phase-b problems, go to `err`. Returns 0 when valid, 1 otherwise.
int validate_mapping(const std::filesystem::path& mapping, const model::WorkspaceContext* context,
                     std::ostream& out, std::ostream& err);

// Reads a WorkspaceContext JSON file in the shape of GET /workspaces/{id}/context.
// Throws InputError naming the file.
model::WorkspaceContext read_context_file(const std::filesystem::path& file);

} // namespace ardoq::cli
