#pragma once
// The Batch API (POST /api/v2/batch, ardoq/API.md §4) applied to a local snapshot, for the
// file: target: create / upsert / update / delete of components and references, batchId
// resolution, uniqueBy matching, delete by id and by match with the dependency rule, new
// 24-hex OIDs and _version increments. One transaction: on any error the snapshot must be
// discarded by the caller (it may be half changed).
//
// Not supported (the request is refused with 400): aliases, and mixing upsert with
// create / update / delete of the same entity kind (Ardoq's strict rule).

#include "model/expected.hpp"
#include "model/oid.hpp"
#include "model/snapshot.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace ardoq::connectors {

struct BatchError {
    int status = 400;    // the HTTP status Ardoq would answer: 400, 404, 409 or 422
    std::string message; // "components.create[2].body.typeId: unknown component type \"p9\""
};

struct BatchClock {
    model::OidGenerator& oids;
    std::string now; // ISO-8601 UTC, stamped as _meta.lastUpdated
};

// Applies `request` to `snapshot` (reindexed afterwards) and returns the response body
// Ardoq would send (`components|references` × `created|updated|deleted`).
model::Expected<boost::json::object, BatchError>
apply_batch(model::Snapshot& snapshot, const boost::json::object& request, BatchClock& clock);

} // namespace ardoq::connectors
