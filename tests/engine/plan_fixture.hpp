#pragma once
// Test support for the planner, batch and report tests: a small workspace (metamodel,
// snapshot) and a desired state built in memory, and a compact text rendering of a plan
// that tests compare as a whole.

#include "plan/planner.hpp"
#include "plan/resolve.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ardoq::test {

// A deterministic OID: "c0000000000000000000000" + n in hex (n < 2^32).
inline model::Oid oid(unsigned n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "c000000000000000%08x", n);
    return *model::Oid::parse(buf);
}

inline constexpr const char* k_workspace = "a00000000000000000000001";

struct PlanFixture {
    model::Snapshot snap;
    model::DesiredState desired;
    model::SyncPolicy policy;
    plan::PlanOptions options;
    unsigned next_oid = 1;

    PlanFixture() {
        snap.workspace = {k_workspace, "Portfolio", 3, ""};
        auto& ctx = snap.context;
        ctx.workspace_id = k_workspace;
        std::vector<std::string> all{"external_id", "lifecycle", "cost", "live_since",
                                     "tags",        "active",    "score"};
        ctx.component_types = {{"p1", "Domain", "", all},
                               {"p2", "Application", "p1", all},
                               {"p3", "Server", "", all},
                               {"p4", "Capability", "", {"external_id"}}};
        ctx.reference_types = {{2, "Depends on", {"external_id", "cost"}}, {3, "Runs on", {}}};
        auto field = [](std::string key, model::FieldType t, bool calculated = false) {
            model::FieldDef f;
            f.api_key = std::move(key);
            f.label = f.api_key;
            f.type = t;
            f.calculated = calculated;
            return f;
        };
        ctx.fields = {field("external_id", model::FieldType::text),
                      field("lifecycle", model::FieldType::list),
                      field("cost", model::FieldType::number),
                      field("live_since", model::FieldType::date_time),
                      field("tags", model::FieldType::select_multiple_list),
                      field("active", model::FieldType::checkbox),
                      field("score", model::FieldType::number, true)};
        for (const auto& f : ctx.fields)
            snap.intern_field(f.api_key);
    }

    std::string_view type_id(std::string_view type_name) const {
        const auto* t = snap.context.component_type_by_name(type_name);
        REQUIRE(t != nullptr);
        return t->type_id;
    }

    // An Ardoq component with identity `key` in external_id ("" for none) and more fields.
    model::Oid existing(std::string_view type, std::string_view key, std::string_view name,
                        std::optional<model::Oid> parent = {}, const model::Object& fields = {},
                        std::int64_t version = 1) {
        model::SnapshotComponent c;
        c.id = oid(next_oid++);
        c.parent = parent;
        c.version = version;
        c.type_id = type_id(type);
        c.name = name;
        if (!key.empty())
            c.custom_fields.push_back({snap.intern_field("external_id"), model::Value(key)});
        for (const auto& f : fields)
            c.custom_fields.push_back({snap.intern_field(f.key), f.value});
        snap.add_component(c);
        return c.id;
    }

    model::Oid existing_ref(std::string_view type, model::Oid source, model::Oid target,
                            const model::Object& fields = {}, std::int64_t version = 1) {
        model::SnapshotReference r;
        r.id = oid(0x10000 + next_oid++);
        r.source = source;
        r.target = target;
        r.type = snap.context.reference_type_by_name(type)->type;
        r.version = version;
        for (const auto& f : fields)
            r.custom_fields.push_back({snap.intern_field(f.key), f.value});
        snap.add_reference(r);
        return r.id;
    }

    // A desired component from apps.csv line `line` (rule 0).
    model::DesiredComponent& want(std::string type, std::string key, std::string name,
                                  std::uint64_t line, model::Object fields = {}) {
        model::DesiredComponent c;
        c.type = std::move(type);
        c.key = std::move(key);
        c.name = std::move(name);
        c.fields = std::move(fields);
        c.origin = model::Origin{"apps", "apps.csv", line, line - 1};
        desired.components.push_back(std::move(c));
        return desired.components.back();
    }

    model::DesiredReference& want_ref(std::string type, model::ComponentRef source,
                                      model::ComponentRef target, std::uint64_t line,
                                      model::Object fields = {}) {
        model::DesiredReference r;
        r.type = std::move(type);
        r.source = std::move(source);
        r.target = std::move(target);
        r.fields = std::move(fields);
        r.origin = model::Origin{"deps", "deps.json", line, line};
        desired.references.push_back(std::move(r));
        return desired.references.back();
    }

    plan::Plan run() const {
        auto types = plan::resolve_types(desired, policy, snap.context);
        if (!types)
            FAIL(types.error().to_string());
        return plan::make_plan(std::make_shared<const model::DesiredState>(desired),
                               std::make_shared<const model::Snapshot>(snap), policy, *types,
                               options);
    }
};

// One line per entry: "component Application app-1: changed update", then its field
// changes ("  cost: 1 → 2"), reason ("  reason: ...") and hint ("  hint: ...").
inline std::string render_entries(const plan::Plan& p) {
    std::string out;
    auto details = [&](std::uint32_t index) {
        const plan::Detail* d = p.detail(index);
        if (d == nullptr)
            return;
        for (const auto& c : d->changes)
            out += "  " + c.field + ": " + c.before.to_json() + " → " + c.after.to_json() + "\n";
        if (!d->reason.empty())
            out += "  reason: " + d->reason + "\n";
        if (!d->hint.empty())
            out += "  hint: " + d->hint + "\n";
    };
    for (const auto& e : p.components) {
        out += "component " + std::string(p.type_name(e)) + " " + std::string(p.key(e)) + ": " +
               std::string(plan::situation_name(e.situation)) + " " +
               std::string(plan::action_name(e.action)) + "\n";
        details(e.detail);
    }
    for (const auto& e : p.references) {
        out += "reference " + std::string(p.type_name(e)) + " " + p.key(e) + ": " +
               std::string(plan::situation_name(e.situation)) + " " +
               std::string(plan::action_name(e.action)) + "\n";
        details(e.detail);
    }
    return out;
}

} // namespace ardoq::test
