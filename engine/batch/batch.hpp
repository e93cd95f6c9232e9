#pragma once
// Turning a plan into Batch API requests (POST /api/v2/batch, openapi.json BatchRequest).
//
// The sequence is computed up front as lists of operations on plan entries; each request's
// JSON is rendered just before it is sent, because a request may refer to components that
// an earlier request created, by the OID that request's response returned (CreatedIds).
// Order: component upserts (parents before children), component updates, reference
// creates and updates, reference deletes, component deletes (deepest first). Upserts of
// one entity kind never share a request with its creates, updates or deletes.

#include "model/expected.hpp"
#include "model/oid.hpp"
#include "plan/plan.hpp"

#include <boost/json/fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ardoq::batch {

enum class OpKind : std::uint8_t { upsert, create, update, remove };

struct Operation {
    plan::EntityKind entity = plan::EntityKind::component;
    OpKind op = OpKind::upsert;
    bool by_match = false;   // a delete by match on the identity field (else by id)
    std::uint32_t entry = 0; // index into Plan::components / Plan::references
};

struct Request {
    std::vector<Operation> operations;
};

struct BatchOptions {
    std::size_t batch_size = 500; // operations per request (at least 1)
    bool respond_with_entities = false;
};

struct BatchSequence {
    std::vector<Request> requests;
    std::size_t operation_count = 0;
    // Request that creates each component entry (k_none: not created by this sequence).
    std::vector<std::uint32_t> component_request;
};

// The requests that carry out `plan`'s creates, updates and deletes. Entries in conflict,
// in error, skipped or unchanged produce no operation; a refused delete guard leaves no
// delete in the plan. `options.batch_size` 0 is treated as 1.
BatchSequence build_sequence(const plan::Plan& plan, const BatchOptions& options);

// The batchId of a plan entry within a request ("c12" for component entry 12, "r7" for
// reference entry 7), and back.
std::string batch_id(plan::EntityKind kind, std::uint32_t entry);
std::optional<std::pair<plan::EntityKind, std::uint32_t>> parse_batch_id(std::string_view id);

// The ids Ardoq gave to entities created by the requests sent so far, by plan entry.
class CreatedIds {
public:
    // Records the ids of `request`'s created entities from its response
    // ({"components": {"created": [{"id", "batchId"}]}, "references": {...}}). Returns how
    // many were recorded, or a diagnostic naming what is wrong with the response.
    model::Expected<std::size_t> record(const Request& request, const boost::json::value& response);
    void set(plan::EntityKind kind, std::uint32_t entry, const model::Oid& id);
    std::optional<model::Oid> find(plan::EntityKind kind, std::uint32_t entry) const;
    std::size_t size() const noexcept { return m_components.size() + m_references.size(); }

private:
    std::unordered_map<std::uint32_t, model::Oid> m_components;
    std::unordered_map<std::uint32_t, model::Oid> m_references;
};

// The JSON body of request `index` of `sequence` (1-based "request 3 of 7" in messages),
// completed with the ids of components created by earlier requests. Fails when one of
// those was not reported by its request's response.
// Every part of the request is made in one arena of its own, which the request shares.
model::Expected<boost::json::object> render_request(const plan::Plan& plan,
                                                    const BatchSequence& sequence,
                                                    std::size_t index, const CreatedIds& created,
                                                    const BatchOptions& options);
// The same with every part made in `sp`'s memory: a non-owning pointer to a
// json::monotonic_resource that outlives the request makes dropping the request free.
model::Expected<boost::json::object>
render_request(const plan::Plan& plan, const BatchSequence& sequence, std::size_t index,
               const CreatedIds& created, const BatchOptions& options, boost::json::storage_ptr sp);

} // namespace ardoq::batch
