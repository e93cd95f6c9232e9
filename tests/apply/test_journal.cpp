#include "apply/journal.hpp"

#include "support/process.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <filesystem>

using namespace ardoq;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

apply::JournalHeader header() {
    apply::JournalHeader h;
    h.command = "apply mapping.yaml";
    h.target = "http://127.0.0.1:8080";
    h.workspace = "a00000000000000000000001";
    h.workspace_name = "Portfolio";
    h.plan = json::object{{"summary", json::object{{"create", 2}}}};
    return h;
}

json::value read_json(const fs::path& p) {
    return json::parse(test::read_file(p.string()));
}

} // namespace

TEST_CASE("journal: the file is valid JSON after every event and records the run's end") {
    const fs::path dir = test::make_temp_dir("ardoq-journal");
    connectors::Redactor redactor(connectors::Secret("s3cret-token"));
    apply::Journal journal(dir / "runs", header(), redactor);
    CHECK(journal.path().parent_path() == dir / "runs");
    CHECK(journal.path().extension() == ".json");

    auto doc = read_json(journal.path());
    CHECK(doc.at("format") == "ardoq-sync-journal");
    CHECK(doc.at("format_version") == 1);
    CHECK(doc.at("command") == "apply mapping.yaml");
    CHECK(doc.at("workspace").at("name") == "Portfolio");
    CHECK(doc.at("events").as_array().empty());
    CHECK(doc.at("result") == json::value(json::object{{"status", "running"}}));
    CHECK(apply::unfinished_journal(dir / "runs") == journal.path());

    // A request whose body happens to hold the token: it is scrubbed.
    const json::object body{
        {"components",
         json::object{{"upsert", json::array{json::object{
                                     {"batchId", "c1"},
                                     {"body", json::object{{"name", "s3cret-token"}}}}}}}}};
    connectors::BatchOutcome applied;
    applied.status = connectors::BatchOutcome::Status::applied;
    applied.http_status = 200;
    applied.response = json::parse(
        R"({"components":{"created":[{"id":"c00000000000000000000009","batchId":"c1"}],"updated":[],"deleted":[]}})");
    journal.record({0, 0, 2, "apply: request 1/2", 1, body, applied});

    connectors::BatchOutcome lost;
    lost.status = connectors::BatchOutcome::Status::unknown;
    lost.error = "apply: request 2/2: connection lost";
    journal.record({0, 1, 2, "apply: request 2/2", 1, body, lost});
    journal.record_replan(1, 1);

    doc = read_json(journal.path());
    const auto& events = doc.at("events").as_array();
    REQUIRE(events.size() == 3);
    CHECK(json::serialize(events[0].at("request")) ==
          R"({"components":{"upsert":[{"batchId":"c1","body":{"name":"[REDACTED]"}}]}})");
    CHECK(
        json::serialize(events[0].at("outcome")) ==
        R"({"status":"applied","http_status":200,"error":null,"created":1,"updated":0,"deleted":0,"ids":[{"batchId":"c1","id":"c00000000000000000000009"}]})");
    CHECK(json::serialize(events[1].at("outcome")) ==
          R"({"status":"unknown","http_status":0,"error":"apply: request 2/2: connection lost"})");
    CHECK(events[2].at("event") == "replan");
    CHECK(events[2].at("operations_left") == 1);
    CHECK(doc.at("result").at("status") == "running");

    apply::ApplyResult result;
    result.requests = 3;
    result.operations = 2;
    result.created = 2;
    result.replans = 1;
    journal.finish(result);
    doc = read_json(journal.path());
    CHECK(doc.at("events").as_array().size() == 3);
    CHECK(doc.at("result").at("status") == "complete");
    CHECK(doc.at("result").at("requests") == 3);
    CHECK(doc.at("result").at("created") == 2);
    CHECK(doc.at("result").at("error").is_null());
    CHECK(apply::unfinished_journal(dir / "runs").empty());
    CHECK(test::read_file(journal.path().string()).find("s3cret") == std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("journal: a body prepared while in flight is recorded scrubbed, like one recorded at "
          "once; a prepared text for another body is not used") {
    const fs::path dir = test::make_temp_dir("ardoq-journal");
    connectors::Redactor redactor(connectors::Secret("s3cret-token"));
    apply::Journal journal(dir / "runs", header(), redactor);
    const json::object first{
        {"components",
         json::object{{"upsert", json::array{json::object{
                                     {"body", json::object{{"name", "s3cret-token"}}}}}}}}};
    const json::object second{
        {"components", json::object{{"upsert", json::array{json::object{
                                                   {"body", json::object{{"name", "Sales"}}}}}}}}};
    connectors::BatchOutcome applied;
    applied.status = connectors::BatchOutcome::Status::applied;
    applied.http_status = 200;
    applied.response = json::parse(R"({"components":{"created":[],"updated":[],"deleted":[]}})");
    const std::string first_text = json::serialize(first);
    const std::string second_text = json::serialize(second);

    journal.prepare(first_text);
    journal.record({0, 0, 3, "apply: request 1/3", 1, first, applied, first_text});
    journal.prepare(first_text); // prepared for another body than the one recorded next
    journal.record({0, 1, 3, "apply: request 2/3", 1, second, applied, second_text});
    journal.record({0, 2, 3, "apply: request 3/3", 1, first, applied, first_text});

    const auto doc = read_json(journal.path());
    const auto& events = doc.at("events").as_array();
    REQUIRE(events.size() == 3);
    CHECK(json::serialize(events[0].at("request")) ==
          R"({"components":{"upsert":[{"body":{"name":"[REDACTED]"}}]}})");
    CHECK(json::serialize(events[1].at("request")) == second_text);
    CHECK(json::serialize(events[2].at("request")) ==
          R"({"components":{"upsert":[{"body":{"name":"[REDACTED]"}}]}})");
    CHECK(test::read_file(journal.path().string()).find("s3cret") == std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("journal: two journals in the same millisecond get distinct names") {
    const fs::path dir = test::make_temp_dir("ardoq-journal");
    apply::Journal a(dir, header(), {});
    apply::Journal b(dir, header(), {});
    CHECK(a.path() != b.path());
    CHECK(fs::exists(a.path()));
    CHECK(fs::exists(b.path()));
    fs::remove_all(dir);
}

TEST_CASE("journal: file names are basic ISO-8601 UTC timestamps with milliseconds") {
    const auto t = std::chrono::system_clock::time_point(std::chrono::milliseconds(1736154245007));
    CHECK(apply::Journal::timestamp_name(t) == "20250106T090405.007Z");
}

TEST_CASE("journal: a journal cut short in the middle of a write counts as unfinished") {
    const fs::path dir = test::make_temp_dir("ardoq-journal");
    test::write_file((dir / "20250106T090405.007Z.json").string(), "{\"format\": \"ardoq-sy");
    CHECK(apply::unfinished_journal(dir) == dir / "20250106T090405.007Z.json");
    CHECK(apply::unfinished_journal(dir / "missing").empty());
    fs::remove_all(dir);
}
