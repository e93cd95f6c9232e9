#include "connectors/ardoq/snapshot_fetcher.hpp"

#include "connectors/ardoq/json_model.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <ctime>

namespace ardoq::connectors {

namespace json = boost::json;

namespace {

constexpr std::string_view k_step = "fetch snapshot";
constexpr std::size_t k_names_in_hint = 10;

std::string quote(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

template <typename Add>
void fetch_entities(ApiClient& client, const std::string& path, std::string_view kind, Add add) {
    std::size_t page = 0;
    client.for_each_page(path, k_step, [&](const json::array& values) {
        ++page;
        for (std::size_t i = 0; i < values.size(); ++i) {
            auto added = add(values[i]);
            if (!added)
                throw model::RunError(
                    std::string(k_step) + ": GET " + client.redactor().path(path) + ": page " +
                    std::to_string(page) + ", " + std::string(kind) + " " + std::to_string(i + 1) +
                    ": " + added.error() +
                    "\n  hint: the target does not answer like the Ardoq API; check --target");
        }
    });
}

} // namespace

std::string utc_now_iso() {
    auto now = std::chrono::system_clock::now();
    auto secs = std::chrono::time_point_cast<std::chrono::seconds>(now);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - secs).count();
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms));
    return buf;
}

model::Snapshot fetch_workspace_snapshot(ApiClient& client, std::string_view workspace_id) {
    const auto started = std::chrono::steady_clock::now();
    model::Snapshot snap;
    snap.host = client.base().to_string();
    snap.fetched_at = utc_now_iso();
    const std::string id(workspace_id);

    const auto ws_path = client.v2("/workspaces/" + id);
    auto workspace = workspace_from_json(client.get(ws_path, k_step));
    if (!workspace)
        throw model::RunError(std::string(k_step) + ": GET " + ws_path + ": " + workspace.error());
    snap.workspace = std::move(*workspace);

    const auto ctx_path = client.v2("/workspaces/" + id + "/context");
    auto context = context_from_json(client.get(ctx_path, k_step));
    if (!context)
        throw model::RunError(std::string(k_step) + ": GET " + ctx_path + ": " + context.error());
    snap.context = std::move(*context);
    if (snap.context.workspace_id.empty())
        snap.context.workspace_id = id;

    fetch_entities(client, client.v2("/components?rootWorkspace=" + id), "component",
                   [&](const json::value& v) { return add_component_from_json(snap, v); });
    fetch_entities(client, client.v2("/references?rootWorkspace=" + id), "reference",
                   [&](const json::value& v) { return add_reference_from_json(snap, v); });
    snap.reindex();

    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    spdlog::info("fetched workspace \"{}\" ({}) from {}: {} components, {} references in {}",
                 snap.workspace.name, snap.workspace.id, snap.host, snap.components().size(),
                 snap.references().size(), format_duration(took));
    return snap;
}

model::WorkspaceInfo resolve_workspace(ApiClient& client, std::string_view name_or_id) {
    constexpr std::string_view step = "resolve workspace";
    auto not_found = [&](const std::string& hint) {
        return model::InputError(model::make_error(
            {}, "workspace " + quote(name_or_id) + " not found at " + client.base().to_string(),
            hint));
    };
    if (model::Oid::parse(name_or_id)) {
        auto path = client.v2("/workspaces/" + std::string(name_or_id));
        auto result = client.call(HttpMethod::get, path, nullptr, Idempotency::idempotent, step);
        if (result.status == CallResult::Status::ok) {
            auto ws = workspace_from_json(result.json);
            if (!ws)
                throw model::RunError(std::string(step) + ": GET " + path + ": " + ws.error());
            return *ws;
        }
        if (result.http_status != 404)
            throw ApiError(result.error, HttpMethod::get, path, result.http_status, result.body);
        // Not a workspace id after all: it may be a name that looks like one.
    }

    std::vector<model::WorkspaceInfo> all;
    client.for_each_page(client.v2("/workspaces?name=" + url_encode(name_or_id)), step,
                         [&](const json::array& values) {
                             for (const auto& v : values)
                                 if (auto ws = workspace_from_json(v))
                                     all.push_back(std::move(*ws));
                         });
    std::vector<model::WorkspaceInfo> exact;
    for (auto& ws : all)
        if (ws.name == name_or_id)
            exact.push_back(ws);
    if (exact.size() == 1)
        return exact.front();
    if (exact.size() > 1) {
        std::string ids;
        for (const auto& ws : exact)
            ids += (ids.empty() ? "" : ", ") + ws.id;
        throw model::InputError(model::make_error({},
                                                  std::to_string(exact.size()) +
                                                      " workspaces are named " + quote(name_or_id) +
                                                      " at " + client.base().to_string(),
                                                  "name the workspace by its id instead: " + ids));
    }

    // Nothing by that name: list what there is, so that a typo is easy to see.
    std::vector<std::string> names;
    client.for_each_page(client.v2("/workspaces"), step, [&](const json::array& values) {
        for (const auto& v : values)
            if (auto ws = workspace_from_json(v); ws && names.size() <= k_names_in_hint)
                names.push_back(quote(ws->name));
    });
    if (names.empty())
        throw not_found("the token can see no workspace there; check --target and --org");
    std::string list;
    for (std::size_t i = 0; i < names.size() && i < k_names_in_hint; ++i)
        list += (i == 0 ? "" : ", ") + names[i];
    if (names.size() > k_names_in_hint)
        list += ", ...";
    throw not_found("workspaces there: " + list);
}

} // namespace ardoq::connectors
