#pragma once
// Test support for batch tests: renders every request of a sequence, answering each with a
// response that reports a fresh OID for every entity created by batchId (what Ardoq does).

#include "batch/batch.hpp"
#include "engine/plan_fixture.hpp"

#include <boost/json.hpp>

#include <string>
#include <vector>

namespace ardoq::test {

struct RenderedRequests {
    std::vector<boost::json::object> bodies;
    std::vector<std::string> texts; // serialized
};

// The response Ardoq would give: every upserted / created entity with a batchId is reported
// as created with OID 0xd000... + a counter.
inline boost::json::value fake_response(const boost::json::object& request, unsigned& counter) {
    boost::json::object out;
    for (const char* kind : {"components", "references"}) {
        boost::json::array created;
        if (const auto* section = request.if_contains(kind))
            for (const char* op : {"upsert", "create"})
                if (const auto* items = section->as_object().if_contains(op))
                    for (const auto& item : items->as_array())
                        if (const auto* b = item.as_object().if_contains("batchId")) {
                            char id[32];
                            std::snprintf(id, sizeof id, "d000000000000000%08x", counter++);
                            created.push_back(boost::json::object{{"id", id}, {"batchId", *b}});
                        }
        out[kind] = boost::json::object{{"created", std::move(created)},
                                        {"updated", boost::json::array{}},
                                        {"deleted", boost::json::array{}}};
    }
    return out;
}

inline RenderedRequests render_all(const plan::Plan& p, const batch::BatchSequence& seq,
                                   const batch::BatchOptions& options) {
    RenderedRequests out;
    batch::CreatedIds created;
    unsigned counter = 1;
    for (std::size_t i = 0; i < seq.requests.size(); ++i) {
        auto body = batch::render_request(p, seq, i, created, options);
        if (!body)
            FAIL(body.error().to_string());
        auto recorded = created.record(seq.requests[i], fake_response(*body, counter));
        if (!recorded)
            FAIL(recorded.error().to_string());
        out.texts.push_back(boost::json::serialize(*body));
        out.bodies.push_back(std::move(*body));
    }
    return out;
}

} // namespace ardoq::test
