#include "connectors/ardoq/api_client.hpp"

#include "client/fakes.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

using namespace ardoq::connectors;
using ardoq::test::FakeClock;
using ardoq::test::FakeClockLog;
using ardoq::test::FakeTransport;
using ardoq::test::FakeTransportLog;
using ardoq::test::lost;
using ardoq::test::response;
namespace json = boost::json;

namespace {

constexpr const char* k_token = "tok-SECRET-4711/+=";

// Captures every log line at trace level while alive.
struct LogCapture {
    std::ostringstream text;
    std::shared_ptr<spdlog::logger> previous = spdlog::default_logger();
    LogCapture() {
        auto logger = std::make_shared<spdlog::logger>(
            "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(text));
        logger->set_level(spdlog::level::trace);
        logger->set_pattern("%l: %v");
        spdlog::set_default_logger(logger);
    }
    ~LogCapture() { spdlog::set_default_logger(previous); }
};

struct ClientFixture {
    std::shared_ptr<FakeTransportLog> transport = std::make_shared<FakeTransportLog>();
    std::shared_ptr<FakeClockLog> clock = std::make_shared<FakeClockLog>();
    ApiClient client;

    ClientFixture()
        : client(*parse_base_url("https://myorg.ardoq.com"), Secret(k_token),
                 std::chrono::milliseconds(30000), RetryOptions{},
                 std::make_unique<FakeTransport>(transport), std::make_unique<FakeClock>(clock)) {}
};

std::string api_error(const std::function<void()>& f) {
    try {
        f();
    } catch (const ApiError& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("client: a GET retried after 503 returns the JSON of the answer that succeeded") {
    ClientFixture f;
    f.transport->script.push_back(response(503, "busy", "2"));
    f.transport->script.push_back(
        lost(TransportFailure::Kind::connection_lost, true, "connection closed"));
    f.transport->script.push_back(response(200, R"({"org":{"label":"myorg"}})"));
    auto me = f.client.get(f.client.v2("/me"), "check credentials");
    CHECK(json::serialize(me) == R"({"org":{"label":"myorg"}})");
    REQUIRE(f.transport->requests.size() == 3);
    CHECK(f.transport->requests[0].target == "/api/v2/me");
    CHECK(f.transport->requests[0].auth == AuthScheme::bearer);
    CHECK(f.clock->sleeps == std::vector<std::chrono::milliseconds>{
                                 std::chrono::milliseconds(2250), std::chrono::milliseconds(500)});
    CHECK(f.client.retries_used() == 2);
}

TEST_CASE("client: v1 paths authenticate with the legacy token scheme") {
    ClientFixture f;
    f.transport->script.push_back(response(200, "[]"));
    f.client.get(f.client.v1("/workspace"), "list workspaces");
    CHECK(f.transport->requests[0].target == "/api/workspace");
    CHECK(f.transport->requests[0].auth == AuthScheme::v1_token);
}

TEST_CASE(
    "client: an error names step, method, path and status and keeps the body, without the token") {
    ClientFixture f;
    f.transport->script.push_back(
        response(401, std::string(R"({"message":"token )") + k_token + R"( is expired"})"));
    ApiError* caught = nullptr;
    std::string message;
    try {
        f.client.get(f.client.v2("/workspaces?name=x&token=") + url_encode(k_token),
                     "resolve workspace");
    } catch (ApiError& e) {
        caught = &e;
        message = e.what();
        CHECK(e.status() == 401);
        CHECK(e.path() == "/api/v2/workspaces?name=x&token=[REDACTED]");
        CHECK(e.body() == R"({"message":"token [REDACTED] is expired"})");
    }
    REQUIRE(caught != nullptr);
    CHECK(message == "resolve workspace: GET /api/v2/workspaces?name=x&token=[REDACTED]: HTTP 401\n"
                     "  response: {\"message\":\"token [REDACTED] is expired\"}\n"
                     "  hint: the token was refused: check ARDOQ_API_TOKEN or --token-file (tokens "
                     "unused for 60 "
                     "days expire)");
}

TEST_CASE("client: retries give up after the last attempt and say so") {
    ClientFixture f;
    for (int i = 0; i < 5; ++i)
        f.transport->script.push_back(response(500, "oops"));
    CHECK(api_error([&] { f.client.get(f.client.v2("/workspaces/abc"), "fetch snapshot"); }) ==
          "fetch snapshot: GET /api/v2/workspaces/abc: HTTP 500 (gave up after 5 attempts)\n"
          "  response: oops\n"
          "  hint: Ardoq failed to answer; run again later");
    CHECK(f.transport->requests.size() == 5);
}

TEST_CASE("client: a POST whose response was lost is reported unknown and not sent again") {
    ClientFixture f;
    f.transport->script.push_back(
        lost(TransportFailure::Kind::timeout, true, "timeout after 30 s waiting for the response"));
    json::value body = {{"components", json::object{}}};
    auto result = f.client.call(HttpMethod::post, f.client.v2("/batch"), &body,
                                Idempotency::not_idempotent, "apply: request 2/3");
    CHECK(result.status == CallResult::Status::unknown);
    CHECK(result.http_status == 0);
    CHECK(f.transport->requests.size() == 1);
    CHECK(f.transport->requests[0].body == R"({"components":{}})");
    CHECK(result.error ==
          "apply: request 2/3: POST /api/v2/batch: timeout after 30 s waiting for the response\n"
          "  outcome unknown: the request may have been applied\n"
          "  hint: the request was not sent again; refresh the snapshot and plan anew");
}

TEST_CASE("client: a POST that failed before it was sent is retried") {
    ClientFixture f;
    f.transport->script.push_back(
        lost(TransportFailure::Kind::connect, false,
             "cannot connect to myorg.ardoq.com:443: Connection refused"));
    f.transport->script.push_back(response(200, R"({"components":{"created":[]}})"));
    json::value body = json::object{};
    auto result = f.client.call(HttpMethod::post, f.client.v2("/batch"), &body,
                                Idempotency::not_idempotent, "apply");
    CHECK(result.status == CallResult::Status::ok);
    CHECK(f.transport->requests.size() == 2);
}

TEST_CASE("client: a POST answered 502 by a gateway is unknown; 422 is a definite failure") {
    ClientFixture f;
    f.transport->script.push_back(response(502, "<html>bad gateway</html>"));
    f.transport->script.push_back(response(422, R"({"message":"typeId unknown"})"));
    json::value body = json::object{};
    auto gateway = f.client.call(HttpMethod::post, f.client.v2("/batch"), &body,
                                 Idempotency::not_idempotent, "apply");
    CHECK(gateway.status == CallResult::Status::unknown);
    CHECK(gateway.http_status == 502);
    CHECK(gateway.error ==
          "apply: POST /api/v2/batch: HTTP 502\n"
          "  response: <html>bad gateway</html>\n"
          "  outcome unknown: HTTP 502 from a gateway: the request may have been applied\n"
          "  hint: the request was not sent again; refresh the snapshot and plan anew");
    auto refused = f.client.call(HttpMethod::post, f.client.v2("/batch"), &body,
                                 Idempotency::not_idempotent, "apply");
    CHECK(refused.status == CallResult::Status::failed);
    CHECK(refused.http_status == 422);
    CHECK(refused.body == R"({"message":"typeId unknown"})");
    CHECK(f.transport->requests.size() == 2);
}

TEST_CASE("client: a 2xx answer that is not JSON: a write's outcome is unknown, a read fails") {
    ClientFixture f;
    f.transport->script.push_back(response(200, "<html>welcome</html>"));
    f.transport->script.push_back(response(200, "<html>welcome</html>"));
    json::value body = json::object{};
    auto write = f.client.call(HttpMethod::post, f.client.v2("/batch"), &body,
                               Idempotency::not_idempotent, "apply");
    CHECK(write.status == CallResult::Status::unknown);
    CHECK(write.http_status == 200);
    CHECK(write.body == "<html>welcome</html>");
    CHECK(write.error ==
          "apply: POST /api/v2/batch: HTTP 200 with a body that is not JSON (syntax error)\n"
          "  response: <html>welcome</html>\n"
          "  outcome unknown: the target answered success, so the request may have been applied\n"
          "  hint: the request was not sent again; check --target, then refresh the snapshot and "
          "plan anew");
    auto read = f.client.call(HttpMethod::get, f.client.v2("/components"), nullptr,
                              Idempotency::idempotent, "snapshot");
    CHECK(read.status == CallResult::Status::failed);
    CHECK(read.error ==
          "snapshot: GET /api/v2/components: HTTP 200 with a body that is not JSON (syntax "
          "error)\n"
          "  response: <html>welcome</html>\n"
          "  hint: the target does not look like the Ardoq API; check --target");
    CHECK(f.transport->requests.size() == 2); // neither was sent again
}

TEST_CASE("client: pagination follows relative and absolute next links on the same server") {
    ClientFixture f;
    f.transport->script.push_back(response(
        200,
        R"({"values":[1,2],"_links":{"next":{"href":"/api/v2/components?rootWorkspace=w&cursor=2"}}})"));
    f.transport->script.push_back(response(
        200,
        R"({"values":[3],"_links":{"next":{"href":"https://myorg.ardoq.com/api/v2/components?rootWorkspace=w&cursor=3"}}})"));
    f.transport->script.push_back(response(200, R"({"values":[4],"_links":{}})"));
    std::vector<std::int64_t> seen;
    f.client.for_each_page(f.client.v2("/components?rootWorkspace=w"), "fetch snapshot",
                           [&](const json::array& values) {
                               for (const auto& v : values)
                                   seen.push_back(v.as_int64());
                           });
    CHECK(seen == std::vector<std::int64_t>{1, 2, 3, 4});
    REQUIRE(f.transport->requests.size() == 3);
    CHECK(f.transport->requests[2].target == "/api/v2/components?rootWorkspace=w&cursor=3");
}

TEST_CASE("client: a next link to another server is refused (the token would go with it)") {
    ClientFixture f;
    f.transport->script.push_back(response(
        200,
        R"({"values":[],"_links":{"next":{"href":"https://evil.example.com/api/v2/components?p=2"}}})"));
    CHECK(api_error([&] {
              f.client.for_each_page(f.client.v2("/components"), "fetch snapshot",
                                     [](const json::array&) {});
          }) ==
          "fetch snapshot: GET /api/v2/components: the next-page link "
          "\"https://evil.example.com/api/v2/components?p=2\" leaves https://myorg.ardoq.com\n"
          "  hint: the target does not paginate like the Ardoq API; check --target");
    CHECK(f.transport->requests.size() == 1);
}

TEST_CASE("client: a page without values is an error naming the page") {
    ClientFixture f;
    f.transport->script.push_back(response(200, R"({"items":[]})"));
    CHECK(api_error([&] {
              f.client.for_each_page(f.client.v2("/references"), "fetch snapshot",
                                     [](const json::array&) {});
          }) == "fetch snapshot: GET /api/v2/references: page 1 has no \"values\" array\n"
                "  hint: the target does not answer like the Ardoq API; check --target");
}

TEST_CASE("client: trace logs show requests and bodies but never the token") {
    ClientFixture f;
    LogCapture capture;
    f.transport->script.push_back(response(503, std::string("echo ") + k_token, "1"));
    f.transport->script.push_back(response(200, std::string(R"({"echo":")") + k_token + "\"}"));
    json::value body = {{"note", k_token}};
    f.client.call(HttpMethod::post, f.client.v2("/batch?token=") + url_encode(k_token), &body,
                  Idempotency::idempotent, "apply");
    const auto log = capture.text.str();
    CHECK(log.find(k_token) == std::string::npos);
    CHECK(log.find(url_encode(k_token)) == std::string::npos);
    CHECK(log.find("trace: apply: POST /api/v2/batch?token=[REDACTED]: request body: "
                   "{\"note\":\"[REDACTED]\"}") != std::string::npos);
    CHECK(log.find("warning: apply: POST /api/v2/batch?token=[REDACTED]: HTTP 503, Retry-After 1 "
                   "s; retrying in 1.2 s "
                   "(attempt 2 of 5)") != std::string::npos);
    CHECK(log.find("response body: {\"echo\":\"[REDACTED]\"}") != std::string::npos);
}

TEST_CASE("client: redaction masks credential-like query values and the token anywhere") {
    Redactor r(Secret("abc123"));
    CHECK(r.path("/api/v2/x?name=abc&api_key=zzz&Token=abc123&sig=1") ==
          "/api/v2/x?name=abc&api_key=[REDACTED]&Token=[REDACTED]&sig=[REDACTED]");
    CHECK(r.scrub("Bearer abc123 and abc123") == "Bearer [REDACTED] and [REDACTED]");
    CHECK(Redactor().scrub("nothing to hide") == "nothing to hide");
    CHECK(url_encode("a b/+") == "a%20b%2F%2B");
}

TEST_CASE("client: a 2xx answer left unread is read later as call_text would read it at once") {
    ClientFixture f;
    f.transport->script.push_back(response(200, R"({"components":{"created":[]}})"));
    f.transport->script.push_back(response(200, "<html>welcome</html>"));
    f.transport->script.push_back(response(422, R"({"message":"typeId unknown"})"));
    auto send = [&] {
        return f.client.call_text(HttpMethod::post, f.client.v2("/batch"), "{}",
                                  Idempotency::not_idempotent, "apply", Read::later);
    };
    auto read = [&](CallResult r) {
        return f.client.read_answer(std::move(r), HttpMethod::post, f.client.v2("/batch"), "apply");
    };

    auto ok = send();
    CHECK(ok.status == CallResult::Status::ok);
    CHECK(ok.json.is_null());
    CHECK(ok.unread == R"({"components":{"created":[]}})");
    auto ok_read = read(std::move(ok));
    CHECK(ok_read.status == CallResult::Status::ok);
    CHECK(json::serialize(ok_read.json) == R"({"components":{"created":[]}})");
    CHECK(ok_read.unread.empty());

    auto garbled = read(send());
    CHECK(garbled.status == CallResult::Status::unknown);
    CHECK(garbled.http_status == 200);
    CHECK(garbled.body == "<html>welcome</html>");
    CHECK(garbled.unread.empty());
    CHECK(garbled.error ==
          "apply: POST /api/v2/batch: HTTP 200 with a body that is not JSON (syntax error)\n"
          "  response: <html>welcome</html>\n"
          "  outcome unknown: the target answered success, so the request may have been applied\n"
          "  hint: the request was not sent again; check --target, then refresh the snapshot and "
          "plan anew");

    // An error answer is final at once: nothing is left to read.
    auto refused = send();
    CHECK(refused.status == CallResult::Status::failed);
    CHECK(refused.unread.empty());
    CHECK(refused.body == R"({"message":"typeId unknown"})");
    auto refused_read = read(std::move(refused));
    CHECK(refused_read.status == CallResult::Status::failed);
    CHECK(f.transport->requests.size() == 3);
}

TEST_CASE("client: an answer read into the result's arena lives there, shared by nobody, and "
          "moves with the result") {
    ClientFixture f;
    const std::string answer = R"({"components":{"created":[{"id":"c1","batchId":"b1"}]}})";
    f.transport->script.push_back(response(200, answer));
    f.transport->script.push_back(response(200, answer));
    auto read = [&](Storage storage) {
        auto sent = f.client.call_text(HttpMethod::post, f.client.v2("/batch"), "{}",
                                       Idempotency::not_idempotent, "apply", Read::later);
        return f.client.read_answer(std::move(sent), HttpMethod::post, f.client.v2("/batch"),
                                    "apply", storage);
    };

    CallResult held = read(Storage::result_arena);
    REQUIRE(held.arena != nullptr);
    CHECK(held.json.storage().get() == held.arena.get());
    CHECK_FALSE(held.json.storage().is_shared());
    CallResult moved = std::move(held); // the arena goes with the value
    CHECK(moved.json.storage().get() == moved.arena.get());
    CHECK(json::serialize(moved.json) == answer);

    CallResult shared = read(Storage::shared);
    CHECK(shared.arena == nullptr);
    CHECK(shared.json.storage().is_shared());
    json::value kept = std::move(shared.json); // the value owns its memory: it can go anywhere
    shared = CallResult();
    CHECK(json::serialize(kept) == answer);
}
