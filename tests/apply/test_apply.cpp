#include "apply/apply.hpp"

#include "apply/fake_target.hpp"
#include "batch/batch.hpp"
#include "engine/plan_fixture.hpp"
#include "model/errors.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>

using namespace ardoq;
using test::FakeTarget;
using test::Fault;
using test::PlanFixture;
namespace json = boost::json;

namespace {

// Sales (existing) ← CRM (new, changed name of nothing) and a new domain with two new apps,
// one depending on the other: creates across depths plus a reference between new ones.
void portfolio(PlanFixture& f) {
    auto sales = f.existing("Domain", "dom-sales", "Sales");
    f.existing("Application", "app-1", "CRM", sales, {{"cost", model::Value(1)}}, 4);
    f.want("Domain", "dom-sales", "Sales", 2);
    f.want("Domain", "dom-hr", "HR", 3);
    f.want("Application", "app-1", "CRM", 4, {{"cost", model::Value(2)}}).parent =
        model::ComponentRef{"Domain", "dom-sales"};
    f.want("Application", "app-2", "Payroll", 5).parent = model::ComponentRef{"Domain", "dom-hr"};
    f.want("Application", "app-3", "Recruiting", 6).parent =
        model::ComponentRef{"Domain", "dom-hr"};
    f.want_ref("Depends on", {"Application", "app-3"}, {"Application", "app-2"}, 1);
}

plan::Plan plan_against(const PlanFixture& f, const model::Snapshot& snap) {
    auto types = plan::resolve_types(f.desired, f.policy, snap.context);
    REQUIRE(types);
    return plan::make_plan(std::make_shared<const model::DesiredState>(f.desired),
                           std::make_shared<const model::Snapshot>(snap), f.policy, *types,
                           f.options);
}

struct Run {
    apply::ApplyResult result;
    std::vector<std::string> journal; // "step: status"
};

Run run_apply(const PlanFixture& f, FakeTarget& target, std::size_t batch_size,
              std::size_t max_replans = 3) {
    Run run;
    apply::ApplyHooks hooks;
    hooks.on_request = [&](const apply::SentRequest& r) {
        run.journal.push_back(r.step + ": " +
                              std::string(connectors::status_name(r.outcome.status)));
    };
    hooks.replan = [&] { return plan_against(f, target.fetch_snapshot("")); };
    apply::ApplyOptions options;
    options.batch_size = batch_size;
    options.max_replans = max_replans;
    pipeline::NullProgress progress;
    run.result = apply::apply_plan(plan_against(f, f.snap), target, options, hooks, progress);
    return run;
}

std::string parent_of(const json::object& request, std::size_t i) {
    return json::serialize(request.at("components").at("upsert").at(i).at("body").at("parent"));
}

} // namespace

TEST_CASE("apply: requests go in order, later ones completed with ids earlier ones returned") {
    PlanFixture f;
    portfolio(f);
    FakeTarget target(f.snap);
    // One operation per request: dom-hr is created by request 1, its apps refer to it by the
    // id request 1's response gave it.
    const auto run = run_apply(f, target, 1);
    CHECK(run.result.status == apply::ApplyStatus::complete);
    CHECK(run.result.error == "");
    CHECK(run.result.requests == 5);
    CHECK(run.result.operations == 5);
    CHECK(run.result.created == 4);
    CHECK(run.result.updated == 1);
    CHECK(run.result.replans == 0);
    CHECK(run.result.answers == 5);
    CHECK(run.journal ==
          std::vector<std::string>{"apply: request 1/5: applied", "apply: request 2/5: applied",
                                   "apply: request 3/5: applied", "apply: request 4/5: applied",
                                   "apply: request 5/5: applied"});
    REQUIRE(target.requests.size() == 5);
    // Request 1 upserts dom-hr (depth 0); request 2 the changed CRM under the existing Sales.
    const auto hr = target.workspace().components_by_field("external_id", "dom-hr");
    REQUIRE(hr.size() == 1);
    const std::string hr_id = "\"" + target.workspace().components()[hr[0]].id.to_string() + "\"";
    CHECK(json::serialize(
              target.requests[0].at("components").at("upsert").at(0).at("body").at("name")) ==
          "\"HR\"");
    CHECK(parent_of(target.requests[2], 0) == hr_id);
    CHECK(parent_of(target.requests[3], 0) == hr_id);
    // The reference between two components created earlier uses their returned ids.
    const auto& ref = target.requests[4].at("references").at("create").at(0).at("body");
    const auto payroll = target.workspace().components_by_field("external_id", "app-2");
    REQUIRE(payroll.size() == 1);
    CHECK(json::value_to<std::string>(ref.at("target")) ==
          target.workspace().components()[payroll[0]].id.to_string());
    CHECK(test::keys_of(target.workspace()) ==
          std::map<std::string, int>{
              {"app-1", 1}, {"app-2", 1}, {"app-3", 1}, {"dom-hr", 1}, {"dom-sales", 1}});
}

