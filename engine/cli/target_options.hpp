#pragma once
// Command-line options shared by every command that talks to a target (plan, apply,
// snapshot, model, find, cache, the ardoqpy-style commands), and their resolution into
// connectors::TargetOptions from the options, the environment and the mapping.
//
// Where the target comes from, first match wins:
//   1. --target URL|file:PATH
//   2. ARDOQ_API_HOST (a URL, or a bare host name meaning https://HOST)
//   3. the mapping file's `target:` (passed by the caller)
//   4. k_default_target, a local snapshot file (no Ardoq account needed)
// The token comes from --token-file PATH, else ARDOQ_API_TOKEN; a token given as a plain
// argument is refused (it would show in `ps`). X-org: --org, else ARDOQ_ORG_LABEL.

#include "connectors/target.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace ardoq::cli {

// Used when neither --target, ARDOQ_API_HOST nor the mapping names a target.
inline constexpr std::string_view k_default_target = "file:.ardoq-sync/workspace.json";
// Root of the snapshot cache, relative to the working directory unless absolute.
inline constexpr std::string_view k_default_cache_dir = ".ardoq-sync/cache";

struct TargetCliOptions {
    std::string target;
    std::string token_file;
    std::string org;
    std::string ca_file;
    bool insecure = false;
    bool offline = false; // plan against the cached snapshot, never contact the target
    double connect_timeout_s = 10.0;
    double request_timeout_s = 60.0;
    std::string cache_dir = std::string(k_default_cache_dir);
    std::string plain_token; // only set when someone tried --token: refused on resolve
};

// Adds --target, --token-file, --org, --ca-file, --insecure, --offline, --cache-dir,
// --connect-timeout and --request-timeout (group "Target") to a subcommand.
void add_target_options(CLI::App& command, TargetCliOptions& options);

// Reads an environment variable; nullopt when unset or empty.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;
std::optional<std::string> process_env(std::string_view name);

// Combines options, environment and the mapping's target into connector options.
// Reads the token file. Throws InputError (option name + hint) for a token passed on the
// command line, an unreadable or empty token file, a bad timeout, a target that is not a
// URL or file:PATH, or an http(s) target without a token.
connectors::TargetOptions resolve_target_options(const TargetCliOptions& options,
                                                 std::string_view mapping_target = {},
                                                 const EnvLookup& env = process_env);

} // namespace ardoq::cli
