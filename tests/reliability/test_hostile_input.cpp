// Reliability: hostile input — a 100 MB single line, a row of 10^6 columns, values nested
// 100,000 deep, a mapping file of 100 MB — ends in a clear error naming the file, the line
// and the limit; never a crash, and in bounded memory (the maximum resident size of the
// `ardoq-sync plan` process is measured). The files are generated into a temp dir and
// deleted afterwards.

#include "reliability/reliability_support.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ardoq::test;
using namespace ardoq::test::reliability;
namespace fs = std::filesystem;

namespace {

struct Measured {
    int exit_code = -1; // -1: killed by a signal
    std::string err;
    long max_rss_mib = 0;
};

// `ardoq-sync plan <mapping> --target file:snapshot.json` in `dir`: exit code, stderr and
// the process's own peak resident memory (wait4), unaffected by any other child.
Measured plan_measured(const std::string& dir, const std::string& mapping) {
    const std::string bin = sync_bin();
    const std::string err_file = dir + "/stderr.txt";
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        if (::chdir(dir.c_str()) != 0)
            ::_exit(126);
        const int out = ::open("/dev/null", O_WRONLY);
        const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (out < 0 || err < 0)
            ::_exit(126);
        ::dup2(out, 1);
        ::dup2(err, 2);
        ::execl(bin.c_str(), bin.c_str(), "--quiet", "plan", mapping.c_str(), "--target",
                "file:snapshot.json", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    int status = 0;
    rusage usage{};
    REQUIRE(::wait4(pid, &status, 0, &usage) == pid);
    Measured m;
    m.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    m.err = read_file(err_file);
    m.max_rss_mib = usage.ru_maxrss / 1024;
    return m;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool k_sanitized = true;
#elif defined(__has_feature)
constexpr bool k_sanitized = __has_feature(address_sanitizer);
#else
constexpr bool k_sanitized = false;
#endif

// Memory allowed for refusing a file: the largest record a reader may hold (64 MiB), its
// window doubling past it, and the program itself; ASan builds get their overhead.
constexpr long k_reader_bound_mib = k_sanitized ? 1024 : 320;
// For what is refused before it is read.
constexpr long k_small_bound_mib = k_sanitized ? 256 : 64;

// A scratch directory with the portfolio snapshot as the file: target.
struct Scratch {
    std::string dir = make_temp_dir("reliability-hostile");
    Scratch() {
        fs::copy_file(source_dir() + "/samples/portfolio/snapshot.json", dir + "/snapshot.json");
    }
    ~Scratch() { fs::remove_all(dir); }

    // mapping.yaml reading `source` ("csv: apps.csv") into Application components.
    void mapping(const std::string& source) const {
        write_file(dir + "/mapping.yaml",
                   "version: 1\nworkspace: Application Portfolio\nsources:\n  apps: { " + source +
                       " }\ncomponents:\n  - from: apps\n    type: Application\n"
                       "    key: \"app-{{ id }}\"\n    name: \"{{ name }}\"\n");
    }
    // Writes `head`, then `count` copies of `unit`, then `tail` (streamed: no copy in memory).
    void write(const std::string& name, const std::string& head, const std::string& unit,
               std::size_t count, const std::string& tail) const {
        std::ofstream out(dir + "/" + name, std::ios::binary);
        out << head;
        std::string block;
        for (std::size_t i = 0; i < 65536 / unit.size() + 1; ++i)
            block += unit;
        const std::size_t per_block = block.size() / unit.size();
        for (std::size_t done = 0; done < count;) {
            const std::size_t n = std::min(per_block, count - done);
            out.write(block.data(), static_cast<std::streamsize>(n * unit.size()));
            done += n;
        }
        out << tail;
    }
};

constexpr std::size_t k_100_mb = 100u << 20;

} // namespace

TEST_CASE("reliability: a 100 MB single line in a CSV source is refused at its line") {
    Scratch s;
    s.mapping("csv: apps.csv");
    s.write("apps.csv", "id,name\n1,", "x", k_100_mb, "\n2,CRM\n");
    const auto r = plan_measured(s.dir, "mapping.yaml");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "apps.csv:2:1: error: row is larger than 64 MiB\n"
                   "  hint: a quote (\") that is never closed turns the rest of the file into "
                   "one field; check the quotes from this line on\n");
    CHECK(r.max_rss_mib < k_reader_bound_mib);
}

TEST_CASE("reliability: a 100 MB single line in a JSON Lines source is refused at its line") {
    Scratch s;
    s.mapping("jsonl: apps.jsonl");
    s.write("apps.jsonl", "{\"id\": 1, \"name\": \"CRM\"}\n{\"id\": 2, \"name\": \"", "x", k_100_mb,
            "\"}\n");
    const auto r = plan_measured(s.dir, "mapping.yaml");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "apps.jsonl:2:1: error: record is larger than 64 MiB\n"
                   "  hint: split the record, or check that the file is not truncated or "
                   "malformed here\n");
    CHECK(r.max_rss_mib < k_reader_bound_mib);
}