TEST_CASE("apply: a second apply right after a successful one sends nothing") {
    PlanFixture f;
    portfolio(f);
    FakeTarget target(f.snap);
    // One request: the upserts, and the reference between two of them by their batchIds.
    CHECK(run_apply(f, target, 500).result.requests == 1);
    f.snap = target.fetch_snapshot("");
    const auto again = run_apply(f, target, 500);
    CHECK(again.result.status == apply::ApplyStatus::complete);
    CHECK(again.result.requests == 0);
    CHECK(target.requests.size() == 1);
}

TEST_CASE("apply: a rejected request stops the apply; the requests after it are not sent") {
    PlanFixture f;
    portfolio(f);
    FakeTarget target(f.snap);
    target.faults[2] = Fault::rejected;
    const auto run = run_apply(f, target, 1);
    CHECK(run.result.status == apply::ApplyStatus::rejected);
    CHECK(run.result.error == "apply: request 2/5: POST /api/v2/batch: HTTP 409: version mismatch");
    CHECK(run.result.requests == 2);
    CHECK(run.result.operations == 1);
    CHECK(run.result.answers == 1);
    CHECK(target.requests.size() == 2);
    CHECK(run.journal ==
          std::vector<std::string>{"apply: request 1/5: applied", "apply: request 2/5: rejected"});
}

TEST_CASE("apply: an unknown outcome is not sent again blindly: the rest is planned anew") {
    for (Fault fault : {Fault::lost_after_apply, Fault::lost_before_apply}) {
        CAPTURE(static_cast<int>(fault));
        PlanFixture f;
        portfolio(f);
        FakeTarget target(f.snap);
        target.faults[1] = fault; // the request that creates dom-hr
        const auto run = run_apply(f, target, 1);
        CHECK(run.result.status == apply::ApplyStatus::complete);
        CHECK(run.result.replans == 1);
        CHECK(target.fetches == 1);
        if (fault == Fault::lost_after_apply) {
            // dom-hr exists after all: the re-plan does not create it again.
            CHECK(run.result.requests == 5);
            CHECK(target.steps[1] == "apply: request 1/4 (re-plan 1)");
        } else {
            CHECK(run.result.requests == 6);
            CHECK(target.steps[1] == "apply: request 1/5 (re-plan 1)");
        }
        CHECK(run.journal.front() == "apply: request 1/5: unknown");
        // No duplicates, nothing missing.
        CHECK(test::keys_of(target.workspace()) ==
              std::map<std::string, int>{
                  {"app-1", 1}, {"app-2", 1}, {"app-3", 1}, {"dom-hr", 1}, {"dom-sales", 1}});
        CHECK(target.workspace().references().size() == 1);
        // Only the responses since the re-plan are kept (the fetch holds the ones before).
        CHECK(run.result.answers == run.result.requests - 1);
    }
}

