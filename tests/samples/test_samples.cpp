// Every scenario under samples/ run as its sample.json says: the plan's JSON report must
// equal the golden file and the exit code the expected one; every Batch API request the
// plan leads to must validate against BatchRequest in openapi.json; and where the sample
// applies, an apply to a copy of its snapshot followed by a second plan must leave nothing
// to create, update or delete.

#include "batch/batch.hpp"
#include "engine/batch_fixture.hpp"
#include "engine/schema_validator.hpp"
#include "pipeline/pipeline.hpp"
#include "support/process.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using namespace ardoq;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

struct SampleRun {
    std::string name;
    std::vector<std::string> args;
    std::string expected;    // golden JSON report, relative to the sample
    std::string stderr_file; // golden diagnostics on stderr ("" when there are none)
    int exit_code = 0;       // of plan --detailed-exitcode
    std::optional<int> apply_exit_code;
};

struct Sample {
    std::string name;
    fs::path dir;
    std::vector<SampleRun> runs;
};

std::vector<Sample> load_samples() {
    std::vector<Sample> out;
    for (const auto& e : fs::directory_iterator(fs::path(test::source_dir()) / "samples")) {
        if (!fs::exists(e.path() / "sample.json"))
            continue;
        Sample s{e.path().filename().string(), e.path(), {}};
        const json::value doc = json::parse(test::read_file((e.path() / "sample.json").string()));
        for (const auto& r : doc.at("runs").as_array()) {
            SampleRun run;
            run.name = json::value_to<std::string>(r.at("name"));
            for (const auto& a : r.at("args").as_array())
                run.args.push_back(json::value_to<std::string>(a));
            run.expected = json::value_to<std::string>(r.at("expected"));
            run.exit_code = static_cast<int>(r.at("exit_code").as_int64());
            if (const auto* err = r.as_object().if_contains("stderr"))
                run.stderr_file = json::value_to<std::string>(*err);
            if (const auto* a = r.as_object().if_contains("apply_exit_code"))
                run.apply_exit_code = static_cast<int>(a->as_int64());
            s.runs.push_back(std::move(run));
        }
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(),
              [](const Sample& a, const Sample& b) { return a.name < b.name; });
    return out;
}

// A copy of the sample in a fresh directory (apply rewrites the snapshot file).
std::string copy_sample(const Sample& s) {
    const std::string dir = test::make_temp_dir("ardoq-sample-" + s.name);
    fs::copy(s.dir, dir, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    return dir;
}

test::ProcessResult run_sync(const std::string& dir, std::vector<std::string> args) {
    args.insert(args.begin(), test::sync_bin());
    return test::run_process(args, {}, {{"ARDOQ_API_HOST", ""}, {"ARDOQ_API_TOKEN", ""}}, dir);
}

std::vector<std::string> plan_args(const SampleRun& run) {
    std::vector<std::string> args{
        "--quiet",  "plan", "mapping.yaml",       "--target", "file:snapshot.json",
        "--format", "json", "--detailed-exitcode"};
    args.insert(args.end(), run.args.begin(), run.args.end());
    return args;
}

std::int64_t count(const json::value& report, const char* action) {
    return report.at("summary").at(action).as_int64();
}

} // namespace

TEST_CASE("samples: every sample plans to its golden JSON report with its exit code") {
    const auto samples = load_samples();
    REQUIRE(samples.size() >= 7);
    for (const auto& s : samples) {
        for (const auto& run : s.runs) {
            CAPTURE(s.name);
            CAPTURE(run.name);
            const std::string dir = copy_sample(s);
            const auto result = run_sync(dir, plan_args(run));
            const std::string diagnostics =
                run.stderr_file.empty() ? std::string()
                                        : test::read_file((s.dir / run.stderr_file).string());
            CHECK(result.err == diagnostics);
            CHECK(result.exit_code == run.exit_code);
            const std::string golden = test::read_file((s.dir / run.expected).string());
            CHECK(result.out == golden);
            fs::remove_all(dir);
        }
    }
}

