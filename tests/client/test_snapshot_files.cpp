#include "connectors/cache/snapshot_json.hpp"

#include "client/sample_workspace.hpp"
#include "connectors/ardoq/json_model.hpp"
#include "connectors/cache/snapshot_binary.hpp"
#include "connectors/cache/snapshot_cache.hpp"
#include "connectors/cache/snapshot_loader.hpp"
#include "model/errors.hpp"
#include "support/process.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <filesystem>

using namespace ardoq::connectors;
using namespace ardoq::model;
using ardoq::test::sample_workspace_json;
namespace fs = std::filesystem;

namespace {

std::string input_error(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

std::string run_error(const std::function<void()>& f) {
    try {
        f();
    } catch (const RunError& e) {
        return e.what();
    }
    return "(no error)";
}

// Everything a snapshot holds, as one comparable text (the JSON export is exhaustive).
std::string dump(const Snapshot& s) {
    return snapshot_to_json_text(s);
}

} // namespace

TEST_CASE("client: the JSON snapshot format reads back what it wrote") {
    auto s = parse_snapshot_json(sample_workspace_json(), "ws.json");
    CHECK(s.workspace.name == "Application Portfolio");
    CHECK(s.workspace.version == 3);
    CHECK(s.host == "http://127.0.0.1:9");
    REQUIRE(s.components().size() == 3);
    REQUIRE(s.references().size() == 1);
    const auto& billing = s.components()[1];
    CHECK(billing.name == "Billing");
    CHECK(billing.parent == Oid::parse(ardoq::test::k_domain_id));
    CHECK(billing.description == std::optional<std::string_view>("Bills — ünïcode"));
    CHECK(s.components()[0].description == std::nullopt);
    CHECK(s.components()[2].description == std::optional<std::string_view>(""));
    CHECK(Snapshot::field_value(billing.custom_fields, *s.find_field("cost"))->as_double() == 12.5);
    CHECK(Snapshot::field_value(billing.custom_fields, *s.find_field("tags"))->to_json() ==
          R"(["a","b"])");
    CHECK(s.context.component_types[1].parent_type_id == "p1");
    CHECK(s.context.field("lifecycle")->options == std::vector<std::string>{"Live", "Planned"});
    CHECK(s.context.tags == std::vector<std::string>{"core"});
    CHECK(s.references()[0].display_text == std::optional<std::string_view>("posts to"));
    CHECK(s.components_by_field("external_id", "app-2") == std::vector<EntityIndex>{2});

    auto again = parse_snapshot_json(dump(s), "again.json");
    CHECK(dump(again) == dump(s));
}

TEST_CASE("client: snapshot file errors point at the file, line and column") {
    CHECK(input_error([] { parse_snapshot_json("{\n  \"workspace\": {,}\n}", "ws.json"); }) ==
          "ws.json:2:17: error: invalid JSON: syntax error\n  hint: fix the JSON syntax at this "
          "position");
    CHECK(input_error([] { parse_snapshot_json("[]", "ws.json"); }) ==
          "ws.json: error: a snapshot file holds one JSON object\n"
          "  hint: the file must have the shape `ardoq-sync snapshot export` writes "
          "(docs/snapshot.md)");
    CHECK(input_error([] {
              parse_snapshot_json(
                  R"({"workspace": {"_id": "aaaaaaaaaaaaaaaaaaaaaaaa", "name": "W"}, "context": {},
        "components": [{"_id": "bad", "name": "x", "typeId": "p1"}]})",
                  "ws.json");
          }) == "ws.json: error: components[0]: \"_id\" is not a 24-hex object id: \"bad\"\n"
                "  hint: the file must have the shape `ardoq-sync snapshot export` writes "
                "(docs/snapshot.md)");
    CHECK(input_error([] {
              parse_snapshot_json(R"({"formatVersion": 9, "workspace": {}})", "ws.json");
          }) == "ws.json: error: unsupported \"formatVersion\" 9\n"
                "  hint: this ardoq-sync reads snapshot files up to format version 1; export the "
                "snapshot again");
    CHECK(
        input_error([] { read_snapshot_json("/nonexistent/ws.json"); }) ==
        "/nonexistent/ws.json: error: cannot read the snapshot file: No such file or directory\n"
        "  hint: create it with `ardoq-sync snapshot export --workspace W > /nonexistent/ws.json`");
}