TEST_CASE("apply: an id a replayed request did not report leads to a re-plan, not a failure") {
    PlanFixture f;
    portfolio(f);
    FakeTarget target(f.snap);
    // Request 1 creates dom-hr, but its answer is that of a replay: dom-hr "updated", without
    // its batchId, so request 3 (Payroll under dom-hr) cannot be built from the answers.
    target.faults[1] = Fault::replayed;
    const auto run = run_apply(f, target, 1);
    CHECK(run.result.status == apply::ApplyStatus::complete);
    CHECK(run.result.error == "");
    CHECK(run.result.replans == 1);
    CHECK(target.fetches == 1);
    // Sent before the re-plan: dom-hr and CRM; after it: Payroll, Recruiting, the reference.
    CHECK(target.steps == std::vector<std::string>{"apply: request 1/5", "apply: request 2/5",
                                                   "apply: request 1/3 (re-plan 1)",
                                                   "apply: request 2/3 (re-plan 1)",
                                                   "apply: request 3/3 (re-plan 1)"});
    CHECK(test::keys_of(target.workspace()) ==
          std::map<std::string, int>{
              {"app-1", 1}, {"app-2", 1}, {"app-3", 1}, {"dom-hr", 1}, {"dom-sales", 1}});
    CHECK(target.workspace().references().size() == 1);
}

TEST_CASE("apply: a request that cannot be built against fresh reads either fails, saying why") {
    PlanFixture f;
    portfolio(f);
    FakeTarget target(f.snap);
    target.faults[1] = Fault::replayed;
    const auto run = run_apply(f, target, 1, 0); // no re-plan allowed
    CHECK(run.result.status == apply::ApplyStatus::failed);
    CHECK(run.result.requests == 2);
    CHECK(run.result.replans == 0);
    CHECK(run.result.error ==
          "apply: request 3/5: request 3 of 5: Application \"app-2\" needs the id of its parent "
          "Domain \"dom-hr\", created by request 1, but that request's response did not report "
          "it\n  hint: refresh the snapshot and plan again; the next run converges");
}

const char* const run_again =
    "\n  hint: the workspace holds some of the changes; run apply again when the target is "
    "reachable: it plans what is left";

TEST_CASE("apply: outcomes that stay unknown give up after max_replans re-plans without "
          "progress") {
    PlanFixture f;
    portfolio(f);
    FakeTarget target(f.snap);
    target.faults = {{1, Fault::lost_before_apply},
                     {2, Fault::lost_before_apply},
                     {3, Fault::lost_before_apply}};
    const auto run = run_apply(f, target, 500, 2);
    CHECK(run.result.status == apply::ApplyStatus::unknown);
    CHECK(run.result.requests == 3);
    CHECK(run.result.replans == 2);
    CHECK(run.result.error == std::string("apply: gave up after 2 re-plans without progress: "
                                          "request outcomes stayed unknown (the connection to "
                                          "fake:workspace keeps failing)") +
                                  run_again);
    CHECK(target.steps == std::vector<std::string>{"apply: request 1/1",
                                                   "apply: request 1/1 (re-plan 1)",
                                                   "apply: request 1/1 (re-plan 2)"});
    CHECK(target.fetches == 2);
}

TEST_CASE("apply: a round that applies a request resets the count of re-plans without progress") {
    PlanFixture f;
    portfolio(f);
    FakeTarget target(f.snap);
    // max_replans 2, one operation per request. Rounds: fail; progress (request 2 applied)
    // then fail; fail; fail; progress then fail; fail; fail; then the rest goes through:
    // 7 re-plans in all, never more than 2 in a row without progress.
    for (std::size_t n : {1, 3, 4, 5, 7, 8, 9})
        target.faults[n] = Fault::lost_before_apply;
    const auto run = run_apply(f, target, 1, 2);
    CHECK(run.result.status == apply::ApplyStatus::complete);
    CHECK(run.result.error == "");
    CHECK(run.result.replans == 7);
    CHECK(run.result.requests == 12);
    CHECK(run.result.operations == 5);
    CHECK(target.steps == std::vector<std::string>{
                              "apply: request 1/5",             // dom-hr: lost
                              "apply: request 1/5 (re-plan 1)", // dom-hr: applied
                              "apply: request 2/5 (re-plan 1)", // CRM: lost
                              "apply: request 1/4 (re-plan 2)", // lost
                              "apply: request 1/4 (re-plan 3)", // lost
                              "apply: request 1/4 (re-plan 4)", // CRM: applied
                              "apply: request 2/4 (re-plan 4)", // lost
                              "apply: request 1/3 (re-plan 5)", // lost
                              "apply: request 1/3 (re-plan 6)", // lost
                              "apply: request 1/3 (re-plan 7)", "apply: request 2/3 (re-plan 7)",
                              "apply: request 3/3 (re-plan 7)"});
    CHECK(test::keys_of(target.workspace()) ==
          std::map<std::string, int>{
              {"app-1", 1}, {"app-2", 1}, {"app-3", 1}, {"dom-hr", 1}, {"dom-sales", 1}});
    CHECK(target.workspace().references().size() == 1);
}

