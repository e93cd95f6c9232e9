#pragma once
// The file: target: a snapshot file (the `snapshot export` format) standing in for an
// Ardoq workspace. Reading it is a fetch; a batch is applied to it locally with the Batch
// API's semantics (batch_applier.hpp) and the file is rewritten atomically. Needs no
// account, no token and no network: the default target for trying a mapping.

#include "connectors/target.hpp"
#include "model/oid.hpp"

#include <filesystem>

namespace ardoq::connectors {

class FileTarget final : public Target {
public:
    explicit FileTarget(std::filesystem::path path);

    std::string describe() const override; // "file:PATH"
    std::string cache_key() const override { return {}; }
    model::WorkspaceInfo resolve_workspace(std::string_view name_or_id) override;
    model::Snapshot fetch_snapshot(std::string_view workspace_id) override;
    BatchOutcome send_batch(const boost::json::object& request, std::string_view step) override;

private:
    std::filesystem::path m_path;
    model::OidGenerator m_oids;
};

} // namespace ardoq::connectors
