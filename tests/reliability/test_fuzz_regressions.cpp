// Reliability: every input that made a fuzz target fail (tests/fuzz/run.sh) is kept under
// tests/fuzz/regressions/<target>/ and replayed here through the same harness
// (tests/fuzz/harness.hpp), with the outcome it must now have: a clear error, never a crash.

#include "fuzz/harness.hpp"

#include "support/process.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <map>
#include <set>

using namespace ardoq;
namespace fs = std::filesystem;

namespace {

struct Regression {
    std::function<std::string(std::string_view)> harness;
    std::string expected;
};

const std::string k_deep_yaml_hint =
    "\n  hint: a mapping needs only a few levels; look for [ or { that are never closed, or "
    "lines indented ever deeper\n";

// Saved input (target/file) → outcome.
const std::map<std::string, Regression>& regressions() {
    static const std::map<std::string, Regression> all = {
        // A file shorter than the byte order mark, read through a 1-byte window: the reader
        // kept a pointer into the buffer that refill() had replaced (heap-use-after-free).
        {"csv/one-byte-file-tiny-window", {fuzz::run_csv, "0 records"}},
        // A string with a backslash as the dump's last byte, in a statement the reader
        // skips: it looped for ever.
        {"sql_dump/skipped-string-ends-in-backslash",
         {fuzz::run_sql_dump, "error: cmdb.sql:1:24: error: unterminated string\n"
                              "  hint: the dump ends inside this string; is the file truncated?"}},
        {"sql_dump/backslash-at-end-of-skipped-string",
         {fuzz::run_sql_dump, "error: cmdb.sql:27:85: error: unterminated string\n"
                              "  hint: the dump ends inside this string; is the file truncated?"}},
        // yaml-cpp stops at its nesting limit with "bad file"; the loader names the limit.
        {"mapping/deep-flow-sequence.yaml",
         {fuzz::run_mapping,
          "error: mapping.yaml:11:2013: error: YAML nesting is deeper than 499 levels" +
              k_deep_yaml_hint}},
        {"mapping/deep-flow-mapping.yaml",
         {fuzz::run_mapping,
          "error: mapping.yaml:11:1993: error: YAML nesting is deeper than 499 levels" +
              k_deep_yaml_hint}},
    };
    return all;
}

} // namespace

TEST_CASE("reliability: saved fuzz findings end in their clear error") {
    const fs::path dir = test::source_dir() + "/tests/fuzz/regressions";
    std::set<std::string> saved;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file())
            saved.insert(fs::relative(e.path(), dir).generic_string());
    // Every saved input has its expected outcome here, and every outcome its input.
    std::set<std::string> listed;
    for (const auto& [name, regression] : regressions())
        listed.insert(name);
    CHECK(saved == listed);

    for (const auto& [name, regression] : regressions()) {
        INFO(name);
        const std::string input = test::read_file((dir / name).string());
        CHECK(regression.harness(input) == regression.expected);
    }
}