TEST_CASE("apply: max_replans failures in a row after progress give up, naming the streak") {
    PlanFixture f;
    portfolio(f);
    FakeTarget target(f.snap);
    // dom-hr is applied, then CRM is lost in every round: the round with dom-hr made
    // progress, the three after it did not.
    for (std::size_t n : {2, 3, 4, 5})
        target.faults[n] = Fault::lost_before_apply;
    const auto run = run_apply(f, target, 1, 2);
    CHECK(run.result.status == apply::ApplyStatus::unknown);
    CHECK(run.result.replans == 3);
    CHECK(run.result.requests == 5);
    CHECK(run.result.operations == 1);
    CHECK(run.result.error == std::string("apply: gave up after 2 re-plans without progress: "
                                          "request outcomes stayed unknown (the connection to "
                                          "fake:workspace keeps failing)") +
                                  run_again);
    CHECK(target.steps == std::vector<std::string>{"apply: request 1/5", "apply: request 2/5",
                                                   "apply: request 1/4 (re-plan 1)",
                                                   "apply: request 1/4 (re-plan 2)",
                                                   "apply: request 1/4 (re-plan 3)"});
    // What got there is there once; nothing else was written.
    CHECK(test::keys_of(target.workspace()) ==
          std::map<std::string, int>{{"app-1", 1}, {"dom-hr", 1}, {"dom-sales", 1}});
    CHECK(target.workspace().references().empty());
}

TEST_CASE("apply: a lost answer whose request was applied counts as progress: the re-plan is "
          "smaller") {
    PlanFixture f;
    portfolio(f);
    FakeTarget target(f.snap);
    // Every answer is lost, but every request was applied: no request is answered 200, yet
    // each re-plan has one write fewer, so with max_replans 1 the apply still finishes.
    for (std::size_t n = 1; n <= 5; ++n)
        target.faults[n] = Fault::lost_after_apply;
    const auto run = run_apply(f, target, 1, 1);
    CHECK(run.result.status == apply::ApplyStatus::complete);
    CHECK(run.result.error == "");
    CHECK(run.result.replans == 5);
    CHECK(run.result.requests == 5);
    CHECK(run.result.operations == 0); // none was answered
    CHECK(target.steps == std::vector<std::string>{
                              "apply: request 1/5", "apply: request 1/4 (re-plan 1)",
                              "apply: request 1/3 (re-plan 2)", "apply: request 1/2 (re-plan 3)",
                              "apply: request 1/1 (re-plan 4)"});
    CHECK(test::keys_of(target.workspace()) ==
          std::map<std::string, int>{
              {"app-1", 1}, {"app-2", 1}, {"app-3", 1}, {"dom-hr", 1}, {"dom-sales", 1}});
    CHECK(target.workspace().references().size() == 1);

    // The same answers lost before anything was applied: the re-plan is not smaller.
    FakeTarget lost(f.snap);
    for (std::size_t n = 1; n <= 5; ++n)
        lost.faults[n] = Fault::lost_before_apply;
    const auto gave_up = run_apply(f, lost, 1, 1);
    CHECK(gave_up.result.status == apply::ApplyStatus::unknown);
    CHECK(gave_up.result.replans == 1);
    CHECK(gave_up.result.requests == 2);
    CHECK(gave_up.result.error == std::string("apply: gave up after 1 re-plan without progress: "
                                              "request outcomes stayed unknown (the connection "
                                              "to fake:workspace keeps failing)") +
                                      run_again);
}