TEST_CASE("client: the binary cache format round-trips every field") {
    auto s = parse_snapshot_json(sample_workspace_json(), "ws.json");
    // Values of every kind, including an object and a long string.
    auto& app = s.components()[2];
    app.custom_fields.push_back({s.intern_field("zz_object"),
                                 value_from_json(boost::json::parse(R"({"k": true, "n": null})"))});
    app.custom_fields.push_back({s.intern_field("zz_long"), Value(std::string(300, 'x'))});
    app.custom_fields.push_back({s.intern_field("zz_neg"), Value(std::int64_t{-42})});
    // Lists and objects are stored as JSON text and packed straight from its parse: every
    // kind nested, a number beyond int64 (held as a double), empty containers.
    app.custom_fields.push_back(
        {s.intern_field("zz_nested"),
         value_from_json(boost::json::parse(
             R"([1, -2, 2.5, 18446744073709551615, "x", "", null, false, true, [], {},)"
             R"( {"a": [{"b": "long text beyond the short-string buffer", "c": [3, [4]]}]}])"))});
    app.custom_fields.push_back(
        {s.intern_field("zz_labels"), value_from_json(boost::json::parse(R"(["web", "batch"])"))});
    s.reindex();
    auto dir = ardoq::test::make_temp_dir();
    auto path = fs::path(dir) / "ws.snap";
    write_snapshot_binary(path, s);
    SnapshotFileInfo info;
    auto loaded = read_snapshot_binary(path, &info);
    CHECK(dump(loaded) == dump(s));
    CHECK(loaded.fetched_at == "2024-01-02T03:04:05.000Z");
    CHECK(loaded.components_by_name("p2", "LEDGER") == std::vector<EntityIndex>{2});
    CHECK(info.components == 3);
    CHECK(info.references == 1);
    CHECK(info.workspace.name == "Application Portfolio");
    CHECK_FALSE(info.stale);
    set_snapshot_binary_stale(path, true);
    CHECK(read_snapshot_binary_info(path).stale);
    CHECK(dump(read_snapshot_binary(path)) == dump(s));
    // The loaded text points into the file's mapped string table: it stays intact when the
    // cache writes a new file over it, and when the file is removed.
    auto other = parse_snapshot_json(sample_workspace_json(), "ws.json");
    other.components()[0].custom_fields.clear();
    other.reindex();
    write_snapshot_binary(path, other);
    CHECK(dump(loaded) == dump(s));
    CHECK(dump(read_snapshot_binary(path)) == dump(other));
    fs::remove(path);
    CHECK(dump(loaded) == dump(s));
    CHECK(loaded.components_by_name("p2", "LEDGER") == std::vector<EntityIndex>{2});
}

