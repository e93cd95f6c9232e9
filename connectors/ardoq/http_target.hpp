#pragma once
// The Ardoq API as a Target: snapshots over v2 REST, batches over POST /api/v2/batch.
// Also hands out its ApiClient for the ardoqpy-style commands (v1 and v2 calls).

#include "connectors/ardoq/api_client.hpp"
#include "connectors/target.hpp"

#include <memory>

namespace ardoq::connectors {

class HttpTarget final : public Target {
public:
    explicit HttpTarget(std::unique_ptr<ApiClient> client);

    std::string describe() const override;
    std::string cache_key() const override;
    model::WorkspaceInfo resolve_workspace(std::string_view name_or_id) override;
    model::Snapshot fetch_snapshot(std::string_view workspace_id) override;
    // Retried like an idempotent request when it holds only upserts; otherwise sent once
    // and, without a definite answer, reported as `unknown`.
    BatchOutcome send_batch(const boost::json::object& request, std::string_view step) override;
    BatchOutcome send_batch_text(const boost::json::object& request, std::string_view text,
                                 std::string_view step) override;
    BatchOutcome send_batch_unread(const boost::json::object& request, std::string_view text,
                                   std::string_view step) override;
    BatchOutcome read_batch_answer(BatchOutcome outcome, std::string_view step) override;

    ApiClient& client() noexcept { return *m_client; }

private:
    std::unique_ptr<ApiClient> m_client;
};

// The API client alone (ardoqpy-style commands), from the same options as open_target:
// https:// or http:// targets only. Throws InputError for a file: target or no token.
std::unique_ptr<ApiClient> open_api_client(const TargetOptions& options);

// True when a batch request holds nothing but upserts, which replay safely.
bool upsert_only(const boost::json::object& request);

} // namespace ardoq::connectors
