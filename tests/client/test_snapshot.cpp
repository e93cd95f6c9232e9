#include "model/snapshot.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

using namespace ardoq::model;

namespace {

Oid oid(const char* text) {
    return *Oid::parse(text);
}

Snapshot sample() {
    Snapshot s;
    auto ext = s.intern_field("external_id");
    auto cost = s.intern_field("cost");
    std::string name = "Billing Service"; // a temporary the snapshot must copy
    SnapshotComponent a;
    a.id = oid("aaaaaaaaaaaaaaaaaaaaaaa1");
    a.type_id = "p1";
    a.name = name;
    a.custom_fields = {{cost, Value(std::int64_t{12})}, {ext, Value("app-1")}};
    s.add_component(a);
    name = "overwritten";
    SnapshotComponent b;
    b.id = oid("aaaaaaaaaaaaaaaaaaaaaaa2");
    b.type_id = "p1";
    b.name = "BILLING service";
    b.parent = a.id;
    b.description = std::string_view("child");
    b.custom_fields = {{ext, Value("app-2")}, {cost, Value(12.0)}};
    s.add_component(b);
    SnapshotComponent c;
    c.id = oid("aaaaaaaaaaaaaaaaaaaaaaa3");
    c.type_id = "p2";
    c.name = "Billing Service";
    c.parent = a.id;
    s.add_component(c);
    SnapshotReference r;
    r.id = oid("bbbbbbbbbbbbbbbbbbbbbbb1");
    r.source = a.id;
    r.target = b.id;
    r.type = 3;
    s.add_reference(r);
    r.id = oid("bbbbbbbbbbbbbbbbbbbbbbb2");
    s.add_reference(r);
    s.reindex();
    return s;
}

} // namespace

TEST_CASE("client: snapshot copies entity text and finds components by id, name and field") {
    Snapshot s = sample();
    REQUIRE(s.components().size() == 3);
    CHECK(s.components()[0].name == "Billing Service");
    CHECK(s.component_by_id(oid("aaaaaaaaaaaaaaaaaaaaaaa2")) == EntityIndex{1});
    CHECK_FALSE(s.component_by_id(oid("aaaaaaaaaaaaaaaaaaaaaaa9")).has_value());
    // Case-insensitive within a type: both p1 components, not the p2 one.
    CHECK(s.components_by_name("p1", "billing SERVICE") == std::vector<EntityIndex>{0, 1});
    CHECK(s.components_by_name("p2", "billing service") == std::vector<EntityIndex>{2});
    CHECK(s.components_by_name("p3", "billing service").empty());
    CHECK(s.components_by_field("external_id", "app-2") == std::vector<EntityIndex>{1});
    // Numbers compare by their text: 12 (int) and 12.0 (double) both render as "12".
    CHECK(s.components_by_field("cost", "12") == std::vector<EntityIndex>{0, 1});
    CHECK(s.components_by_field("cost", "13").empty());
    CHECK(s.components_by_field("no_such_field", "x").empty());
    CHECK(s.children_of(oid("aaaaaaaaaaaaaaaaaaaaaaa1")) == std::vector<EntityIndex>{1, 2});
    CHECK(s.children_of(oid("aaaaaaaaaaaaaaaaaaaaaaa2")).empty());
    CHECK(s.references_between(oid("aaaaaaaaaaaaaaaaaaaaaaa1"), oid("aaaaaaaaaaaaaaaaaaaaaaa2"),
                               3) == std::vector<EntityIndex>{0, 1});
    CHECK(s.references_between(oid("aaaaaaaaaaaaaaaaaaaaaaa1"), oid("aaaaaaaaaaaaaaaaaaaaaaa2"), 4)
              .empty());
    CHECK(s.reference_by_id(oid("bbbbbbbbbbbbbbbbbbbbbbb2")) == EntityIndex{1});
    // Custom fields are kept sorted by key.
    CHECK(s.components()[1].custom_fields.begin()->key == *s.find_field("external_id"));
}

TEST_CASE("client: snapshot copy owns its text and removal keeps indexes consistent") {
    Snapshot copy;
    {
        Snapshot original = sample();
        copy = original;
    }
    CHECK(copy.components()[1].name == "BILLING service");
    CHECK(copy.components()[1].description == std::optional<std::string_view>("child"));
    CHECK(copy.components_by_name("p1", "billing service").size() == 2);

    CHECK(copy.remove_components(
              {oid("aaaaaaaaaaaaaaaaaaaaaaa1"), oid("aaaaaaaaaaaaaaaaaaaaaaa9")}) == 1);
    copy.reindex();
    CHECK(copy.components().size() == 2);
    CHECK(copy.component_by_id(oid("aaaaaaaaaaaaaaaaaaaaaaa3")) == EntityIndex{1});
    CHECK(copy.components_by_name("p1", "billing service") == std::vector<EntityIndex>{0});
    CHECK(copy.remove_references({oid("bbbbbbbbbbbbbbbbbbbbbbb1")}) == 1);
    copy.reindex();
    CHECK(copy.reference_by_id(oid("bbbbbbbbbbbbbbbbbbbbbbb2")) == EntityIndex{0});
}

