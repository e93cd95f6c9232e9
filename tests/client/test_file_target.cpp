#include "connectors/file/file_target.hpp"

#include "client/sample_workspace.hpp"
#include "connectors/cache/snapshot_json.hpp"
#include "model/errors.hpp"
#include "support/process.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <filesystem>

using namespace ardoq::connectors;
using namespace ardoq::test;
namespace fs = std::filesystem;
namespace json = boost::json;

TEST_CASE("client: open_target picks the file: target and it reads the workspace by id or name") {
    auto dir = make_temp_dir();
    write_file(dir + "/ws.json", sample_workspace_json());
    TargetOptions o;
    o.target = "file:" + dir + "/ws.json";
    auto target = open_target(o);
    CHECK(target->describe() == "file:" + dir + "/ws.json");
    CHECK(target->cache_key().empty());
    CHECK(target->resolve_workspace("Application Portfolio").id == k_ws_id);
    CHECK(target->resolve_workspace(k_ws_id).name == "Application Portfolio");
    auto snap = target->fetch_snapshot(k_ws_id);
    CHECK(snap.components().size() == 3);
    CHECK(snap.host == "http://127.0.0.1:9"); // as the file says
}

TEST_CASE("client: a batch applied to the file: target rewrites the file; a refused one leaves it "
          "alone") {
    auto dir = make_temp_dir();
    const auto path = dir + "/ws.json";
    write_file(path, sample_workspace_json());
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    FileTarget target(path);

    const auto before = read_file(path);
    auto refused = target.send_batch(
        json::parse(R"({"components": {"update": [{"id": "a00000000000000000000001",
        "ifVersionMatch": 1, "body": {"name": "x"}}]}})")
            .as_object(),
        "apply: request 1/1");
    CHECK(refused.status == BatchOutcome::Status::rejected);
    CHECK(refused.http_status == 409);
    CHECK(
        refused.body ==
        R"({"message":"components.update[0].ifVersionMatch: version 1 does not match the current version 4"})");
    CHECK(
        refused.error ==
        "apply: request 1/1: POST file:" + path +
            ": HTTP 409: components.update[0].ifVersionMatch: version 1 does not match the current "
            "version 4\n  hint: the entity changed in the file since the plan was made; plan "
            "again");
    CHECK(read_file(path) == before);

    auto applied = target.send_batch(json::parse(R"({"options": {"respondWithEntities": true},
        "components": {"update": [{"id": "a00000000000000000000001", "ifVersionMatch": 4, "body": {"name": "Billing v2"}}]}})")
                                         .as_object(),
                                     "apply: request 1/1");
    CHECK(applied.status == BatchOutcome::Status::applied);
    CHECK(applied.http_status == 200);
    CHECK(applied.response.at("components").at("updated").at(0).at("body").at("name").as_string() ==
          "Billing v2");
    auto reread = read_snapshot_json(path);
    const auto& billing =
        reread.components()[*reread.component_by_id(*ardoq::model::Oid::parse(k_app1_id))];
    CHECK(billing.name == "Billing v2");
    CHECK(billing.version == 5);
    CHECK(reread.components().size() == 3);
    CHECK((fs::status(path).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
    // No temporary file is left behind.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir))
        ++files;
    CHECK(files == 1);
}

TEST_CASE("client: a missing file: target file says how to create one") {
    FileTarget target("/nonexistent/dir/ws.json");
    try {
        target.resolve_workspace("W");
        FAIL("no error");
    } catch (const ardoq::model::InputError& e) {
        CHECK(std::string(e.what()) ==
              "/nonexistent/dir/ws.json: error: cannot read the snapshot file: No such file or "
              "directory\n  hint: create it with `ardoq-sync snapshot export --workspace W > "
              "/nonexistent/dir/ws.json`");
    }
}
