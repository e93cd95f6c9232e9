// Conformance: every JSON example of Ardoq's two Batch API pages (shared/seeds/batch-api-*.txt),
// taken from the pages at test time and sent exactly as printed, with its documented outcome.
// Four examples carry a trailing comma (not JSON): they are refused as sent and accepted with
// --json-trailing-commas.
#include "support/emulator.hpp"

#include "emulator/conformance.hpp"

#include <doctest/doctest.h>

using namespace ardoq::test;
using namespace ardoq::test::conformance;

namespace {

constexpr const char* k_ws = "c253c98231776d0c8a54879e";
constexpr const char* k_a = "e00000000000000000000001";
constexpr const char* k_b = "e00000000000000000000002";
constexpr const char* k_c = "e00000000000000000000003";

// The JSON examples of a page: every block that starts with "{" at the start of a line, up to
// its matching "}" (braces inside strings do not count).
std::vector<std::string> examples(const std::string& page) {
    std::string text = read_file(std::string(ARDOQ_SHARED_DIR) + "/seeds/" + page);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '{')
            continue;
        std::size_t line_start = text.rfind('\n', i);
        line_start = line_start == std::string::npos ? 0 : line_start + 1;
        if (text.find_first_not_of(" \t", line_start) != i)
            continue;
        int depth = 0;
        bool in_string = false;
        std::size_t j = i;
        for (; j < text.size(); ++j) {
            char c = text[j];
            if (in_string) {
                if (c == '\\')
                    ++j;
                else if (c == '"')
                    in_string = false;
            } else if (c == '"') {
                in_string = true;
            } else if (c == '{') {
                ++depth;
            } else if (c == '}' && --depth == 0) {
                break;
            }
        }
        out.push_back(text.substr(i, j - i + 1));
        i = j;
    }
    return out;
}

EmulatorOptions seeded(const char* fixture, std::vector<std::string> extra = {}) {
    EmulatorOptions o;
    o.seed_file = emulator_fixture(fixture);
    o.extra_args = std::move(extra);
    return o;
}

json::value component(const Emulator& emu, const std::string& id) {
    auto r = emu.get("/api/v2/components/" + id);
    REQUIRE(r.status == 200);
    return r.json();
}

} // namespace

TEST_CASE("emulator: the seed pages hold 9 and 3 JSON examples") {
    CHECK(examples("batch-api-component-operations-incubating.txt").size() == 9);
    CHECK(examples("batch-api-components.txt").size() == 3);
}

TEST_CASE("emulator: seed example — upsert by custom field creates with batchId Y") {
    auto ex = examples("batch-api-component-operations-incubating.txt");
    Emulator emu(seeded("seed-pages.json"));
    auto r = emu.post("/api/v2/batch", ex[0]);
    REQUIRE(r.status == 200);
    auto created = r.json().at("components").at("created");
    REQUIRE(created.as_array().size() == 1);
    CHECK(created.at(0).at("batchId") == "Y");
    auto c = component(emu, str(created.at(0).at("id")));
    CHECK(c.at("name") == "Component 1");
    CHECK(json::serialize(c.at("customFields")) == R"({"my_id":"Y"})");
    // Sent again, the same upsert finds the component and updates it.
    auto again = emu.post("/api/v2/batch", ex[0]).json();
    CHECK(again.at("components").at("created").as_array().empty());
    CHECK(ids(again.at("components").at("updated"), "id") == ids(created, "id"));
}

TEST_CASE("emulator: seed example — upsert by name (trailing comma)") {
    auto ex = examples("batch-api-component-operations-incubating.txt");
    {
        Emulator emu(seeded("seed-pages.json"));
        auto r = emu.post("/api/v2/batch", ex[1]);
        CHECK(r.status == 400);
        CHECK(r.json().at("code") == "invalid_json");
    }
    Emulator emu(seeded("seed-pages.json", {"--json-trailing-commas"}));
    auto r = emu.post("/api/v2/batch", ex[1]).json();
    auto created = r.at("components").at("created");
    REQUIRE(created.as_array().size() == 1);
    CHECK(created.at(0).at("batchId") == "X");
    CHECK(component(emu, str(created.at(0).at("id"))).at("name") == "X");
}

