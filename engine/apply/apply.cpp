#include "apply/apply.hpp"

#include "batch/batch.hpp"
#include "model/errors.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <future>
#include <memory>
#include <optional>

namespace ardoq::apply {

namespace json = boost::json;

namespace {

std::size_t count_of(const json::object& response, std::string_view what) {
    std::size_t n = 0;
    for (std::string_view kind : {"components", "references"}) {
        const auto* section = response.if_contains(kind);
        const auto* items =
            section && section->is_object() ? section->get_object().if_contains(what) : nullptr;
        if (items && items->is_array())
            n += items->get_array().size();
    }
    return n;
}

std::string round_suffix(std::size_t round) {
    return round == 0 ? std::string() : " (re-plan " + std::to_string(round) + ")";
}

std::size_t writes_of(const plan::Plan& plan) {
    return plan.count(plan::Action::create) + plan.count(plan::Action::update) +
           plan.count(plan::Action::remove);
}

// A request sent, with what its answer is read against.
struct InFlight {
    // The memory of `body`, declared first so that it outlives it: the body refers to it
    // without sharing it, and dropping the body is then free.
    std::unique_ptr<json::monotonic_resource> arena = std::make_unique<json::monotonic_resource>();
    std::string step; // "apply: request 3/7"
    json::object body{json::storage_ptr(arena.get())};
    std::string text; // `body` serialized, as sent
    std::future<connectors::BatchOutcome> answer;
};

constexpr std::string_view run_again_hint =
    "\n  hint: the workspace holds some of the changes; run apply again when the target is "
    "reachable: it plans what is left";

} // namespace

std::string_view apply_status_name(ApplyStatus s) noexcept {
    switch (s) {
    case ApplyStatus::complete:
        return "complete";
    case ApplyStatus::rejected:
        return "rejected";
    case ApplyStatus::unknown:
        return "unknown";
    case ApplyStatus::failed:
        return "failed";
    }
    return "?";
}

ApplyResult apply_plan(plan::Plan plan, connectors::Target& target, const ApplyOptions& options,
                       const ApplyHooks& hooks, pipeline::Progress& progress) {
    ApplyResult result;
    batch::BatchOptions batch_options;
    batch_options.batch_size = options.batch_size;
    batch_options.respond_with_entities = options.respond_with_entities;

    // Re-plans are limited by progress, not by number. A round made progress when a request
    // in it was answered 200 (a committed transaction: the workspace holds it), or when the
    // plan made after it has fewer writes than the plan it sent (an answer was lost, but its
    // request had been applied). Both measure the workspace moving towards the desired state;
    // counting requests sent would not, since a lost request is sent again in the next plan.
    // `streak` counts the re-plans in a row after rounds without progress; a round with
    // progress resets it. `ceiling` bounds all re-plans of the run, for a server that answers
    // 200 to what it does not keep or a workspace that someone else keeps changing: max_replans
    // per request of the first plan (a run in which every round progresses needs about one
    // re-plan per failed request), and never fewer than max_replans x 10.
    std::size_t streak = 0;
    std::size_t ceiling = 0;
    for (std::size_t round = 0;; ++round) {
        const batch::BatchSequence seq = batch::build_sequence(plan, batch_options);
        const std::size_t n = seq.requests.size();
        const std::size_t planned_writes = writes_of(plan);
        if (round == 0)
            ceiling = options.max_replans * std::max<std::size_t>(10, n);
        batch::CreatedIds created;
        std::size_t done_ops = 0;
        bool replan = false;
        std::string unbuildable; // why a request could not be built ("" when all could)
        if (n > 0)
            progress.start("apply" + round_suffix(round), seq.operation_count);
        // The next request, built and serialized while the one before it is in flight when it
        // needs no id that request's answer brings (else it is built once the answer is in).
        // It is sent before the answer to the one before it is read, once that answer is in
        // and says applied: the answer is read (parsed, its ids recorded, journaled) while the
        // next request is in flight. One request is in flight at a time, and none is sent
        // after an answer that is not `applied`.
        std::unique_ptr<InFlight> ready;
        std::unique_ptr<InFlight> next;
        auto step_of = [&](std::size_t i) { // "apply: request 3/7", "... (re-plan 1)"
            return "apply: request " + std::to_string(i + 1) + "/" + std::to_string(n) +
                   round_suffix(round);
        };
        // Request i built and serialized, ready to send; or why it cannot be built yet.
        auto prepare = [&](std::size_t i) -> model::Expected<std::unique_ptr<InFlight>> {
            auto r = std::make_unique<InFlight>();
            auto body = batch::render_request(plan, seq, i, created, batch_options,
                                              json::storage_ptr(r->arena.get()));
            if (!body)
                return model::unexpected(std::move(body).error());
            r->step = step_of(i);
            r->body = std::move(*body); // same memory: moved, not copied
            r->text = json::serialize(r->body);
            return r;
        };
        auto send = [&](std::size_t i, std::unique_ptr<InFlight> sent) {
            spdlog::debug("{}: {} operations", sent->step, seq.requests[i].operations.size());
            // Sent from a second thread, so that this one reads the answer before it and
            // builds the next request meanwhile. The target is used by one thread at a time:
            // the next send starts after get(). Should this thread throw, the future's
            // destructor waits for the send, which refers to `sent`, owned by this frame.
            sent->answer = std::async(std::launch::async, [&target, s = sent.get()] {
                return target.send_batch_unread(s->body, s->text, s->step);
            });
            return sent;
        };
        // What became of request i: the journal, the counts, the ids it brings.
        auto take = [&](std::size_t i, const InFlight& sent,
                        connectors::BatchOutcome& outcome) -> std::optional<ApplyStatus> {
            const std::size_t ops = seq.requests[i].operations.size();
            if (hooks.on_request)
                hooks.on_request(
                    SentRequest{round, i, n, sent.step, ops, sent.body, outcome, sent.text});
            switch (outcome.status) {
            case connectors::BatchOutcome::Status::applied: {
                result.operations += ops;
                done_ops += ops;
                progress.update(done_ops);
                auto recorded = created.record(seq.requests[i], outcome.response);
                if (!recorded) {
                    // Applied, but the new ids cannot be read: later requests that need them
                    // cannot be built. The workspace itself is known to hold this request, so
                    // plan the rest against it like after an unknown outcome.
                    spdlog::warn("{}: {}", sent.step, recorded.error().message);
                    replan = true;
                    break;
                }
                if (outcome.response.is_object()) {
                    const auto& r = outcome.response.get_object();
                    result.created += count_of(r, "created");
                    result.updated += count_of(r, "updated");
                    result.deleted += count_of(r, "deleted");
                    ++result.answers;
                    if (hooks.on_answer)
                        hooks.on_answer(r);
                }
                break;
            }
            case connectors::BatchOutcome::Status::rejected:
                result.error = outcome.error;
                return ApplyStatus::rejected;
            case connectors::BatchOutcome::Status::unknown:
                spdlog::warn("{}: the outcome is unknown ({}); it is not sent again: the "
                             "workspace is read anew and what is left is planned again",
                             sent.step, outcome.error);
                replan = true;
                break;
            }
            return std::nullopt;
        };
        for (std::size_t i = 0; i < n && !replan; ++i) {
            std::unique_ptr<InFlight> sent = std::move(next);
            if (!sent) {
                auto built = prepare(i);
                if (!built) {
                    // An earlier request was applied but did not report an id this one
                    // needs: typically an upsert that found its component already there (a
                    // retried request, or one created meanwhile) is reported as updated,
                    // without its batchId. The workspace holds it now: plan the rest
                    // against it.
                    const std::string step = step_of(i);
                    const model::Diagnostic& why = built.error();
                    unbuildable = step + ": " + why.message +
                                  (why.hint.empty() ? "" : "\n  hint: " + why.hint);
                    spdlog::warn("{}: {}; the workspace is read anew and what is left is "
                                 "planned again",
                                 step, why.message);
                    replan = true;
                    continue;
                }
                sent = send(i, std::move(*built));
                if (hooks.on_sending)
                    hooks.on_sending(sent->text);
            }
            if (i + 1 < n)
                if (auto built = prepare(i + 1))
                    ready = std::move(*built);
            connectors::BatchOutcome answer = sent->answer.get();
            ++result.requests;
            if (answer.status == connectors::BatchOutcome::Status::applied && ready)
                next = send(i + 1, std::move(ready));
            connectors::BatchOutcome outcome =
                target.read_batch_answer(std::move(answer), sent->step);
            std::optional<ApplyStatus> end = take(i, *sent, outcome);
            if (next && hooks.on_sending)
                hooks.on_sending(next->text);
            if (next && (replan || end)) {
                // This answer could not be read, or its ids not: the request sent after it
                // is waited for and taken like any other before the workspace is read anew.
                connectors::BatchOutcome last =
                    target.read_batch_answer(next->answer.get(), next->step);
                ++result.requests;
                if (auto end_next = take(i + 1, *next, last); end_next && !end)
                    end = end_next;
                next.reset();
            }
            if (end) {
                progress.finish();
                result.status = *end;
                return result;
            }
        }
        progress.finish();
        if (!replan)
            return result;
        const bool answered_200 = done_ops > 0;
        if (answered_200)
            streak = 0;
        const bool streak_over = !answered_200 && streak == options.max_replans;
        if (streak_over || result.replans == ceiling) {
            if (!unbuildable.empty()) {
                result.status = ApplyStatus::failed;
                result.error = std::move(unbuildable);
                return result;
            }
            result.status = ApplyStatus::unknown;
            if (streak_over)
                result.error = "apply: gave up after " + std::to_string(streak) +
                               (streak == 1 ? " re-plan" : " re-plans") +
                               " without progress: request outcomes stayed unknown "
                               "(the connection to " +
                               target.describe() + " keeps failing)" + std::string(run_again_hint);
            else
                result.error = "apply: gave up after " + std::to_string(result.replans) +
                               " re-plans in all, the ceiling for this run (max_replans " +
                               std::to_string(options.max_replans) +
                               " x max(10, requests of the first plan)): request outcomes "
                               "kept being unknown, although rounds made progress (the "
                               "connection to " +
                               target.describe() + " keeps failing)" + std::string(run_again_hint);
            return result;
        }
        ++result.replans;
        result.answers = 0; // the fresh snapshot already holds what they reported
        try {
            plan = hooks.replan();
        } catch (const model::RunError& e) {
            // The workspace could not be read anew: how much of the run got there is unknown.
            std::string why = e.what();
            why = why.substr(0, why.find("\n  hint: ")); // this message has its own hint
            result.status = ApplyStatus::unknown;
            result.error = "apply: re-plan " + std::to_string(result.replans) +
                           ": the workspace could not be read anew: " + why +
                           std::string(run_again_hint);
            return result;
        }
        const std::size_t writes_left = writes_of(plan);
        if (!answered_200)
            streak = writes_left < planned_writes ? 0 : streak + 1;
        spdlog::info("re-planned against the workspace as it is now: {} operations left{}",
                     writes_left,
                     streak == 0 ? std::string()
                                 : " (" + std::to_string(streak) + " of " +
                                       std::to_string(options.max_replans) +
                                       " re-plans in a row without progress)");
    }
}

} // namespace ardoq::apply