TEST_CASE("apply: a server that answers 200 but keeps nothing stops at the ceiling on all "
          "re-plans") {
    // Every round: its first request is answered 200 but not kept, its second is lost. Each
    // round looks like progress, the plan never shrinks: only the ceiling ends the apply.
    auto forgetful = [](FakeTarget& target) {
        for (std::size_t n = 1; n <= 200; ++n)
            target.faults[n] = n % 2 == 1 ? Fault::forgotten : Fault::lost_before_apply;
    };
    SUBCASE("a small plan: max_replans x 10") {
        PlanFixture f;
        portfolio(f);
        FakeTarget target(f.snap);
        forgetful(target);
        const auto run = run_apply(f, target, 1, 1); // 5 requests: ceiling 1 x 10
        CHECK(run.result.status == apply::ApplyStatus::unknown);
        CHECK(run.result.replans == 10);
        CHECK(run.result.requests == 22);
        CHECK(run.result.error ==
              std::string("apply: gave up after 10 re-plans in all, the ceiling for this run "
                          "(max_replans 1 x max(10, requests of the first plan)): request "
                          "outcomes kept being unknown, although rounds made progress (the "
                          "connection to fake:workspace keeps failing)") +
                  run_again);
        CHECK(target.steps.back() == "apply: request 2/5 (re-plan 10)");
        CHECK(test::keys_of(target.workspace()) ==
              std::map<std::string, int>{{"app-1", 1}, {"dom-sales", 1}});
    }
    SUBCASE("a plan of more than 10 requests: max_replans per request") {
        PlanFixture f;
        portfolio(f);
        for (int i = 0; i < 8; ++i)
            f.want("Application", "app-x" + std::to_string(i), "Extra " + std::to_string(i), 10 + i)
                .parent = model::ComponentRef{"Domain", "dom-sales"};
        FakeTarget target(f.snap);
        forgetful(target);
        const auto run = run_apply(f, target, 1, 2); // 13 requests: ceiling 2 x 13
        CHECK(run.result.status == apply::ApplyStatus::unknown);
        CHECK(run.result.replans == 26);
        CHECK(run.result.requests == 54);
        CHECK(run.result.error ==
              std::string("apply: gave up after 26 re-plans in all, the ceiling for this run "
                          "(max_replans 2 x max(10, requests of the first plan)): request "
                          "outcomes kept being unknown, although rounds made progress (the "
                          "connection to fake:workspace keeps failing)") +
                  run_again);
        CHECK(target.steps.front() == "apply: request 1/13");
        CHECK(target.steps.back() == "apply: request 2/13 (re-plan 26)");
    }
}

TEST_CASE("apply: a workspace that cannot be read anew after an unknown outcome ends the apply") {
    PlanFixture f;
    portfolio(f);
    FakeTarget target(f.snap);
    target.faults[1] = Fault::lost_after_apply;
    apply::ApplyHooks hooks;
    hooks.replan = []() -> plan::Plan {
        throw model::RunError("fetch snapshot: GET /api/v2/components: connection lost\n"
                              "  hint: the connection failed; run again later");
    };
    pipeline::NullProgress progress;
    const auto result =
        apply::apply_plan(plan_against(f, f.snap), target, apply::ApplyOptions{}, hooks, progress);
    CHECK(result.status == apply::ApplyStatus::unknown);
    CHECK(result.requests == 1);
    CHECK(result.replans == 1);
    CHECK(result.error ==
          "apply: re-plan 1: the workspace could not be read anew: fetch snapshot: GET "
          "/api/v2/components: connection lost\n  hint: the workspace holds some of the changes; "
          "run apply again when the target is reachable: it plans what is left");
}

TEST_CASE("apply: a plan with nothing to write sends no request") {
    PlanFixture f;
    f.existing("Domain", "dom-sales", "Sales");
    f.want("Domain", "dom-sales", "Sales", 2);
    FakeTarget target(f.snap);
    const auto run = run_apply(f, target, 500);
    CHECK(run.result.status == apply::ApplyStatus::complete);
    CHECK(run.result.requests == 0);
    CHECK(target.requests.empty());
}