TEST_CASE("client: snapshot lookups see entities added or removed since, without reindex()") {
    Snapshot s = sample();
    CHECK(s.component_by_id(oid("aaaaaaaaaaaaaaaaaaaaaaa2")) == EntityIndex{1}); // builds
    SnapshotComponent c;
    c.id = oid("aaaaaaaaaaaaaaaaaaaaaaa7");
    c.parent = oid("aaaaaaaaaaaaaaaaaaaaaaa1");
    c.type_id = "p1";
    c.name = "Billing Service";
    s.add_component(c);
    CHECK(s.component_by_id(oid("aaaaaaaaaaaaaaaaaaaaaaa7")) == EntityIndex{3});
    CHECK(s.components_by_name("p1", "billing service") == std::vector<EntityIndex>{0, 1, 3});
    CHECK(s.children_of(oid("aaaaaaaaaaaaaaaaaaaaaaa1")) == std::vector<EntityIndex>{1, 2, 3});
    CHECK(s.reference_by_id(oid("bbbbbbbbbbbbbbbbbbbbbbb2")) == EntityIndex{1}); // builds
    CHECK(s.remove_references({oid("bbbbbbbbbbbbbbbbbbbbbbb1")}) == 1);
    CHECK(s.reference_by_id(oid("bbbbbbbbbbbbbbbbbbbbbbb2")) == EntityIndex{0});
    CHECK(s.remove_components({oid("aaaaaaaaaaaaaaaaaaaaaaa2")}) == 1);
    CHECK(s.component_by_id(oid("aaaaaaaaaaaaaaaaaaaaaaa7")) == EntityIndex{2});
    CHECK_FALSE(s.component_by_id(oid("aaaaaaaaaaaaaaaaaaaaaaa2")).has_value());
}

TEST_CASE("client: OID generator makes distinct time-prefixed 24-hex ids") {
    OidGenerator gen(42, 0x65970bec);
    auto a = gen.next();
    auto b = gen.next();
    CHECK(a != b);
    CHECK(a.to_string().substr(0, 8) == "65970bec");
    CHECK(b.to_string().substr(0, 18) == a.to_string().substr(0, 18));
    OidGenerator same(42, 0x65970bec);
    CHECK(same.next() == a);
    CHECK(Oid::parse(a.to_string()) == a);
}

TEST_CASE("client: a component with 10 custom fields takes less than 600 bytes in a snapshot") {
    // Realistic values: short codes, numbers, a flag, a list, and four strings too long to be
    // stored inline (a timestamp, an e-mail address, a URL, a note).
    constexpr std::size_t k_components = 10'000;
    Snapshot s;
    std::vector<FieldKey> keys;
    for (const char* key : {"external_id", "lifecycle", "annual_cost", "score", "critical",
                            "go_live", "owner_email", "labels", "url", "notes"})
        keys.push_back(s.intern_field(key));
    s.reserve(k_components, 0);
    for (std::size_t i = 0; i < k_components; ++i) {
        char id[32];
        std::snprintf(id, sizeof id, "e%023zx", i);
        SnapshotComponent c;
        c.id = oid(id);
        if (i >= 100)
            c.parent = s.components()[i % 100].id;
        c.version = 3;
        c.type_id = i < 100 ? "p1000000000001" : "p1000000000002";
        const std::string name = "Application " + std::to_string(100000 + i);
        c.name = name;
        const std::string key = "APP-" + std::to_string(i + 1);
        c.component_key = key;
        const std::string description = "an application of the portfolio, no. " + std::to_string(i);
        if (i % 4 == 0)
            c.description = description;
        c.last_updated = "2026-07-13T08:13:30.378Z";
        c.custom_fields = {{keys[0], Value("app-" + std::to_string(i))},
                           {keys[1], Value(i % 3 == 0 ? "Planned" : "Live")},
                           {keys[2], Value(static_cast<std::int64_t>(i * 10))},
                           {keys[3], Value(0.5 + static_cast<double>(i))},
                           {keys[4], Value(i % 2 == 0)},
                           {keys[5], Value("2025-01-01T00:00:00.000Z")},
                           {keys[6], Value("owner" + std::to_string(i) + "@example.com")},
                           {keys[7], Value(List{Value("web"), Value("batch")})},
                           {keys[8], Value("https://apps.example.com/" + std::to_string(i))},
                           {keys[9], Value("reviewed by the architecture board in spring")}};
        s.add_component(std::move(c));
    }
    s.reindex();
    REQUIRE(s.components().size() == k_components);
    REQUIRE(s.components_by_name("p1000000000002", "application 100200").size() == 1);

    const std::size_t per_component = s.memory_bytes() / k_components;
    MESSAGE("bytes per component with 10 custom fields: ", per_component);
    // The entity and its packed field bytes alone take this much; the estimate cannot be less.
    std::size_t packed = 0;
    for (const auto& c : s.components())
        packed += c.custom_fields.bytes().size();
    CHECK(per_component >= sizeof(SnapshotComponent) + packed / k_components);
    // Ten fields are packed into one block: no Value (40 bytes) or heap string per field.
    CHECK(per_component < 600);
}