TEST_CASE("reliability: a CSV row of 10^6 columns is refused at its line with the limit") {
    Scratch s;
    s.mapping("csv: apps.csv");
    // In the header, and in a data row under a good header.
    s.write("apps.csv", "id,name", ",c", 1'000'000, "\n1,CRM\n");
    auto r = plan_measured(s.dir, "mapping.yaml");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "apps.csv:1:200005: error: row has more than 100000 fields\n"
                   "  hint: check the delimiter; a row may have at most 100000 fields\n");
    CHECK(r.max_rss_mib < k_reader_bound_mib);

    s.write("apps.csv", "id,name\n1,CRM\n2,Webshop", ",", 1'000'000, "\n");
    r = plan_measured(s.dir, "mapping.yaml");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "apps.csv:3:100009: error: row has more than 100000 fields\n"
                   "  hint: check the delimiter; a row may have at most 100000 fields\n");
    CHECK(r.max_rss_mib < k_reader_bound_mib);
}

TEST_CASE("reliability: JSON and JSON Lines nested 100,000 deep are refused with the limit") {
    Scratch s;
    s.mapping("json: apps.json");
    s.write("apps.json", "[{\"id\": 1, \"name\": \"CRM\", \"tags\": ", "[", 100'000,
            std::string(100'000, ']') + "}]");
    auto r = plan_measured(s.dir, "mapping.yaml");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "apps.json:1:289: error: JSON nesting is deeper than 256 levels\n"
                   "  hint: flatten the data; values nested this deep cannot be mapped\n");

    s.mapping("jsonl: apps.jsonl");
    s.write("apps.jsonl",
            "{\"id\": 1, \"name\": \"CRM\"}\n{\"id\": 2, \"owner\": ", "{\"a\": ", 100'000,
            "1" + std::string(100'000, '}') + "}\n");
    r = plan_measured(s.dir, "mapping.yaml");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "apps.jsonl:2:1550: error: JSON nesting is deeper than 256 levels\n"
                   "  hint: flatten the data; values nested this deep cannot be mapped\n");
}

TEST_CASE("reliability: a mapping file nested 100,000 deep is refused with the limit") {
    Scratch s;
    s.mapping("csv: apps.csv");
    write_file(s.dir + "/apps.csv", "id,name\n1,CRM\n");
    const std::string rules = read_file(s.dir + "/mapping.yaml");
    // Flow style: [[[[...]]]].
    s.write("flow.yaml", rules + "    fields:\n      tags: ", "[", 100'000,
            std::string(100'000, ']') + "\n");
    auto r = plan_measured(s.dir, "flow.yaml");
    CHECK(r.exit_code == 1);
    CHECK(r.err.starts_with("flow.yaml:11:"));
    CHECK(r.err.find(": error: YAML nesting is deeper than ") != std::string::npos);
    CHECK(r.err.find(" levels\n  hint: a mapping needs only a few levels; look for [ or { that "
                     "are never closed, or lines indented ever deeper\n") != std::string::npos);

    // Block style: every line indented one step deeper than the last.
    std::string block = rules + "sync:\n";
    for (int i = 1; i <= 1000; ++i)
        block +=
            std::string(static_cast<std::size_t>(i) * 2, ' ') + "k" + std::to_string(i) + ":\n";
    write_file(s.dir + "/block.yaml", block);
    r = plan_measured(s.dir, "block.yaml");
    CHECK(r.exit_code == 1);
    CHECK(r.err.starts_with("block.yaml:"));
    CHECK(r.err.find(": error: YAML nesting is deeper than ") != std::string::npos);
}

TEST_CASE("reliability: a 100 MB mapping file is refused before it is parsed") {
    Scratch s;
    s.mapping("csv: apps.csv");
    write_file(s.dir + "/apps.csv", "id,name\n1,CRM\n");
    const std::string rules = read_file(s.dir + "/mapping.yaml");
    s.write("huge.yaml", rules + "    description: \"", "x", k_100_mb, "\"\n");
    const auto size = fs::file_size(s.dir + "/huge.yaml");
    const auto r = plan_measured(s.dir, "huge.yaml");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "huge.yaml: error: the mapping file is " + std::to_string(size) +
                       " bytes, more than the limit of 16 MiB\n"
                       "  hint: a mapping file holds rules, not data: put the data in a source "
                       "file (csv:, json:, jsonl:, sqlite:, sql_dump:)\n");
    CHECK(r.max_rss_mib < k_small_bound_mib);
}

TEST_CASE("reliability: a SQL dump that ends inside a string after a backslash is refused") {
    // Found by fuzz-sql-dump: the reader looped for ever on the trailing backslash of a
    // string in a statement it skips (tests/fuzz/regressions/sql_dump/).
    Scratch s;
    s.mapping("sql_dump: cmdb.sql, table: apps");
    write_file(s.dir + "/cmdb.sql", "INSERT INTO apps (id, name) VALUES (1, 'CRM');\n"
                                    "INSERT INTO audit VALUES (E'C:\\");
    const auto r = run_process({"/usr/bin/timeout", "20", sync_bin(), "--quiet", "plan",
                                "mapping.yaml", "--target", "file:snapshot.json"},
                               {}, {}, s.dir);
    CHECK(r.exit_code == 1); // 124: timed out
    CHECK(r.err == "cmdb.sql:2:28: error: unterminated string\n"
                   "  hint: the dump ends inside this string; is the file truncated?\n");
}