namespace {

// A target that hands everything but the batches to a FakeTarget.
class ForwardingTarget : public connectors::Target {
public:
    explicit ForwardingTarget(FakeTarget& inner) : m_inner(inner) {}
    std::string describe() const override { return m_inner.describe(); }
    std::string cache_key() const override { return m_inner.cache_key(); }
    model::WorkspaceInfo resolve_workspace(std::string_view w) override {
        return m_inner.resolve_workspace(w);
    }
    model::Snapshot fetch_snapshot(std::string_view w) override {
        return m_inner.fetch_snapshot(w);
    }

protected:
    FakeTarget& m_inner;
};

// A target that answers in two halves, like the HTTP target: send_batch_unread leaves an
// applied answer's text unread, read_batch_answer reads it. Logs "send N" and "read N"
// (sends come from another thread). Reading answer N when N is in `next_in_flight` first
// waits (5 s at most) for request N + 1 to be sent, so that the log shows what the apply
// did, not how the threads happened to run. The answers to the requests in `garbled`
// cannot be read.
class DeferredTarget final : public ForwardingTarget {
public:
    explicit DeferredTarget(FakeTarget& inner) : ForwardingTarget(inner) {}
    connectors::BatchOutcome send_batch(const json::object& request,
                                        std::string_view step) override {
        return read_batch_answer(send_batch_unread(request, json::serialize(request), step), step);
    }
    connectors::BatchOutcome send_batch_unread(const json::object& request, std::string_view,
                                               std::string_view step) override {
        const int now = ++m_in_flight;
        most_in_flight = std::max(most_in_flight.load(), now);
        log("send " + std::to_string(number(step)));
        auto out = m_inner.send_batch(request, step);
        if (out.status == connectors::BatchOutcome::Status::applied) {
            out.unread = json::serialize(out.response);
            out.response = nullptr;
        }
        --m_in_flight;
        return out;
    }
    connectors::BatchOutcome read_batch_answer(connectors::BatchOutcome outcome,
                                               std::string_view step) override {
        const int n = number(step);
        if (next_in_flight.count(n) > 0) {
            std::unique_lock lock(m_mutex);
            const std::string next = "send " + std::to_string(n + 1);
            m_sent.wait_for(lock, std::chrono::seconds(5), [&] {
                return std::find(m_events.begin(), m_events.end(), next) != m_events.end();
            });
        }
        log("read " + std::to_string(n));
        if (outcome.unread.empty())
            return outcome;
        connectors::BatchOutcome out;
        out.http_status = outcome.http_status;
        if (garbled.count(n) > 0) {
            out.status = connectors::BatchOutcome::Status::unknown;
            out.error = std::string(step) + ": HTTP 200 with a body that is not JSON";
            return out;
        }
        out.status = outcome.status;
        out.response = json::parse(outcome.unread);
        return out;
    }

    std::vector<std::string> events() {
        std::lock_guard lock(m_mutex);
        return m_events;
    }

    std::set<int> next_in_flight; // answers read while the next request is expected in flight
    std::set<int> garbled;        // requests whose answers cannot be read
    std::atomic<int> most_in_flight{0};

private:
    // "apply: request 3/4" → 3
    static int number(std::string_view step) {
        auto from = step.find("request ") + 8;
        return std::stoi(std::string(step.substr(from, step.find('/') - from)));
    }
    void log(std::string event) {
        {
            std::lock_guard lock(m_mutex);
            m_events.push_back(std::move(event));
        }
        m_sent.notify_all();
    }

    std::atomic<int> m_in_flight{0};
    std::mutex m_mutex;
    std::condition_variable m_sent;
    std::vector<std::string> m_events;
};

// A target that forwards to a FakeTarget and counts sends in progress at once.
class CountingTarget final : public ForwardingTarget {
public:
    explicit CountingTarget(FakeTarget& inner) : ForwardingTarget(inner) {}
    connectors::BatchOutcome send_batch(const json::object& request,
                                        std::string_view step) override {
        return send_batch_text(request, json::serialize(request), step);
    }
    connectors::BatchOutcome send_batch_text(const json::object& request, std::string_view text,
                                             std::string_view step) override {
        const int now = ++m_in_flight;
        most_in_flight = std::max(most_in_flight.load(), now);
        texts.emplace_back(text);
        auto out = m_inner.send_batch(request, step);
        --m_in_flight;
        return out;
    }

