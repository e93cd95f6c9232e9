#include "connectors/file/file_target.hpp"

#include "connectors/ardoq/snapshot_fetcher.hpp"
#include "connectors/cache/atomic_file.hpp"
#include "connectors/cache/snapshot_json.hpp"
#include "connectors/file/batch_applier.hpp"
#include "model/errors.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

namespace ardoq::connectors {

namespace fs = std::filesystem;

namespace {

std::string quote(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

std::string batch_hint(int status) {
    switch (status) {
    case 404:
        return "the entity is not in the file any more; plan again against the current file";
    case 409:
        return "the entity changed in the file since the plan was made; plan again";
    default:
        return "the request does not fit the workspace in the file; the message says which "
               "operation";
    }
}

} // namespace

FileTarget::FileTarget(fs::path path) : m_path(std::move(path)) {}

std::string FileTarget::describe() const {
    return "file:" + m_path.string();
}

model::WorkspaceInfo FileTarget::resolve_workspace(std::string_view name_or_id) {
    auto snap = read_snapshot_json(m_path);
    if (snap.workspace.id == name_or_id || snap.workspace.name == name_or_id)
        return snap.workspace;
    throw model::InputError(model::make_error(
        {}, "workspace " + quote(name_or_id) + " not found in " + describe(),
        "the file holds workspace " + quote(snap.workspace.name) + " (" + snap.workspace.id + ")"));
}

model::Snapshot FileTarget::fetch_snapshot(std::string_view workspace_id) {
    auto snap = read_snapshot_json(m_path);
    if (snap.workspace.id != workspace_id)
        throw model::InputError(model::make_error(
            {}, "workspace " + quote(workspace_id) + " not found in " + describe(),
            "the file holds workspace " + quote(snap.workspace.name) + " (" + snap.workspace.id +
                ")"));
    if (snap.host.empty())
        snap.host = describe();
    spdlog::info("read workspace \"{}\" ({}) from {}: {} components, {} references",
                 snap.workspace.name, snap.workspace.id, describe(), snap.components().size(),
                 snap.references().size());
    return snap;
}

BatchOutcome FileTarget::send_batch(const boost::json::object& request, std::string_view step) {
    auto snap = read_snapshot_json(m_path);
    BatchClock clock{m_oids, utc_now_iso()};
    auto applied = apply_batch(snap, request, clock);
    BatchOutcome out;
    if (!applied) {
        const auto& e = applied.error();
        out.status = BatchOutcome::Status::rejected;
        out.http_status = e.status;
        out.body = boost::json::serialize(boost::json::object{{"message", e.message}});
        out.error = std::string(step) + ": POST " + describe() + ": HTTP " +
                    std::to_string(e.status) + ": " + e.message +
                    "\n  hint: " + batch_hint(e.status);
        spdlog::debug("{}: POST {} -> {}: {}", step, describe(), e.status, e.message);
        return out;
    }
    std::error_code ec;
    auto perms = fs::status(m_path, ec).permissions();
    if (ec)
        perms = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                fs::perms::others_read;
    write_file_atomically(
        m_path, [&](std::FILE* f) { write_snapshot_json(f, snap, m_path); }, perms);
    out.status = BatchOutcome::Status::applied;
    out.http_status = 200;
    out.body = boost::json::serialize(*applied);
    out.response = std::move(*applied);
    spdlog::debug("{}: POST {} -> 200", step, describe());
    return out;
}

} // namespace ardoq::connectors