TEST_CASE("emulator: seed example — create A") {
    auto ex = examples("batch-api-component-operations-incubating.txt");
    Emulator emu(seeded("seed-pages.json"));
    auto r = emu.post("/api/v2/batch", ex[2]);
    REQUIRE(r.status == 200);
    auto created = r.json().at("components").at("created");
    REQUIRE(created.as_array().size() == 1);
    CHECK(created.at(0).as_object().size() == 1); // no batchId given, no body asked for
    auto c = component(emu, str(created.at(0).at("id")));
    CHECK(c.at("name") == "A");
    CHECK(c.at("typeId") == "p1024822409134");
    CHECK(c.at("_version") == 1);
}

TEST_CASE("emulator: seed example — create B and C with parent B (trailing comma)") {
    auto ex = examples("batch-api-component-operations-incubating.txt");
    {
        Emulator emu(seeded("seed-pages.json"));
        CHECK(error_of(emu.post("/api/v2/batch", ex[3])) ==
              "400 invalid_json: POST /api/v2/batch: the request body is not valid JSON: line 10, "
              "column 1: syntax error | hint: fix the JSON syntax at that position");
    }
    Emulator emu(seeded("seed-pages.json", {"--json-trailing-commas"}));
    auto r = emu.post("/api/v2/batch", ex[3]).json();
    auto created = r.at("components").at("created");
    REQUIRE(created.as_array().size() == 2);
    CHECK(created.at(0).at("batchId") == "B");
    std::string b = str(created.at(0).at("id"));
    auto c = component(emu, str(created.at(1).at("id")));
    CHECK(c.at("name") == "C");
    CHECK(str(c.at("parent")) == b);
}

TEST_CASE("emulator: seed example — create D under the component aliased C") {
    auto ex = examples("batch-api-component-operations-incubating.txt");
    Emulator emu(seeded("seed-pages.json"));
    auto r = emu.post("/api/v2/batch", ex[4]);
    REQUIRE(r.status == 200);
    auto d = component(emu, str(r.json().at("components").at("created").at(0).at("id")));
    CHECK(d.at("name") == "D");
    CHECK(d.at("parent") == k_c);
}

TEST_CASE("emulator: seed example — update by OID with ifVersionMatch latest") {
    auto ex = examples("batch-api-component-operations-incubating.txt");
    Emulator emu(seeded("seed-pages.json"));
    auto r = emu.post("/api/v2/batch", ex[5]);
    REQUIRE(r.status == 200);
    CHECK(r.body == R"({"components":{"created":[],"updated":[{"id":"a0099b8d499b5d0001d84920"}],)"
                    R"("deleted":[]},"references":{"created":[],"updated":[],"deleted":[]}})");
    auto c = component(emu, "a0099b8d499b5d0001d84920");
    CHECK(c.at("name") == "Updated Component 1");
    CHECK(c.at("_version") == 5);
}

TEST_CASE("emulator: seed example — update B by alias and put it under A (trailing comma)") {
    auto ex = examples("batch-api-component-operations-incubating.txt");
    {
        Emulator emu(seeded("seed-pages.json"));
        CHECK(emu.post("/api/v2/batch", ex[6]).status == 400);
        CHECK(component(emu, k_b).at("parent").is_null());
    }
    Emulator emu(seeded("seed-pages.json", {"--json-trailing-commas"}));
    auto r = emu.post("/api/v2/batch", ex[6]);
    REQUIRE(r.status == 200);
    CHECK(ids(r.json().at("components").at("updated"), "id") == std::vector<std::string>{k_b});
    auto b = component(emu, k_b);
    CHECK(b.at("parent") == k_a);
    CHECK(b.at("description") == "Updated Component B");
}