TEST_CASE("samples: applying a sample converges: a second plan has nothing left to write") {
    for (const auto& s : load_samples()) {
        for (const auto& run : s.runs) {
            if (!run.apply_exit_code)
                continue;
            CAPTURE(s.name);
            CAPTURE(run.name);
            const std::string dir = copy_sample(s);
            const std::string before = test::read_file(dir + "/snapshot.json");
            std::vector<std::string> apply{"--quiet", "apply", "mapping.yaml", "--target",
                                           "file:snapshot.json"};
            apply.insert(apply.end(), run.args.begin(), run.args.end());
            const auto applied = run_sync(dir, apply);
            CHECK(applied.exit_code == *run.apply_exit_code);

            const json::value planned =
                json::parse(test::read_file((s.dir / run.expected).string()));
            const bool writes =
                count(planned, "create") + count(planned, "update") + count(planned, "delete") > 0;
            const bool blocked = count(planned, "error") > 0;
            // A plan with errors sends nothing: the snapshot file is untouched.
            if (blocked || !writes)
                CHECK(test::read_file(dir + "/snapshot.json") == before);
            else
                CHECK(test::read_file(dir + "/snapshot.json") != before);

            const auto again = run_sync(dir, plan_args(run));
            if (blocked) {
                // Nothing was sent: the same plan again.
                CHECK(again.out == test::read_file((s.dir / run.expected).string()));
                fs::remove_all(dir);
                continue;
            }
            const json::value report = json::parse(again.out);
            CHECK(count(report, "create") == 0);
            CHECK(count(report, "update") == 0);
            CHECK(count(report, "delete") == 0);
            // What could not be written stays as it was planned.
            CHECK(count(report, "conflict") == count(planned, "conflict"));
            CHECK(count(report, "error") == count(planned, "error"));
            fs::remove_all(dir);
        }
    }
}

TEST_CASE("samples: every Batch API request of every sample validates against BatchRequest") {
    const auto validator = test::SchemaValidator::from_file(
        std::string(ARDOQ_SHARED_DIR) + "/ardoq/openapi.json", true);
    std::size_t requests = 0;
    for (const auto& s : load_samples()) {
        for (const auto& run : s.runs) {
            CAPTURE(s.name);
            CAPTURE(run.name);
            pipeline::RunSettings settings;
            settings.mapping_file = s.dir / "mapping.yaml";
            settings.target.target = "file:" + (s.dir / "snapshot.json").string();
            settings.guard =
                std::find(run.args.begin(), run.args.end(), "--allow-deletes") != run.args.end()
                    ? plan::GuardMode::allow_deletes
                    : plan::GuardMode::enforce;
            pipeline::NullProgress progress;
            const auto planned = pipeline::plan_run(settings, progress);
            for (bool entities : {false, true}) {
                batch::BatchOptions options;
                options.batch_size = planned.mapping->policy.batch_size;
                options.respond_with_entities = entities;
                const auto seq = batch::build_sequence(planned.plan, options);
                const auto rendered = test::render_all(planned.plan, seq, options);
                for (std::size_t i = 0; i < rendered.bodies.size(); ++i) {
                    std::string problems;
                    for (const auto& p : validator.validate(rendered.bodies[i], "BatchRequest"))
                        problems += p + "\n";
                    CHECK_MESSAGE(problems.empty(), "request ", i + 1, ": ", rendered.texts[i],
                                  "\n", problems);
                    ++requests;
                }
            }
        }
    }
    CHECK(requests >= 8); // the samples do send requests: the check above ran
}

namespace {

// Every row of `table` in the SQLite database `path`, each as its columns' text joined by |.
std::vector<std::string> sqlite_rows(const std::string& path, const std::string& query) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, query.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    std::vector<std::string> rows;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        std::string row;
        for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
            const auto* text = sqlite3_column_text(stmt, c);
            row +=
                (c ? "|" : "") + std::string(text ? reinterpret_cast<const char*>(text) : "NULL");
        }
        rows.push_back(row);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return rows;
}

} // namespace

TEST_CASE("samples: cmdb.db holds exactly the rows of servers.sql, its readable source") {
    const fs::path sample = fs::path(test::source_dir()) / "samples" / "cmdb";
    const std::string dir = test::make_temp_dir("ardoq-sample-db");
    const std::string fresh = dir + "/cmdb.db";
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(fresh.c_str(), &db) == SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, test::read_file((sample / "servers.sql").string()).c_str(),
                                nullptr, nullptr, &error);
    CHECK_MESSAGE(rc == SQLITE_OK, (error ? error : ""));
    sqlite3_free(error);
    sqlite3_close(db);
    const std::string query = "SELECT * FROM server ORDER BY id";
    const auto committed = sqlite_rows((sample / "cmdb.db").string(), query);
    CHECK(committed.size() == 6);
    CHECK(committed == sqlite_rows(fresh, query));
    fs::remove_all(dir);
}
