#pragma once
// Test support for report tests: one plan with every action (create, update, delete,
// unchanged, conflict, cache miss, error, skip) and a delete guard finding.

#include "engine/plan_fixture.hpp"

namespace ardoq::test {

inline plan::Plan varied_plan(bool refuse_deletes = false) {
    PlanFixture f;
    f.policy.deletes = model::DeleteMode::mirror;
    f.policy.max_delete_ratio = refuse_deletes ? 0.1 : 1.0;
    f.policy.on_duplicate = model::OnDuplicate::first;
    auto d = f.existing("Domain", "dom-1", "Sales");
    auto a1 = f.existing("Application", "app-1", "crm", d, {{"cost", model::Value(10)}}, 4);
    auto a2 = f.existing("Application", "app-2", "ERP", d);
    f.existing("Application", "app-3", "Old <legacy> | tool", d);
    f.existing("Server", "srv-1", "db01");
    f.existing("Server", "srv-1", "db01 copy");
    f.existing_ref("Depends on", a1, a2);
    f.want("Domain", "dom-1", "Sales", 2);
    f.want("Application", "app-1", "CRM", 3, {{"cost", model::Value(12.5)}}).parent =
        model::ComponentRef{"Domain", "dom-1"};
    f.want("Application", "app-2", "ERP", 4).parent = model::ComponentRef{"Domain", "dom-1"};
    f.want("Application", "app-4", "Billing", 5).parent = model::ComponentRef{"Domain", "dom-1"};
    f.want("Application", "app-4", "Billing again", 6);
    f.want("Application", "app-5", "Orphan", 7).parent = model::ComponentRef{"Domain", "dom-9"};
    f.want("Server", "srv-1", "db01", 8);
    f.want_ref("Depends on", {"Application", "app-1"}, {"Application", "app-2"}, 1);
    f.want_ref("Depends on", {"Application", "app-4"}, {"Application", "app-1"}, 2);
    return f.run();
}

} // namespace ardoq::test
