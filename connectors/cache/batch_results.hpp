#pragma once
// Keeping a snapshot (and so the cache) in step with an apply without fetching again:
// the Batch API response, requested with options.respondWithEntities = true, carries the
// body of every created and updated entity and the id of every deleted one.

#include "model/snapshot.hpp"

#include <boost/json/object.hpp>

#include <memory>
#include <vector>

namespace ardoq::connectors {

// Applies one batch response to `s`: created and updated entities take their bodies'
// state, deleted ones leave (a deleted component takes its references along). Returns
// false, leaving `s` unchanged, when an entry has no body or an unreadable one: the
// caller marks the cache stale then.
bool apply_batch_response(model::Snapshot& s, const boost::json::object& response);

// The same for the responses of a whole apply, in the order they were received, in one
// pass: the snapshot ends as if they were applied one by one, but is compacted and
// re-indexed once instead of once per response. Returns false, leaving `s` unchanged, when
// any entry of any response has no body or an unreadable one.
bool apply_batch_responses(model::Snapshot& s, const std::vector<boost::json::object>& responses);

// apply_batch_responses in steps: add() reads each response as it arrives (the bodies are
// read into entities then, e.g. while the next request is in flight); apply_to() brings a
// snapshot up to date with all of them in one pass, as apply_batch_responses would.
class BatchFold {
public:
    BatchFold();
    ~BatchFold();
    BatchFold(BatchFold&&) noexcept;
    BatchFold& operator=(BatchFold&&) noexcept;

    // Reads one response, in the order received. False when an entry has no body or an
    // unreadable one: the fold is then unusable (usable() is false from then on).
    bool add(const boost::json::object& response);
    bool usable() const noexcept;
    // Applies every response added to `s`; requires usable(). The fold is spent afterwards.
    void apply_to(model::Snapshot& s);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace ardoq::connectors
