#include "cli/target_options.hpp"

#include "model/errors.hpp"
#include "support/process.hpp"

#include <CLI/CLI.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

using ardoq::cli::add_target_options;
using ardoq::cli::resolve_target_options;
using ardoq::cli::TargetCliOptions;

namespace {

ardoq::cli::EnvLookup fake_env(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        auto it = vars.find(std::string(name));
        if (it == vars.end())
            return std::nullopt;
        return it->second;
    };
}

TargetCliOptions parse(std::vector<std::string> args) {
    CLI::App app;
    TargetCliOptions options;
    add_target_options(app, options);
    std::reverse(args.begin(), args.end());
    app.parse(args);
    return options;
}

std::string input_error(const TargetCliOptions& o, const ardoq::cli::EnvLookup& env,
                        std::string_view mapping_target = {}) {
    try {
        resolve_target_options(o, mapping_target, env);
    } catch (const ardoq::model::InputError& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("client: --target wins over ARDOQ_API_HOST, the mapping and the default") {
    auto env = fake_env({{"ARDOQ_API_HOST", "env.ardoq.com"}, {"ARDOQ_API_TOKEN", "tok"}});
    auto o = parse({"--target", "http://127.0.0.1:8080"});
    CHECK(resolve_target_options(o, "https://mapping.ardoq.com", env).target ==
          "http://127.0.0.1:8080");
    CHECK(resolve_target_options(parse({}), "https://mapping.ardoq.com", env).target ==
          "https://env.ardoq.com");
    auto no_host = fake_env({{"ARDOQ_API_TOKEN", "tok"}});
    CHECK(resolve_target_options(parse({}), "https://mapping.ardoq.com", no_host).target ==
          "https://mapping.ardoq.com");
    CHECK(resolve_target_options(parse({}), {}, no_host).target ==
          "file:.ardoq-sync/workspace.json");
}

TEST_CASE("client: token from --token-file beats ARDOQ_API_TOKEN and is trimmed") {
    auto dir = ardoq::test::make_temp_dir();
    ardoq::test::write_file(dir + "/token", "  file-token-123\n");
    auto env = fake_env({{"ARDOQ_API_TOKEN", "env-token"}, {"ARDOQ_ORG_LABEL", "myorg"}});
    auto from_file = resolve_target_options(
        parse({"--target", "https://x.ardoq.com", "--token-file", dir + "/token"}), {}, env);
    CHECK(from_file.token.reveal() == "file-token-123");
    CHECK(from_file.org == "myorg");
    auto from_env =
        resolve_target_options(parse({"--target", "https://x.ardoq.com", "--org", "o2"}), {}, env);
    CHECK(from_env.token.reveal() == "env-token");
    CHECK(from_env.org == "o2");
}

TEST_CASE("client: timeouts and TLS options reach the connector options") {
    auto o = parse({"--target", "https://x.ardoq.com", "--connect-timeout", "2.5",
                    "--request-timeout", "90", "--ca-file", "ca.pem", "--insecure"});
    auto r = resolve_target_options(o, {}, fake_env({{"ARDOQ_API_TOKEN", "t"}}));
    CHECK(r.connect_timeout == std::chrono::milliseconds(2500));
    CHECK(r.request_timeout == std::chrono::milliseconds(90000));
    CHECK(r.ca_file == "ca.pem");
    CHECK(r.insecure);
    auto defaults = resolve_target_options(parse({"--target", "file:w.json"}), {}, fake_env({}));
    CHECK(defaults.connect_timeout == std::chrono::milliseconds(10000));
    CHECK(defaults.request_timeout == std::chrono::milliseconds(60000));
    CHECK_FALSE(defaults.insecure);
}

TEST_CASE("client: a token on the command line is refused with a hint") {
    CHECK(input_error(parse({"--token", "s3cret"}), fake_env({})) ==
          "--token: error: an API token on the command line is visible to every user (ps)\n"
          "  hint: export ARDOQ_API_TOKEN=... or write it to a file and pass --token-file PATH");
}

TEST_CASE("client: target option errors name their origin and say how to fix them") {
    CHECK(
        input_error(parse({"--target", "ftp://x"}), fake_env({})) ==
        "--target: error: invalid target \"ftp://x\": the URL must start with https:// or http://\n"
        "  hint: use https://ORG.ardoq.com, http://HOST:PORT or file:PATH");
    CHECK(input_error(parse({}), fake_env({{"ARDOQ_API_HOST", "https://u:p@x.com"}})) ==
          "ARDOQ_API_HOST: error: invalid target \"https://u:p@x.com\": the URL must not carry "
          "user information (user:password@)\n"
          "  hint: use https://ORG.ardoq.com, http://HOST:PORT or file:PATH");
    CHECK(input_error(parse({"--target", "https://x.ardoq.com"}), fake_env({})) ==
          "--target: error: no API token for https://x.ardoq.com\n"
          "  hint: export ARDOQ_API_TOKEN=... or pass --token-file PATH");
    CHECK(input_error(parse({"--target", "file:"}), fake_env({})) ==
          "--target: error: file: target without a path\n"
          "  hint: write file:PATH, e.g. --target file:workspace.json");
    CHECK(input_error(parse({"--target", "file:w.json", "--connect-timeout", "0"}), fake_env({})) ==
          "--connect-timeout: error: timeout must be between 0 and 86400 seconds\n"
          "  hint: write the number of seconds, e.g. --connect-timeout 30");
    auto dir = ardoq::test::make_temp_dir();
    ardoq::test::write_file(dir + "/empty", "\n");
    CHECK(input_error(parse({"--target", "file:w.json", "--token-file", dir + "/empty"}),
                      fake_env({})) ==
          "--token-file: error: \"" + dir +
              "/empty\" is empty\n"
              "  hint: write the API token (Ardoq: Preferences > API and tokens) into it");
    CHECK(input_error(parse({"--target", "file:w.json", "--token-file", dir + "/missing"}),
                      fake_env({})) ==
          "--token-file: error: cannot read \"" + dir +
              "/missing\": No such file or directory\n"
              "  hint: pass the path of a file that holds only the API token");
}

TEST_CASE("client: --offline needs no token") {
    auto r = resolve_target_options(parse({"--target", "https://x.ardoq.com", "--offline"}), {},
                                    fake_env({}));
    CHECK(r.target == "https://x.ardoq.com");
    CHECK(r.token.empty());
}
