#include "cli/target_options.hpp"

#include "ardoq_sync_version.hpp"
#include "connectors/ardoq/url.hpp"
#include "model/errors.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ardoq::cli {

namespace {

model::InputError option_error(std::string option, std::string message, std::string hint) {
    return model::InputError(
        model::make_error({std::move(option)}, std::move(message), std::move(hint)));
}

std::chrono::milliseconds to_timeout(double seconds, const char* option) {
    if (!(seconds > 0.0) || seconds > 86400.0)
        throw option_error(option, "timeout must be between 0 and 86400 seconds",
                           "write the number of seconds, e.g. " + std::string(option) + " 30");
    return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(seconds * 1000.0)));
}

std::string trim(std::string s) {
    auto not_space = [](char c) { return c != ' ' && c != '\t' && c != '\r' && c != '\n'; };
    while (!s.empty() && !not_space(s.back()))
        s.pop_back();
    std::size_t start = 0;
    while (start < s.size() && !not_space(s[start]))
        ++start;
    return s.substr(start);
}

// A token file should be readable by its owner only (like ~/.ssh keys); a wider one still
// works, with a warning on every run.
void warn_if_readable_by_others(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto perms = fs::status(path, ec).permissions();
    if (ec)
        return;
    const auto others = fs::perms::group_all | fs::perms::others_all;
    if ((perms & others) != fs::perms::none)
        spdlog::warn("--token-file: \"{}\" can be read by other users\n  hint: chmod 600 {}", path,
                     path);
}

connectors::Secret read_token_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw option_error("--token-file", "cannot read \"" + path + "\": " + std::strerror(errno),
                           "pass the path of a file that holds only the API token");
    std::ostringstream text;
    text << in.rdbuf();
    std::string token = trim(text.str());
    if (token.empty())
        throw option_error("--token-file", "\"" + path + "\" is empty",
                           "write the API token (Ardoq: Preferences > API and tokens) into it");
    if (token.find_first_of(" \t\r\n") != std::string::npos)
        throw option_error("--token-file", "\"" + path + "\" holds more than one word",
                           "the file must hold only the API token");
    warn_if_readable_by_others(path);
    return connectors::Secret(std::move(token));
}

// ARDOQ_API_HOST may be a bare host name ("myorg.ardoq.com"): Ardoq is HTTPS only.
std::string normalize_host(std::string text) {
    if (text.find("://") == std::string::npos && !text.starts_with("file:"))
        return "https://" + text;
    return text;
}

} // namespace

std::optional<std::string> process_env(std::string_view name) {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr || *value == '\0')
        return std::nullopt;
    return std::string(value);
}

void add_target_options(CLI::App& command, TargetCliOptions& options) {
    const char* group = "Target";
    command
        .add_option("--target", options.target,
                    "https://ORG.ardoq.com, http://HOST:PORT or file:PATH (default: "
                    "$ARDOQ_API_HOST, the mapping's target, else " +
                        std::string(k_default_target) + ")")
        ->group(group);
    command
        .add_option("--token-file", options.token_file,
                    "file holding the API token (default: $ARDOQ_API_TOKEN)")
        ->group(group);
    // Accepted only to refuse it with a useful message: a token in argv shows in `ps`.
    command.add_option("--token", options.plain_token)->group("");
    command.add_option("--org", options.org, "X-org label (default: $ARDOQ_ORG_LABEL)")
        ->group(group);
    command
        .add_option("--ca-file", options.ca_file,
                    "PEM file of extra certificate authorities to trust")
        ->group(group);
    command.add_flag("--insecure", options.insecure, "do not verify the server's TLS certificate")
        ->group(group);
    command
        .add_flag("--offline", options.offline,
                  "use the cached snapshot as it is; do not contact the target")
        ->group(group);
    command.add_option("--cache-dir", options.cache_dir, "snapshot cache directory")
        ->capture_default_str()
        ->group(group);
    command
        .add_option("--connect-timeout", options.connect_timeout_s,
                    "seconds to wait for a connection (and TLS handshake)")
        ->capture_default_str()
        ->group(group);
    command
        .add_option("--request-timeout", options.request_timeout_s,
                    "seconds to wait for one request's response")
        ->capture_default_str()
        ->group(group);
}

connectors::TargetOptions resolve_target_options(const TargetCliOptions& options,
                                                 std::string_view mapping_target,
                                                 const EnvLookup& env) {
    if (!options.plain_token.empty())
        throw option_error(
            "--token", "an API token on the command line is visible to every user (ps)",
            "export ARDOQ_API_TOKEN=... or write it to a file and pass --token-file PATH");

    connectors::TargetOptions out;
    std::string origin;
    if (!options.target.empty()) {
        out.target = options.target;
        origin = "--target";
    } else if (auto host = env("ARDOQ_API_HOST")) {
        out.target = normalize_host(*host);
        origin = "ARDOQ_API_HOST";
    } else if (!mapping_target.empty()) {
        out.target = std::string(mapping_target);
        origin = "the mapping's target";
    } else {
        out.target = std::string(k_default_target);
        origin = "the default target";
    }

    const bool is_file = out.target.starts_with("file:");
    if (is_file) {
        if (out.target.size() == 5)
            throw option_error(origin, "file: target without a path",
                               "write file:PATH, e.g. --target file:workspace.json");
    } else if (auto url = connectors::parse_base_url(out.target); !url) {
        throw option_error(origin, "invalid target \"" + out.target + "\": " + url.error(),
                           "use https://ORG.ardoq.com, http://HOST:PORT or file:PATH");
    }

    if (!options.token_file.empty())
        out.token = read_token_file(options.token_file);
    else if (auto token = env("ARDOQ_API_TOKEN"))
        out.token = connectors::Secret(trim(*token));
    if (!is_file && out.token.empty() && !options.offline)
        throw option_error(origin, "no API token for " + out.target,
                           "export ARDOQ_API_TOKEN=... or pass --token-file PATH");

    if (!options.org.empty())
        out.org = options.org;
    else if (auto org = env("ARDOQ_ORG_LABEL"))
        out.org = *org;

    out.user_agent = std::string("ardoq-sync/") + ARDOQ_SYNC_VERSION;
    out.ca_file = options.ca_file;
    out.insecure = options.insecure;
    out.connect_timeout = to_timeout(options.connect_timeout_s, "--connect-timeout");
    out.request_timeout = to_timeout(options.request_timeout_s, "--request-timeout");
    return out;
}

} // namespace ardoq::cli
