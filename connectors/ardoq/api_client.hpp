#pragma once
// The Ardoq REST client: JSON requests to v2 (/api/v2/…) and v1 (/api/…) with retries
// (retry_policy.hpp), deadlines (the transport's), pagination, redacted logging and
// errors that name the step, method, path and status and keep the response body.
//
// Two levels: call() returns every outcome as a value (POST /batch needs to tell
// "rejected" from "unknown"); get()/post()/put()/patch()/del() return the parsed JSON
// of a 2xx answer and throw ApiError for anything else.

#include "connectors/ardoq/clock.hpp"
#include "connectors/ardoq/redaction.hpp"
#include "connectors/ardoq/retry_policy.hpp"
#include "connectors/ardoq/transport.hpp"
#include "connectors/ardoq/url.hpp"
#include "model/errors.hpp"

#include <boost/json/array.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace ardoq::connectors {

// A request that failed for good. what() is the full message: "step: METHOD path: what"
// plus the response body and a hint, with no secret in it.
class ApiError : public model::RunError {
public:
    ApiError(const std::string& message, HttpMethod method, std::string path, int status,
             std::string body);
    HttpMethod method() const noexcept { return m_method; }
    const std::string& path() const noexcept { return m_path; } // redacted
    int status() const noexcept { return m_status; }            // 0: no response
    const std::string& body() const noexcept { return m_body; } // scrubbed

private:
    HttpMethod m_method;
    std::string m_path;
    int m_status;
    std::string m_body;
};

struct CallResult {
    enum class Status : std::uint8_t {
        ok,      // 2xx
        failed,  // a final error answer, or no answer while the request surely had no effect
        unknown, // no definite answer to a write: it may have been applied
    };
    Status status = Status::failed;
    int http_status = 0; // 0 when no response arrived
    std::string body;    // response body (scrubbed); "" for a 2xx answer read as JSON
    // The memory `json` lives in when it was read with Storage::result_arena (see
    // read_answer): one block, freed at once, and the value is dropped without a walk over
    // its elements. Declared before `json`, so that it outlives it.
    std::shared_ptr<boost::json::monotonic_resource> arena;
    // Parsed body of a 2xx answer (null when empty / not JSON). It lives in its own monotonic
    // memory, shared with the value, or in `arena`: move-construct from it (a move
    // assignment to a value with other storage copies it).
    boost::json::value json;
    std::string error; // the full message when not ok
    // The text of a 2xx answer not read yet (call_text with Read::later); read_answer()
    // reads it into `json`.
    std::string unread;
};

// Where read_answer puts the parsed answer: in memory the value shares (it can be moved
// anywhere), or in memory held by the result (CallResult::arena), which the value only
// refers to; the caller keeps the value within the result, and dropping it is then free.
enum class Storage : std::uint8_t { shared, result_arena };

// Whether call_text reads a 2xx answer as JSON at once, or leaves its text for
// read_answer() (a caller that reads one answer while its next request is in flight).
enum class Read : std::uint8_t { now, later };

class ApiClient {
public:
    ApiClient(BaseUrl base, Secret token, std::chrono::milliseconds request_timeout,
              RetryOptions retry, std::unique_ptr<Transport> transport,
              std::unique_ptr<Clock> clock);

    const BaseUrl& base() const noexcept { return m_base; }
    const Redactor& redactor() const noexcept { return m_redactor; }
    // Path of a v2 call ("/components" → "/api/v2/components") / of a v1 call.
    std::string v2(std::string_view path) const;
    std::string v1(std::string_view path) const;

    // One logical request with retries. `path` is a full request target from v2()/v1();
    // `body` is sent as JSON when not null; `step` names the request in messages.
    CallResult call(HttpMethod method, std::string_view path, const boost::json::value* body,
                    Idempotency idempotency, std::string_view step);
    // The same with the body already serialised (`body_text`, "" for none).
    CallResult call_text(HttpMethod method, std::string_view path, std::string body_text,
                         Idempotency idempotency, std::string_view step, Read read = Read::now);
    // Reads the text call_text left in `result.unread` as JSON, as call_text does with
    // Read::now: an answer that is not JSON turns an ok result into failed (a GET) or
    // unknown (a write: it may have been applied).
    // Returned as a new result, so that the parsed value keeps its own memory.
    CallResult read_answer(CallResult result, HttpMethod method, std::string_view path,
                           std::string_view step, Storage storage = Storage::shared) const;

    boost::json::value get(std::string_view path, std::string_view step);
    boost::json::value post(std::string_view path, const boost::json::value& body,
                            std::string_view step);
    boost::json::value put(std::string_view path, const boost::json::value& body,
                           std::string_view step);
    boost::json::value patch(std::string_view path, const boost::json::value& body,
                             std::string_view step);
    boost::json::value del(std::string_view path, std::string_view step);

    // Follows a v2 list (`{values, _links.next.href}`) to its end, handing each page's
    // values to `on_page`. Throws ApiError on a failed page or a malformed answer.
    void for_each_page(std::string_view path, std::string_view step,
                       const std::function<void(const boost::json::array&)>& on_page);

    int retries_used() const noexcept { return m_policy.retries_used(); }

private:
    boost::json::value checked(HttpMethod method, std::string_view path,
                               const boost::json::value* body, Idempotency idempotency,
                               std::string_view step);
    std::string next_page_target(std::string_view href, std::string_view step,
                                 std::string_view path) const;

    BaseUrl m_base;
    Redactor m_redactor;
    std::chrono::milliseconds m_request_timeout;
    std::unique_ptr<Transport> m_transport;
    std::unique_ptr<Clock> m_clock;
    RetryPolicy m_policy;
};

} // namespace ardoq::connectors