    std::atomic<int> most_in_flight{0};
    std::vector<std::string> texts; // the text of every request, as sent

private:
    std::atomic<int> m_in_flight{0};
};

// Applies f's plan through `target` (which forwards to `fake`), one operation a request,
// re-planning against the fake's workspace.
apply::ApplyResult apply_one_per_request(PlanFixture& f, FakeTarget& fake,
                                         connectors::Target& target, apply::ApplyHooks& hooks) {
    hooks.replan = [&f, &fake] { return plan_against(f, fake.fetch_snapshot("")); };
    apply::ApplyOptions options;
    options.batch_size = 1;
    pipeline::NullProgress progress;
    return apply::apply_plan(plan_against(f, f.snap), target, options, hooks, progress);
}

// Four component requests (batch_size 1): request 1 creates dom-hr; request 2 (its child)
// needs the id request 1's answer brings, so it cannot be built while request 1 is in flight;
// request 3 (an existing domain's child) and request 4 (dom-hr's second child) can be built
// while the one before is.
void want_four_requests(PlanFixture& f) {
    f.existing("Domain", "dom-sales", "Sales");
    f.want("Domain", "dom-sales", "Sales", 2);
    f.want("Domain", "dom-hr", "HR", 3);
    f.want("Application", "app-2", "Payroll", 5).parent = model::ComponentRef{"Domain", "dom-hr"};
    f.want("Application", "app-3", "Recruiting", 6).parent =
        model::ComponentRef{"Domain", "dom-hr"};
    f.want("Application", "app-4", "Billing", 7).parent =
        model::ComponentRef{"Domain", "dom-sales"};
}

} // namespace

TEST_CASE("apply: while a request is in flight the next is built when it can be; one request "
          "is in flight at a time, and a rejection stops the apply") {
    PlanFixture f;
    want_four_requests(f);

    for (bool reject : {false, true}) {
        CAPTURE(reject);
        FakeTarget fake(f.snap);
        if (reject)
            fake.faults[3] = Fault::rejected;
        CountingTarget target(fake);
        std::vector<std::string> events; // "sending N" / "recorded N", in order
        std::vector<std::string> prepared;
        apply::ApplyHooks hooks;
        hooks.on_sending = [&](std::string_view text) {
            prepared.emplace_back(text);
            events.push_back("sending " + std::to_string(prepared.size()));
        };
        hooks.on_request = [&](const apply::SentRequest& r) {
            CHECK(r.body_text == prepared.back());
            CHECK(json::serialize(r.body) == r.body_text);
            events.push_back("recorded " + std::to_string(r.index + 1));
        };
        const auto result = apply_one_per_request(f, fake, target, hooks);

        CHECK(target.most_in_flight == 1);
        CHECK(target.texts == prepared);
        if (reject) {
            CHECK(result.status == apply::ApplyStatus::rejected);
            CHECK(result.requests == 3);
            CHECK(result.answers == 2);
            CHECK(fake.requests.size() == 3);
            CHECK(events == std::vector<std::string>{"sending 1", "recorded 1", "sending 2",
                                                     "recorded 2", "sending 3", "recorded 3"});
            continue;
        }
        CHECK(result.status == apply::ApplyStatus::complete);
        CHECK(result.requests == 4);
        CHECK(result.created == 4);
        CHECK(result.replans == 0);
        CHECK(events == std::vector<std::string>{"sending 1", "recorded 1", "sending 2",
                                                 "recorded 2", "sending 3", "recorded 3",
                                                 "sending 4", "recorded 4"});
        // Every child names its parent by the id the answer creating it gave.
        const auto& ws = fake.workspace();
        const auto hr = ws.components_by_field("external_id", "dom-hr");
        const auto sales_now = ws.components_by_field("external_id", "dom-sales");
        REQUIRE(hr.size() == 1);
        REQUIRE(sales_now.size() == 1);
        const std::string hr_id = "\"" + ws.components()[hr[0]].id.to_string() + "\"";
        const std::string sales_id = "\"" + ws.components()[sales_now[0]].id.to_string() + "\"";
        REQUIRE(fake.requests.size() == 4);
        std::map<std::string, std::string> parents; // name → parent as sent
        for (const auto& request : fake.requests) {
            const auto& body = request.at("components").at("upsert").at(0).at("body");
            if (const auto* p = body.as_object().if_contains("parent"))
                parents[json::value_to<std::string>(body.at("name"))] = json::serialize(*p);
        }
        CHECK(parents == std::map<std::string, std::string>{
                             {"Payroll", hr_id}, {"Recruiting", hr_id}, {"Billing", sales_id}});
    }
}

