#pragma once
// Test support for apply tests: a Target over an in-memory workspace that applies batches
// with the Batch API's semantics (connectors/file/batch_applier), records every request,
// and answers some of them with a scripted fault.

#include "connectors/file/batch_applier.hpp"
#include "connectors/target.hpp"
#include "engine/plan_fixture.hpp"

#include <boost/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace ardoq::test {

enum class Fault {
    rejected,          // 409, nothing applied
    lost_before_apply, // unknown outcome, nothing applied (dropped before the server acted)
    lost_after_apply,  // unknown outcome, applied (dropped after the server acted)
    replayed,          // applied twice (a retry after a lost answer): the second answer,
                       // in which upserts found their components and report them updated
    forgotten,         // answered 200 as if applied, but the workspace does not keep it
};

class FakeTarget final : public connectors::Target {
public:
    explicit FakeTarget(model::Snapshot workspace)
        : m_workspace(std::move(workspace)), m_oids(7, 0x65000000U) {
        m_workspace.reindex();
    }

    std::string describe() const override { return "fake:workspace"; }
    std::string cache_key() const override { return {}; }
    model::WorkspaceInfo resolve_workspace(std::string_view) override {
        return m_workspace.workspace;
    }
    model::Snapshot fetch_snapshot(std::string_view) override {
        ++fetches;
        return m_workspace;
    }
    connectors::BatchOutcome send_batch(const boost::json::object& request,
                                        std::string_view step) override {
        const std::size_t number = ++m_sent;
        requests.emplace_back(request, boost::json::storage_ptr()); // kept: own memory
        steps.emplace_back(step);
        connectors::BatchOutcome out;
        auto fault = faults.find(number);
        if (fault != faults.end() && fault->second == Fault::rejected) {
            out.status = connectors::BatchOutcome::Status::rejected;
            out.http_status = 409;
            out.error = std::string(step) + ": POST /api/v2/batch: HTTP 409: version mismatch";
            return out;
        }
        if (fault != faults.end() && fault->second == Fault::lost_before_apply) {
            out.status = connectors::BatchOutcome::Status::unknown;
            out.error = std::string(step) + ": connection lost";
            return out;
        }
        connectors::BatchClock clock{m_oids, "2025-01-06T10:00:00.000Z"};
        model::Snapshot next = m_workspace;
        auto applied = connectors::apply_batch(next, request, clock);
        if (!applied) {
            out.status = connectors::BatchOutcome::Status::rejected;
            out.http_status = applied.error().status;
            out.error = std::string(step) + ": " + applied.error().message;
            return out;
        }
        if (fault != faults.end() && fault->second == Fault::replayed) {
            model::Snapshot again = next;
            applied = connectors::apply_batch(again, request, clock);
            REQUIRE(applied);
            next = std::move(again);
        }
        if (fault == faults.end() || fault->second != Fault::forgotten)
            m_workspace = std::move(next);
        if (fault != faults.end() && fault->second == Fault::lost_after_apply) {
            out.status = connectors::BatchOutcome::Status::unknown;
            out.error = std::string(step) + ": connection lost after sending";
            return out;
        }
        out.status = connectors::BatchOutcome::Status::applied;
        out.http_status = 200;
        out.response = *applied;
        out.body = boost::json::serialize(*applied);
        return out;
    }

    const model::Snapshot& workspace() const noexcept { return m_workspace; }

    std::map<std::size_t, Fault> faults; // by 1-based request number
    std::vector<boost::json::object> requests;
    std::vector<std::string> steps;
    std::size_t fetches = 0;

private:
    model::Snapshot m_workspace;
    model::OidGenerator m_oids;
    std::size_t m_sent = 0;
};

// Components of a type in a workspace, by identity key (external_id), counted.
inline std::map<std::string, int> keys_of(const model::Snapshot& s) {
    std::map<std::string, int> out;
    const auto key = s.find_field("external_id");
    for (const auto& c : s.components()) {
        auto v = key ? model::Snapshot::field_value(c.custom_fields, *key) : std::nullopt;
        ++out[std::string(v && v->is_string() ? v->as_string() : c.name)];
    }
    return out;
}

} // namespace ardoq::test