TEST_CASE("client: cached custom fields are read in place, checked, and copied to change") {
    auto s = parse_snapshot_json(sample_workspace_json(), "ws.json");
    const auto lifecycle = s.intern_field("lifecycle");
    const auto external_id = s.intern_field("external_id");
    s.components()[1].custom_fields.erase(external_id);
    s.components()[1].custom_fields.push_back({external_id, Value("MARKER-cf-0001")});
    s.components()[2].custom_fields.push_back({lifecycle, Value("Planned")}); // after "cost"
    s.reindex();
    const auto expected = dump(Snapshot(s)); // a copy sorts each entity's fields by key
    CHECK(expected != dump(s));
    auto dir = ardoq::test::make_temp_dir();
    auto path = fs::path(dir) / "ws.snap";
    write_snapshot_binary(path, s); // sorts the fields changed in place
    auto loaded = read_snapshot_binary(path);
    CHECK(dump(loaded) == expected);
    for (const auto& c : loaded.components()) {
        CHECK(c.custom_fields.borrowed());
        CHECK(c.custom_fields.heap_bytes() == 0);
        FieldKey last = 0;
        for (const auto& f : c.custom_fields) {
            CHECK(f.key >= last);
            last = f.key;
        }
    }
    CHECK(loaded.components()[2].custom_fields.find(lifecycle)->as_string() == "Planned");

    // A copy of the snapshot owns its fields; a change copies the one entity's first.
    const Snapshot copy = loaded;
    CHECK_FALSE(copy.components()[1].custom_fields.borrowed());
    CHECK(dump(copy) == expected);
    loaded.components()[1].custom_fields.push_back({s.intern_field("tags"), Value("changed")});
    CHECK_FALSE(loaded.components()[1].custom_fields.borrowed());
    CHECK(loaded.components()[2].custom_fields.borrowed());
    CHECK(dump(read_snapshot_binary(path)) == expected); // the file is as written
    CHECK(dump(copy) == expected);

    // Fields that do not parse are damage, as is a field key listed twice.
    auto bytes = ardoq::test::read_file(path.string());
    // The error reading `damaged` (written to a file of its own) gives.
    auto error_of = [&](const std::string& damaged, const std::string& name) {
        auto file = fs::path(dir) / name;
        ardoq::test::write_file(file.string(), damaged);
        const auto prefix = "cache file " + file.string() + " is damaged: ";
        auto message = run_error([&] { read_snapshot_binary(file); });
        CHECK(message.starts_with(prefix));
        CHECK(message.ends_with("\n  hint: run without --offline to fetch the snapshot again, "
                                "or `ardoq-sync cache clear`"));
        return message.substr(0, message.find('\n'))
            .substr(std::min(prefix.size(), message.size()));
    };
    const auto marker = bytes.find("MARKER-cf-0001");
    REQUIRE(marker != std::string::npos);
    REQUIRE(bytes[marker - 2] == '\x05'); // the string's tag, before its one-byte length
    auto bad_tag = bytes;
    bad_tag[marker - 2] = '\x09';
    CHECK(error_of(bad_tag, "fields.snap") == "the custom fields of an entity are malformed");
    const auto keys = bytes.find("\"fieldKeys\":[");
    REQUIRE(keys != std::string::npos);
    const auto cost = bytes.find("\"cost\"", keys);
    REQUIRE(cost != std::string::npos);
    auto twice = bytes;
    twice.replace(cost, 6, "\"tags\""); // same length: nothing else moves
    CHECK(error_of(twice, "twice.snap") == "its list of custom field keys names a key twice");
}

TEST_CASE("client: parsed JSON packs to the bytes of its model value, every kind") {
    // The cache loader packs list and object fields from their parse (JsonValueView); the
    // bytes must be those of the Value that value_from_json makes, which they are compared
    // with. An unsigned number beyond int64 is a double; below it, an integer.
    for (const char* text :
         {"null", "true", "false", "0", "-42", "9223372036854775807", "9223372036854775808",
          "18446744073709551615", "2.5", "1e300", "\"\"", "\"text beyond the small buffer\"", "[]",
          "{}", R"([1, [2, [3, "x"]], {"a": null}])",
          R"({"k": [true, 18446744073709551615], "": {"n": -1.5}})"}) {
        CAPTURE(text);
        const auto parsed = boost::json::parse(text);
        std::string direct;
        pack_value_like(direct, JsonValueView{parsed});
        std::string through_value;
        pack_value(through_value, value_from_json(parsed));
        CHECK(direct == through_value);
    }
    CHECK(value_from_json(boost::json::parse("9223372036854775808")).is_double());
    CHECK(value_from_json(boost::json::parse("9223372036854775807")).as_int() ==
          9223372036854775807);
}