TEST_CASE("apply: a request that is built is sent as soon as the answer before it is in, and "
          "that answer is read while it is in flight") {
    PlanFixture f;
    want_four_requests(f); // requests 3 and 4 can be built while the one before is in flight

    struct Case {
        std::string name;
        std::map<std::size_t, Fault> faults;
        std::set<int> garbled;
        std::set<int> next_in_flight;
        std::vector<std::string> events;
    };
    const std::vector<Case> cases = {
        {"all applied",
         {},
         {},
         {2, 3},
         {"send 1", "read 1", "send 2", "send 3", "read 2", "send 4", "read 3", "read 4"}},
        // Rejected: nothing is sent after it, although request 4 was built.
        {"request 3 rejected",
         {{3, Fault::rejected}},
         {},
         {2},
         {"send 1", "read 1", "send 2", "send 3", "read 2", "read 3"}},
        // An answer that cannot be read while the next request is in flight: that request is
        // waited for and taken, then what is left is planned anew (nothing: both applied).
        {"answer 3 unreadable",
         {},
         {3},
         {2, 3},
         {"send 1", "read 1", "send 2", "send 3", "read 2", "send 4", "read 3", "read 4"}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        FakeTarget fake(f.snap);
        fake.faults = c.faults;
        DeferredTarget target(fake);
        target.garbled = c.garbled;
        target.next_in_flight = c.next_in_flight;
        std::vector<std::string> recorded;
        apply::ApplyHooks hooks;
        hooks.on_request = [&](const apply::SentRequest& r) {
            recorded.push_back(r.step + ": " +
                               std::string(connectors::status_name(r.outcome.status)));
        };
        const auto result = apply_one_per_request(f, fake, target, hooks);

        auto joined = [](const std::vector<std::string>& v) {
            std::string out;
            for (const auto& e : v)
                out += (out.empty() ? "" : ", ") + e;
            return out;
        };
        CHECK(joined(target.events()) == joined(c.events));
        CHECK(target.most_in_flight == 1);
        if (c.name == "all applied") {
            CHECK(result.status == apply::ApplyStatus::complete);
            CHECK(result.requests == 4);
            CHECK(result.created == 4);
            CHECK(result.answers == 4);
            CHECK(recorded == std::vector<std::string>{
                                  "apply: request 1/4: applied", "apply: request 2/4: applied",
                                  "apply: request 3/4: applied", "apply: request 4/4: applied"});
        } else if (c.name == "request 3 rejected") {
            CHECK(result.status == apply::ApplyStatus::rejected);
            CHECK(result.requests == 3);
            CHECK(fake.requests.size() == 3);
            CHECK(recorded.back() == "apply: request 3/4: rejected");
        } else {
            CHECK(result.status == apply::ApplyStatus::complete);
            CHECK(result.requests == 4);
            CHECK(result.replans == 1);
            CHECK(fake.requests.size() == 4); // the re-plan found nothing left to send
            CHECK(recorded == std::vector<std::string>{
                                  "apply: request 1/4: applied", "apply: request 2/4: applied",
                                  "apply: request 3/4: unknown", "apply: request 4/4: applied"});
            CHECK(fake.workspace().components_by_field("external_id", "app-4").size() == 1);
        }
    }
}