TEST_CASE("emulator: seed example — delete by alias (trailing comma)") {
    auto ex = examples("batch-api-component-operations-incubating.txt");
    Emulator emu(seeded("seed-pages.json", {"--json-trailing-commas"}));
    auto r = emu.post("/api/v2/batch", ex[7]);
    REQUIRE(r.status == 200);
    CHECK(ids(r.json().at("components").at("deleted"), "id") == std::vector<std::string>{k_a});
    CHECK(emu.get(std::string("/api/v2/components/") + k_a).status == 404);
}

TEST_CASE("emulator: seed example — delete by match removes every A, or none") {
    auto ex = examples("batch-api-component-operations-incubating.txt");
    Emulator emu(seeded("seed-pages.json"));
    REQUIRE(emu.post("/api/v2/batch", ex[2]).status == 200); // a second component named A
    auto r = emu.post("/api/v2/batch", ex[8]);
    REQUIRE(r.status == 200);
    CHECK(r.json().at("components").at("deleted").as_array().size() == 2);
    CHECK(emu.get(std::string("/api/v2/components?name=A&rootWorkspace=") + k_ws)
              .json()
              .at("values")
              .as_array()
              .empty());
    auto none = emu.post("/api/v2/batch", ex[8]); // zero matches is not an error
    CHECK(none.status == 200);
    CHECK(none.json().at("components").at("deleted").as_array().empty());
}

TEST_CASE("emulator: seed example — create my_batch_id and a child under it") {
    auto ex = examples("batch-api-components.txt");
    Emulator emu(seeded("seed-pages.json"));
    auto r = emu.post("/api/v2/batch", ex[0]);
    REQUIRE(r.status == 200);
    auto created = r.json().at("components").at("created");
    REQUIRE(created.as_array().size() == 2);
    CHECK(created.at(0).at("batchId") == "my_batch_id");
    std::string a = str(created.at(0).at("id"));
    auto b = component(emu, str(created.at(1).at("id")));
    CHECK(str(b.at("parent")) == a);
    CHECK(json::serialize(b.at("customFields")) == R"({"my_field":"Y"})");
    CHECK(json::serialize(component(emu, a).at("customFields")) == R"({"my_field":"X"})");
}

TEST_CASE("emulator: seed example — update by latest and by version 16, unsetting the parent") {
    auto ex = examples("batch-api-components.txt");
    Emulator emu(seeded("seed-pages-components.json"));
    auto r = emu.post("/api/v2/batch", ex[1]);
    REQUIRE(r.status == 200);
    CHECK(ids(r.json().at("components").at("updated"), "id") ==
          std::vector<std::string>{"65970becbc241d0001ccdd43", "c253c98231776d0c8a54879e"});
    auto first = component(emu, "65970becbc241d0001ccdd43");
    CHECK(first.at("_version") == 4);
    CHECK(json::serialize(first.at("customFields")) == R"({"my_other_field":100})");
    auto second = component(emu, "c253c98231776d0c8a54879e");
    CHECK(second.at("_version") == 17);
    CHECK(second.at("parent").is_null());
    // Version 16 is gone now: the same request conflicts and changes nothing.
    std::string before = emu.state();
    auto again = emu.post("/api/v2/batch", ex[1]);
    CHECK(error_of(again) ==
          "409 version_conflict: components.update[1]: ifVersionMatch 16 does not match _version "
          "17 of component c253c98231776d0c8a54879e | hint: fetch the component again and retry "
          "with its current _version, or use \"latest\"");
    CHECK(emu.state() == before);
}

TEST_CASE("emulator: seed example — delete three components by OID") {
    auto ex = examples("batch-api-components.txt");
    Emulator emu(seeded("seed-pages-components.json"));
    auto r = emu.post("/api/v2/batch", ex[2]);
    REQUIRE(r.status == 200);
    CHECK(ids(r.json().at("components").at("deleted"), "id") ==
          std::vector<std::string>{"65970becbc241d0001ccdd43", "c253c98231776d0c8a54879e",
                                   "4b131856bb51f7fa1aace0db"});
    CHECK(emu.get("/api/v2/components").json().at("values").as_array().empty());
}
