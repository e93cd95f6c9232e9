#pragma once
// The one interface the engine uses to talk to a target workspace store: the Ardoq REST
// API over HTTP(S) (connectors/ardoq) or a local snapshot file (connectors/file, the
// "file:" target). open_target() picks the implementation from the target text.

#include "connectors/ardoq/secret.hpp"
#include "model/snapshot.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace ardoq::connectors {

inline constexpr std::chrono::milliseconds k_default_connect_timeout{10'000};
inline constexpr std::chrono::milliseconds k_default_request_timeout{60'000};

// When and how often failed requests are tried again (see connectors/ardoq/retry_policy.hpp).
struct RetryOptions {
    int max_attempts = 5;                               // per request, the first one included
    std::chrono::milliseconds base_delay{500};          // first backoff ceiling, doubled each try
    std::chrono::milliseconds max_delay{30'000};        // cap of one backoff ceiling
    std::chrono::milliseconds max_retry_after{300'000}; // a longer Retry-After gives up
    int budget = 50; // retries left for the whole run, across every request
};

struct TargetOptions {
    // "https://myorg.ardoq.com", "http://127.0.0.1:8080", "file:path/workspace.json".
    std::string target;
    Secret token;          // from ARDOQ_API_TOKEN or --token-file, never from a plain argument
    std::string org;       // X-org header; "" to send none
    std::string ca_file;   // extra PEM bundle to trust, "" for the system store only
    bool insecure = false; // no peer / host-name verification (warned on every run)
    std::chrono::milliseconds connect_timeout = k_default_connect_timeout;
    std::chrono::milliseconds request_timeout = k_default_request_timeout;
    RetryOptions retry;
    std::string user_agent = "ardoq-sync";
};

// What became of one POST /batch. `applied`: Ardoq answered 2xx (response holds the
// parsed body). `rejected`: Ardoq answered an error, so nothing was applied (a batch is
// one transaction). `unknown`: the request may or may not have been applied (timeout or
// lost connection after it was sent); it was NOT sent again, the caller must refresh the
// snapshot and plan the remainder anew.
struct BatchOutcome {
    enum class Status { applied, rejected, unknown };
    Status status = Status::unknown;
    int http_status = 0; // 0 when no response arrived
    // The memory `response` may live in (see connectors::CallResult::arena); declared before
    // it, so that it outlives it. Copies of `response` are made in it too: keep them within
    // the outcome's life, or copy with other storage (json::value(response, {})).
    std::shared_ptr<void> arena;
    boost::json::value response;
    std::string body;  // raw response body text (kept for reports)
    std::string error; // "" when applied; a message naming step, method, path and status
    // The answer's text while it is not read yet (see Target::send_batch_unread).
    std::string unread;
};

std::string_view status_name(BatchOutcome::Status s) noexcept; // "applied", ...

class Target {
public:
    virtual ~Target() = default;

    // The target for messages and reports, with no secret in it ("https://x.ardoq.com").
    virtual std::string describe() const = 0;
    // Directory name for this target's snapshot cache ("x.ardoq.com", "127.0.0.1_8080");
    // "" when caching makes no sense (the file: target is its own cache).
    virtual std::string cache_key() const = 0;
    // Finds a workspace by OID or by exact name. Throws InputError when there is none or
    // several (listing the candidates), RunError when the target cannot be read.
    virtual model::WorkspaceInfo resolve_workspace(std::string_view name_or_id) = 0;
    // Workspace, context, every component and every reference, indexed (reindex() done).
    virtual model::Snapshot fetch_snapshot(std::string_view workspace_id) = 0;
    // Sends one Batch API request; `step` names it in messages ("apply: request 3/7").
    // `request` may live in memory it does not own (the apply builds each request in an
    // arena of its own): it is valid during the call, and so is a copy made from it the
    // usual way (which shares that memory). To keep it, copy it into other memory:
    // `boost::json::object(request, boost::json::storage_ptr())`.
    virtual BatchOutcome send_batch(const boost::json::object& request, std::string_view step) = 0;
    // The same, with `text` the serialization of `request` (the caller has it already, for
    // the journal): a target that sends text sends it as is instead of serializing again.
    virtual BatchOutcome send_batch_text(const boost::json::object& request, std::string_view text,
                                         std::string_view step) {
        (void)text;
        return send_batch(request, step);
    }
    // send_batch_text in two halves, for a caller that reads one answer while its next
    // request is in flight. send_batch_unread returns once the answer is in: its status and
    // http_status are final, except that an `applied` answer may not be read yet (`unread`
    // holds its text, `response` is null). read_batch_answer reads it: an answer that cannot
    // be read turns `applied` into `unknown` (the request may have been applied). Returned as
    // a new outcome, so that the parsed response keeps its own memory. By default a target
    // reads every answer at once and read_batch_answer passes the outcome on.
    virtual BatchOutcome send_batch_unread(const boost::json::object& request,
                                           std::string_view text, std::string_view step) {
        return send_batch_text(request, text, step);
    }
    virtual BatchOutcome read_batch_answer(BatchOutcome outcome, std::string_view step) {
        (void)step;
        return outcome;
    }
};

// Opens the target named by options.target: "file:PATH" → the file target, "http://" or
// "https://" → the Ardoq API. Throws InputError for an unusable target text or missing
// token (with a hint), RunError when a file cannot be read.
std::unique_ptr<Target> open_target(const TargetOptions& options);

} // namespace ardoq::connectors
