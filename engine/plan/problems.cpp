#include "plan/planner.hpp"
#include "plan/resolve.hpp"

#include <type_traits>

namespace ardoq::plan {

namespace {

template <typename Entry>
void add_problems(const Plan& plan, const std::vector<Entry>& entries, model::Diagnostics& out) {
    for (const auto& e : entries) {
        if (e.action != Action::error && e.action != Action::conflict)
            continue;
        const Detail* d = plan.detail(e.detail);
        std::string message =
            plan.describe(e) + ": " + (d ? d->reason : std::string(situation_name(e.situation)));
        if (e.action == Action::conflict)
            message = "conflict: " + message;
        model::Location where;
        if (e.desired != k_none) {
            if constexpr (std::is_same_v<Entry, ComponentEntry>)
                where = origin_location(plan.desired->components[e.desired].origin);
            else
                where = origin_location(plan.desired->references[e.desired].origin);
        }
        out.error(std::move(where), std::move(message), d ? d->hint : std::string());
    }
}

} // namespace

model::Diagnostics plan_problems(const Plan& plan, std::size_t cap) {
    model::Diagnostics out(cap);
    add_problems(plan, plan.components, out);
    add_problems(plan, plan.references, out);
    if (plan.guard.refused)
        for (const auto& f : plan.guard.findings)
            out.error({}, "delete guard: " + f.message, plan.guard.hint);
    return out;
}

} // namespace ardoq::plan
