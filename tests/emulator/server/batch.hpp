#pragma once
// The Batch API (API.md §4): one transaction of component and reference creates, upserts,
// updates and deletes, with batchIds, aliases, uniqueBy, ifVersionMatch, delete by match and
// its dependency rule. Either every operation is applied or none is.

#include "batch_request.hpp"
#include "faults.hpp"
#include "options.hpp"
#include "store.hpp"

namespace ardoq::emulator {

enum class BatchMode {
    execute, // apply and answer a BatchResponse
    expand,  // validate and answer the request with aliases and matches resolved; apply nothing
};

// Runs `request` against `store` inside a transaction and returns the JSON answer. Throws
// ApiException (400/404/409/422) naming the failing operation; the store is then unchanged.
// `request_number` and `faults` seed --shuffle-results.
json::object run_batch(Store& store, const Options& options, const FaultPlan& faults,
                       std::uint64_t request_number, const BatchRequest& request, BatchMode mode);

// run_batch in BatchMode::execute, answered as JSON text (the same text as serializing
// run_batch's answer).
std::string run_batch_text(Store& store, const Options& options, const FaultPlan& faults,
                           std::uint64_t request_number, const BatchRequest& request);

} // namespace ardoq::emulator
