#include "connectors/ardoq/http_target.hpp"

#include "connectors/ardoq/beast_transport.hpp"
#include "connectors/ardoq/snapshot_fetcher.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

namespace ardoq::connectors {

namespace json = boost::json;

HttpTarget::HttpTarget(std::unique_ptr<ApiClient> client) : m_client(std::move(client)) {}

std::string HttpTarget::describe() const {
    return m_client->base().to_string();
}

std::string HttpTarget::cache_key() const {
    return m_client->base().cache_key();
}

model::WorkspaceInfo HttpTarget::resolve_workspace(std::string_view name_or_id) {
    return connectors::resolve_workspace(*m_client, name_or_id);
}

model::Snapshot HttpTarget::fetch_snapshot(std::string_view workspace_id) {
    return fetch_workspace_snapshot(*m_client, workspace_id);
}

bool upsert_only(const json::object& request) {
    for (std::string_view kind : {"components", "references"}) {
        const auto* ops = request.if_contains(kind);
        if (ops == nullptr || !ops->is_object())
            continue;
        for (const auto& op : ops->get_object()) {
            if (op.key() == "upsert")
                continue;
            if (op.value().is_array() && op.value().get_array().empty())
                continue;
            return false;
        }
    }
    return true;
}

BatchOutcome HttpTarget::send_batch(const json::object& request, std::string_view step) {
    return send_batch_text(request, json::serialize(request), step);
}

namespace {

BatchOutcome outcome_of(CallResult result) {
    if (result.status == CallResult::Status::ok)
        // Move-constructed, so that the answer keeps its own (monotonic) memory.
        return BatchOutcome{.status = BatchOutcome::Status::applied,
                            .http_status = result.http_status,
                            .arena = std::move(result.arena),
                            .response = std::move(result.json),
                            .body = std::move(result.body),
                            .error = std::move(result.error),
                            .unread = std::move(result.unread)};
    BatchOutcome out;
    out.http_status = result.http_status;
    out.body = std::move(result.body);
    out.error = std::move(result.error);
    switch (result.status) {
    case CallResult::Status::ok:
        break;
    case CallResult::Status::failed:
        out.status = BatchOutcome::Status::rejected;
        break;
    case CallResult::Status::unknown:
        out.status = BatchOutcome::Status::unknown;
        break;
    }
    return out;
}

} // namespace

BatchOutcome HttpTarget::send_batch_text(const json::object& request, std::string_view text,
                                         std::string_view step) {
    return read_batch_answer(send_batch_unread(request, text, step), step);
}

BatchOutcome HttpTarget::send_batch_unread(const json::object& request, std::string_view text,
                                           std::string_view step) {
    auto idempotency = upsert_only(request) ? Idempotency::idempotent : Idempotency::not_idempotent;
    return outcome_of(m_client->call_text(HttpMethod::post, m_client->v2("/batch"),
                                          std::string(text), idempotency, step, Read::later));
}

BatchOutcome HttpTarget::read_batch_answer(BatchOutcome outcome, std::string_view step) {
    if (outcome.status != BatchOutcome::Status::applied || outcome.unread.empty())
        return outcome;
    CallResult unread;
    unread.status = CallResult::Status::ok;
    unread.http_status = outcome.http_status;
    unread.unread = std::move(outcome.unread);
    return outcome_of(m_client->read_answer(std::move(unread), HttpMethod::post,
                                            m_client->v2("/batch"), step, Storage::result_arena));
}

std::unique_ptr<ApiClient> open_api_client(const TargetOptions& options) {
    auto url = parse_base_url(options.target);
    if (!url)
        throw model::InputError(model::make_error(
            {"--target"}, "invalid target \"" + options.target + "\": " + url.error(),
            "use https://ORG.ardoq.com or http://HOST:PORT"));
    if (options.token.empty())
        throw model::InputError(
            model::make_error({"--target"}, "no API token for " + url->to_string(),
                              "export ARDOQ_API_TOKEN=... or pass --token-file PATH"));
    if (options.insecure && url->tls)
        spdlog::warn(
            "TLS verification is off (--insecure): anyone on the way to {} can read and change the "
            "traffic, the API token included",
            url->to_string());
    BeastTransportOptions transport;
    transport.base = *url;
    transport.token = options.token;
    transport.org = options.org;
    transport.user_agent = options.user_agent;
    transport.ca_file = options.ca_file;
    transport.insecure = options.insecure;
    transport.connect_timeout = options.connect_timeout;
    return std::make_unique<ApiClient>(*url, options.token, options.request_timeout, options.retry,
                                       std::make_unique<BeastTransport>(std::move(transport)),
                                       std::make_unique<SystemClock>());
}

} // namespace ardoq::connectors
