#pragma once
// Keeping a snapshot (and so the cache) in step with an apply without fetching again:
// the Batch API response, requested with options.respondWithEntities = true, carries the
// body of every created and updated entity and the id of every deleted one.

#include "model/snapshot.hpp"

#include <boost/json/object.hpp>

namespace ardoq::connectors {

// Applies one batch response to `s`: created and updated entities take their bodies'
// state, deleted ones leave (a deleted component takes its references along). Returns
// false, leaving `s` unchanged, when an entry has no body or an unreadable one: the
// caller marks the cache stale then.
bool apply_batch_response(model::Snapshot& s, const boost::json::object& response);

} // namespace ardoq::connectors
