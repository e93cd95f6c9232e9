// `make demo` (scripts/demo.sh): the portfolio sample on a file: target — a plan, an apply,
// and a second plan that has nothing left to change.

#include "support/process.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using namespace ardoq;

namespace {

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

} // namespace

TEST_CASE("samples: make demo plans, applies, then plans zero changes") {
    const std::string work = test::make_temp_dir("ardoq-demo");
    // As the Makefile runs it: from the repository, the binary's path relative to it.
    const auto relative_sync =
        std::filesystem::relative(test::sync_bin(), test::source_dir()).string();
    REQUIRE(relative_sync.front() != '/');
    const auto r = test::run_process(
        {"/bin/bash", "scripts/demo.sh", relative_sync}, {},
        {{"TMPDIR", work}, {"ARDOQ_API_TOKEN", ""}, {"ARDOQ_API_HOST", ""}}, test::source_dir());
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    const auto plan = r.out.find("== ardoq-sync plan (dry run) ==\n");
    const auto apply = r.out.find("== ardoq-sync apply ==\n");
    const auto again = r.out.find("== ardoq-sync plan again: nothing left to do ==\n");
    REQUIRE(plan != std::string::npos);
    REQUIRE(apply != std::string::npos);
    REQUIRE(again != std::string::npos);
    CHECK(plan < apply);
    CHECK(apply < again);
    // The first plan and the apply's own plan: the same changes.
    CHECK(occurrences(r.out, "7 to create, 1 to update, 0 to delete, 3 unchanged, 0 conflicts, "
                             "1 cache miss\n") == 2);
    CHECK(r.out.find("Applied 8 operations in 1 request: 7 created, 1 updated, 0 deleted.\n") >
          apply);
    // The second plan: nothing to create, update or delete; the cache miss stays reported.
    CHECK(r.out.find("0 to create, 0 to update, 0 to delete, 11 unchanged, 0 conflicts, 1 cache "
                     "miss\n") > again);
    CHECK(r.out.find("demo: the workspace matches the sources (journal: ") > again);
    std::filesystem::remove_all(work);
}

TEST_CASE("samples: make demo without a built binary says what to do") {
    const auto r = test::run_process({"/bin/bash", "scripts/demo.sh", "build/none/ardoq-sync"}, {},
                                     {}, test::source_dir());
    CHECK(r.exit_code == 1);
    CHECK(r.err == "demo.sh: build/none/ardoq-sync is not an executable (build it first)\n");
}