TEST_CASE("client: a damaged or foreign cache file is reported, not misread") {
    auto s = parse_snapshot_json(sample_workspace_json(), "ws.json");
    auto dir = ardoq::test::make_temp_dir();
    auto path = fs::path(dir) / "ws.snap";
    write_snapshot_binary(path, s);
    auto bytes = ardoq::test::read_file(path.string());
    auto truncated = fs::path(dir) / "cut.snap";
    ardoq::test::write_file(truncated.string(), bytes.substr(0, bytes.size() - 200));
    CHECK(run_error([&] {
              read_snapshot_binary(truncated);
          }).starts_with("cache file " + truncated.string() + " is damaged: "));
    // Cut inside the string table (its offset and length are at bytes 32 and 40).
    auto u64_at = [&](std::size_t at) {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < 8; ++i)
            v |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
        return v;
    };
    const auto strings_end = u64_at(32) + u64_at(40);
    REQUIRE(u64_at(40) > 2);
    auto short_strings = fs::path(dir) / "short.snap";
    ardoq::test::write_file(short_strings.string(), bytes.substr(0, strings_end - 2));
    CHECK(run_error([&] { read_snapshot_binary(short_strings); }) ==
          "cache file " + short_strings.string() +
              " is damaged: it ends early\n"
              "  hint: run without --offline to fetch the snapshot again, or `ardoq-sync cache "
              "clear`");
    auto other = bytes;
    other[8] = 7; // format version 7
    auto foreign = fs::path(dir) / "v7.snap";
    ardoq::test::write_file(foreign.string(), other);
    CHECK(run_error([&] { read_snapshot_binary(foreign); }) ==
          "cache file " + foreign.string() +
              " has format version 7, this ardoq-sync reads version 2\n"
              "  hint: run without --offline to fetch the snapshot again");
    auto junk = fs::path(dir) / "junk.snap";
    ardoq::test::write_file(junk.string(), "hello");
    CHECK(run_error([&] { read_snapshot_binary_info(junk); }) ==
          "cache file " + junk.string() +
              " is damaged: it is not an ardoq-sync snapshot cache file\n"
              "  hint: run without --offline to fetch the snapshot again, or `ardoq-sync cache "
              "clear`");
}

TEST_CASE(
    "client: the cache stores per host and workspace, finds by id or name, lists and clears") {
    auto s = parse_snapshot_json(sample_workspace_json(), "ws.json");
    SnapshotCache cache(fs::path(ardoq::test::make_temp_dir()) / "cache");
    auto path = cache.store("127.0.0.1_8080", s);
    CHECK(path == cache.root() / "127.0.0.1_8080" / (ardoq::test::k_ws_id + ".snap"));
    CHECK(cache.load("127.0.0.1_8080", ardoq::test::k_ws_id)->components().size() == 3);
    CHECK(cache.load("127.0.0.1_8080", "Application Portfolio")->references().size() == 1);
    CHECK_FALSE(cache.load("127.0.0.1_8080", "Other").has_value());
    CHECK_FALSE(cache.load("x.ardoq.com", ardoq::test::k_ws_id).has_value());
    cache.store("x.ardoq.com", s);
    cache.mark_stale("x.ardoq.com", ardoq::test::k_ws_id);
    auto entries = cache.list();
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].host_key == "127.0.0.1_8080");
    CHECK_FALSE(entries[0].info.stale);
    CHECK(entries[1].host_key == "x.ardoq.com");
    CHECK(entries[1].info.stale);
    CHECK(entries[1].bytes == fs::file_size(entries[1].path));
    CHECK(cache.clear("x.ardoq.com") == 1);
    CHECK(cache.list().size() == 1);
    CHECK(cache.clear({}, "Application Portfolio") == 1);
    CHECK(cache.list().empty());
    CHECK(safe_host_key("a/b:c") == "a_b_c");
}

TEST_CASE("client: --offline loads the cache and names what is missing") {
    auto s = parse_snapshot_json(sample_workspace_json(), "ws.json");
    SnapshotCache cache(fs::path(ardoq::test::make_temp_dir()) / "cache");
    CHECK(
        input_error([&] { load_snapshot(nullptr, cache, "h_1", "Application Portfolio", true); }) ==
        "--offline: error: no cached snapshot of workspace \"Application Portfolio\" for h_1 in " +
            cache.root().string() +
            "\n  hint: run once without --offline to fetch it (`ardoq-sync cache show` lists what "
            "is cached)");
    cache.store("h_1", s, true);
    auto loaded = load_snapshot(nullptr, cache, "h_1", "Application Portfolio", true);
    CHECK(loaded.origin == SnapshotOrigin::cached);
    CHECK(loaded.stale);
    CHECK(loaded.snapshot.components().size() == 3);
    TargetOptions o;
    o.target = "https://myorg.ardoq.com:8443/api/v2";
    CHECK(cache_key_of(o) == "myorg.ardoq.com_8443");
    o.target = "file:ws.json";
    CHECK(cache_key_of(o).empty());
}
