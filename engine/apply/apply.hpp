#pragma once
// Carrying out a plan: its Batch API requests are sent in order, each completed with the
// ids that earlier requests' responses gave to the components they created (mapped back by
// batchId). One request is in flight at a time; while the target works on it, the next
// request is built when it needs no id from the answer awaited, and the journal prepares
// its entry, so that the next request leaves as soon as the answer is in. A request Ardoq rejected
// stops the apply (a batch is one transaction, so the workspace holds exactly the requests before
// it). A request whose outcome is unknown (the connection dropped after it was sent, or a 500
// answer) is never sent again blindly: the caller fetches the workspace anew and plans the
// remainder, and the apply goes on with that plan.
//
// Each plan sent is a round. A round made progress when one of its requests was answered
// 200, or when the plan made after it has fewer writes than the plan it sent (an answer was
// lost, but its request had been applied). The apply gives up after max_replans re-plans in
// a row without progress; a round with progress resets that count. So that a server that
// claims progress it never keeps cannot make it loop for ever, a run also makes at most
// max_replans x max(10, requests of the first plan) re-plans in all.

#include "connectors/target.hpp"
#include "pipeline/progress.hpp"
#include "plan/plan.hpp"

#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ardoq::apply {

// One request as sent and what became of it (what the journal records).
struct SentRequest {
    std::size_t round = 0; // 0 for the first plan, then 1, 2, ... after each re-plan
    std::size_t index = 0; // 0-based position in the round's sequence
    std::size_t count = 0; // requests in the round's sequence
    std::string step;      // "apply: request 3/7" (with " (re-plan 1)" after a re-plan)
    std::size_t operations = 0;
    const boost::json::object& body;
    const connectors::BatchOutcome& outcome;
    std::string_view body_text = {}; // `body` serialized, as sent ("": not at hand)
};

struct ApplyHooks {
    // While a request is in flight, with its serialized body (the journal prepares its entry
    // then, so that recording it after the answer is quick). Optional.
    std::function<void(std::string_view body_text)> on_sending;
    // After every request (the journal).
    std::function<void(const SentRequest&)> on_request;
    // After on_request, the answer of every applied request whose body is a JSON object, in
    // order (the cache folds them in), while the next request is in flight. Optional.
    std::function<void(const boost::json::object& answer)> on_answer;
    // After an unknown outcome: a plan of what is left, made against the workspace fetched
    // anew. Required. A RunError it throws (the workspace cannot be read) ends the apply
    // with status unknown.
    std::function<plan::Plan()> replan;
};

struct ApplyOptions {
    std::size_t batch_size = 500;
    bool respond_with_entities = false; // ask for entity bodies (to update the cache)
    // Re-plans in a row without progress tolerated before giving up; 0: an unknown outcome
    // ends the apply. All re-plans of a run: at most max_replans x max(10, requests of the
    // first plan).
    std::size_t max_replans = 3;
};

enum class ApplyStatus : std::uint8_t {
    complete, // every request was applied
    rejected, // the target refused a request; the ones before it were applied
    unknown,  // outcomes stayed unknown through max_replans re-plans without progress
              // (or through the ceiling on all re-plans)
    failed,   // a request could not be built (a response lacked an id it needed) when the
              // re-plans ran out
};

std::string_view apply_status_name(ApplyStatus s) noexcept; // "complete", ...

struct ApplyResult {
    ApplyStatus status = ApplyStatus::complete;
    std::string error;          // why the apply stopped ("" when complete), with a hint
    std::size_t requests = 0;   // requests sent, whatever became of them
    std::size_t operations = 0; // operations in the requests that were applied
    std::size_t created = 0;    // entities the responses report (components + references)
    std::size_t updated = 0;
    std::size_t deleted = 0;
    std::size_t replans = 0; // re-plans in all
    // Applied requests since the last re-plan whose answers were handed to on_answer.
    std::size_t answers = 0;
};

// Sends the requests of `plan` (and of the re-plans an unknown outcome leads to) to
// `target`. Never throws for what the target answers: the result says how far it got.
ApplyResult apply_plan(plan::Plan plan, connectors::Target& target, const ApplyOptions& options,
                       const ApplyHooks& hooks, pipeline::Progress& progress);

} // namespace ardoq::apply
