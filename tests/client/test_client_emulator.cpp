// End-to-end: the real client (Beast transport, retry policy, system clock) against the
// real ardoq-emulator on 127.0.0.1, over HTTP and HTTPS, with its fault switches.

#include "connectors/ardoq/http_target.hpp"

#include "client/emulator_data.hpp"
#include "connectors/ardoq/beast_transport.hpp"
#include "support/emulator.hpp"
#include "support/process.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>
#include <spdlog/spdlog.h>

#include <chrono>

using namespace ardoq::connectors;
using namespace ardoq::test;
namespace json = boost::json;
using std::chrono::milliseconds;

namespace {

struct ClientSetup {
    RetryOptions retry;
    std::string ca_file;
    bool insecure = false;
    milliseconds request_timeout{10000};
    std::string token; // "" = the emulator's
    ClientSetup() {
        retry.base_delay = milliseconds(5); // real sleeps, kept short
        retry.max_delay = milliseconds(20);
    }
};

struct Connected {
    std::unique_ptr<ApiClient> client;
    BeastTransport* transport = nullptr;
};

Connected connect(const std::string& base_url, const std::string& token,
                  const ClientSetup& setup = {}) {
    BeastTransportOptions t;
    t.base = *parse_base_url(base_url);
    t.token = Secret(setup.token.empty() ? token : setup.token);
    t.user_agent = "ardoq-sync-tests";
    t.ca_file = setup.ca_file;
    t.insecure = setup.insecure;
    t.connect_timeout = milliseconds(5000);
    auto transport = std::make_unique<BeastTransport>(t);
    Connected c;
    c.transport = transport.get();
    c.client = std::make_unique<ApiClient>(t.base, t.token, setup.request_timeout, setup.retry,
                                           std::move(transport), std::make_unique<SystemClock>());
    return c;
}

Connected connect(const Emulator& emu, const ClientSetup& setup = {}) {
    return connect(emu.base_url(), emu.token(), setup);
}

std::int64_t stat(const Emulator& emu, const std::string& route, const std::string& status) {
    auto stats = emu.get("/_emulator/stats").json().as_object();
    const auto* r = stats.at("routes").as_object().if_contains(route);
    if (r == nullptr)
        return 0;
    const auto* n = r->as_object().if_contains(status);
    return n == nullptr ? 0 : n->as_int64();
}

// Attempts the emulator answered with anything but 200 (or dropped), over every route.
std::int64_t failed_attempts(const Emulator& emu) {
    std::int64_t n = 0;
    auto stats = emu.get("/_emulator/stats").json().as_object();
    for (const auto& route : stats.at("routes").as_object())
        for (const auto& status : route.value().as_object())
            if (status.key() != "200")
                n += status.value().as_int64();
    return n;
}

std::string api_error(const std::function<void()>& f) {
    try {
        f();
    } catch (const ApiError& e) {
        return e.what();
    }
    return "(no error)";
}

struct QuietLogs {
    spdlog::level::level_enum before = spdlog::default_logger()->level();
    QuietLogs() { spdlog::default_logger()->set_level(spdlog::level::off); }
    ~QuietLogs() { spdlog::default_logger()->set_level(before); }
};

// A self-signed certificate for `san` ("IP:127.0.0.1" or "DNS:localhost") in `dir`.
void make_certificate(const std::string& dir, const std::string& san) {
    auto r = run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                          "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", dir + "/key.pem",
                          "-out", dir + "/cert.pem", "-days", "2", "-subj", "/CN=ardoq-sync test",
                          "-addext", "subjectAltName=" + san});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
}

json::object batch(const std::string& text) {
    return json::parse(text).as_object();
}

const std::string k_create_app =
    R"({"components": {"create": [{"batchId": "x", "body": {"name": "Dropped",
    "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002", "customFields": {"external_id": "drop-1"}}}]}})";
const std::string k_upsert_app =
    R"({"components": {"upsert": [{"batchId": "x", "uniqueBy": ["customFields.external_id", "rootWorkspace"],
    "body": {"name": "Upserted", "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p1000000000002",
             "customFields": {"external_id": "upsert-1"}}}]}})";

std::size_t count_named(const Emulator& emu, const std::string& name) {
    std::size_t n = 0;
    auto state = json::parse(emu.state()).as_object();
    for (const auto& c : state.at("components").as_array())
        if (c.at("name").as_string() == name)
            ++n;
    return n;
}

} // namespace

TEST_CASE("client: snapshot over HTTP follows many pages on one kept-alive connection") {
    QuietLogs quiet;
    Emulator emu(emulator_options(generated_seed(250, 120),
                                  {"--page-size", "7", "--next-links", "relative"}));
    auto c = connect(emu);
    HttpTarget target(std::move(c.client));
    auto ws = target.resolve_workspace("Application Portfolio");
    CHECK(ws.id == k_portfolio_id);
    auto snap = target.fetch_snapshot(ws.id);
    CHECK(snap.workspace.name == "Application Portfolio");
    CHECK(snap.components().size() == 254); // 4 from the fixture + 250
    CHECK(snap.references().size() == 122);
    CHECK(snap.context.component_types.size() == 2);
    CHECK(snap.components_by_field("external_id", "gen-249").size() == 1);
    CHECK(snap.children_of(*ardoq::model::Oid::parse("cccccccccccccccccccccc01")).size() >= 25);
    CHECK(stat(emu, "GET /api/v2/components", "200") == 37); // ceil(254 / 7)
    CHECK(stat(emu, "GET /api/v2/references", "200") == 18); // ceil(122 / 7)
    CHECK(c.transport->connections_opened() == 1);
    CHECK(snap.host == emu.base_url());
}

TEST_CASE("client: absolute next links and an unknown workspace name") {
    QuietLogs quiet;
    Emulator emu(emulator_options(emulator_fixture("portfolio.json"), {"--page-size", "1"}));
    auto c = connect(emu);
    HttpTarget target(std::move(c.client));
    CHECK(target.fetch_snapshot(k_portfolio_id).components().size() == 4);
    try {
        target.resolve_workspace("Aplication Portfolio");
        FAIL("no error");
    } catch (const ardoq::model::InputError& e) {
        CHECK(std::string(e.what()) ==
              "error: workspace \"Aplication Portfolio\" not found at " + emu.base_url() +
                  "\n  hint: workspaces there: \"Application Portfolio\", \"Infrastructure\"");
    }
}

TEST_CASE("client: HTTPS with a self-signed certificate is refused without --ca-file and accepted "
          "with it") {
    QuietLogs quiet;
    auto dir = make_temp_dir();
    make_certificate(dir, "IP:127.0.0.1");
    Emulator emu(
        emulator_options(emulator_fixture("portfolio.json"),
                         {"--tls-cert", dir + "/cert.pem", "--tls-key", dir + "/key.pem"}));
    REQUIRE(emu.base_url().starts_with("https://"));
    ClientSetup setup;
    auto refused = connect(emu, setup);
    CHECK(api_error([&] { refused.client->get(refused.client->v2("/me"), "check credentials"); }) ==
          "check credentials: GET /api/v2/me: TLS handshake with 127.0.0.1:" +
              std::to_string(emu.port()) +
              " failed: certificate verify failed (SSL routines) (self-signed certificate)\n"
              "  hint: pass --ca-file with the certificate (PEM) of the authority that issued the "
              "server's certificate; "
              "--insecure skips verification (unsafe)");

    setup.ca_file = dir + "/cert.pem";
    auto trusted = connect(emu, setup);
    auto me = trusted.client->get(trusted.client->v2("/me"), "check credentials");
    CHECK(me.at("org").at("label").as_string() == "example");
    HttpTarget target(std::move(trusted.client));
    CHECK(target.fetch_snapshot(k_portfolio_id).components().size() == 4);

    ClientSetup insecure;
    insecure.insecure = true;
    auto unverified = connect(emu, insecure);
    CHECK(unverified.client->get(unverified.client->v2("/me"), "check credentials")
              .at("user")
              .at("email") == "sync@example.com");
}

TEST_CASE("client: HTTPS checks the host name even for a trusted certificate") {
    QuietLogs quiet;
    auto dir = make_temp_dir();
    make_certificate(dir, "DNS:ardoq.example.com");
    Emulator emu(
        emulator_options(emulator_fixture("portfolio.json"),
                         {"--tls-cert", dir + "/cert.pem", "--tls-key", dir + "/key.pem"}));
    ClientSetup setup;
    setup.retry.max_attempts = 1;
    setup.ca_file = dir + "/cert.pem";
    auto c = connect(emu, setup);
    auto message = api_error([&] { c.client->get(c.client->v2("/me"), "check credentials"); });
    CHECK(message.starts_with("check credentials: GET /api/v2/me: TLS handshake with 127.0.0.1:" +
                              std::to_string(emu.port()) + " failed: "));
    CHECK(
        message.find("failed: certificate verify failed (SSL routines) (IP address mismatch)\n") !=
        std::string::npos);
}

TEST_CASE("client: injected 500s on reads are retried with backoff until the attempts run out") {
    QuietLogs quiet;
    Emulator emu(emulator_options(emulator_fixture("portfolio.json"),
                                  {"--fail-rate", "1", "--fail-status", "500"}));
    auto c = connect(emu);
    auto message = api_error(
        [&] { c.client->get(c.client->v2("/workspaces/" + k_portfolio_id), "fetch snapshot"); });
    CHECK(message.starts_with(
        "fetch snapshot: GET /api/v2/workspaces/aaaaaaaaaaaaaaaaaaaaaa01: HTTP 500 Internal "
        "Server Error (gave up after 5 attempts)\n  response: {"));
    CHECK(message.find("injected failure (--fail-rate); nothing was changed") != std::string::npos);
    CHECK(message.ends_with("  hint: Ardoq failed to answer; run again later"));
    CHECK(stat(emu, "GET /api/v2/workspaces/{id}", "500") == 5);
    CHECK(c.client->retries_used() == 4);
}

TEST_CASE("client: a snapshot fetch succeeds through random 5xx and dropped connections") {
    QuietLogs quiet;
    Emulator emu(
        emulator_options(generated_seed(60, 30),
                         {"--page-size", "5", "--fail-rate", "0.2", "--fail-status", "502",
                          "--drop-rate", "0.1", "--drop-mode", "before", "--fault-seed", "11"}));
    ClientSetup setup;
    setup.retry.max_attempts = 8;
    auto c = connect(emu, setup);
    HttpTarget target(std::move(c.client));
    auto snap = target.fetch_snapshot(k_portfolio_id);
    CHECK(snap.components().size() == 64);
    CHECK(snap.references().size() == 32);
    CHECK(target.client().retries_used() > 0);
    // Every failed attempt was retried, and the last attempt of each request succeeded.
    CHECK(failed_attempts(emu) == target.client().retries_used());
}

TEST_CASE("client: 503 waits for Retry-After before trying again") {
    QuietLogs quiet;
    Emulator emu(emulator_options(emulator_fixture("portfolio.json"),
                                  {"--fail-rate", "1", "--fail-status", "503"}));
    ClientSetup setup;
    setup.retry.max_attempts = 2;
    auto c = connect(emu, setup);
    auto started = std::chrono::steady_clock::now();
    auto message = api_error([&] { c.client->get(c.client->v2("/me"), "check credentials"); });
    auto waited = std::chrono::steady_clock::now() - started;
    CHECK(waited >= std::chrono::seconds(1));
    CHECK(message.starts_with("check credentials: GET /api/v2/me: HTTP 503 Service Unavailable "
                              "(gave up after 2 attempts)\n"));
    CHECK(stat(emu, "GET /api/v2/me", "503") == 2);
}

TEST_CASE("client: 429 from the rate limit is waited out and the request then succeeds") {
    QuietLogs quiet;
    Emulator emu(emulator_options(emulator_fixture("portfolio.json"), {"--rate-limit", "1/s"}));
    auto c = connect(emu);
    auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 3; ++i)
        CHECK(c.client->get(c.client->v2("/me"), "check credentials")
                  .at("org")
                  .at("label")
                  .as_string() == "example");
    CHECK(std::chrono::steady_clock::now() - started >= std::chrono::seconds(1));
    CHECK(stat(emu, "GET /api/v2/me", "429") >= 1);
    CHECK(stat(emu, "GET /api/v2/me", "200") == 3);
}

TEST_CASE("client: a batch whose connection drops after it was applied is reported unknown, never "
          "replayed") {
    QuietLogs quiet;
    Emulator emu(emulator_options(emulator_fixture("portfolio.json"),
                                  {"--drop-rate", "1", "--drop-mode", "after"}));
    auto c = connect(emu);
    HttpTarget target(std::move(c.client));
    auto outcome = target.send_batch(batch(k_create_app), "apply: request 1/1");
    CHECK(outcome.status == BatchOutcome::Status::unknown);
    CHECK(outcome.http_status == 0);
    CHECK(outcome.error ==
          "apply: request 1/1: POST /api/v2/batch: connection to 127.0.0.1:" +
              std::to_string(emu.port()) +
              " closed before the response arrived\n"
              "  outcome unknown: the request may have been applied\n"
              "  hint: the request was not sent again; refresh the snapshot and plan anew");
    CHECK(stat(emu, "POST /api/v2/batch", "dropped") == 1);
    CHECK(count_named(emu, "Dropped") == 1); // it was applied: replaying would have made two
}

TEST_CASE("client: an upsert-only batch is retried through drops and applied once") {
    QuietLogs quiet;
    Emulator emu(
        emulator_options(emulator_fixture("portfolio.json"),
                         {"--drop-rate", "0.5", "--drop-mode", "after", "--fault-seed", "3"}));
    ClientSetup setup;
    setup.retry.max_attempts = 10;
    auto c = connect(emu, setup);
    HttpTarget target(std::move(c.client));
    BatchOutcome outcome;
    for (int i = 0; i < 3; ++i) // three sends of the same upsert: still one component
        outcome = target.send_batch(batch(k_upsert_app), "apply");
    CHECK(outcome.status == BatchOutcome::Status::applied);
    CHECK(outcome.http_status == 200);
    CHECK(count_named(emu, "Upserted") == 1);
    CHECK(stat(emu, "POST /api/v2/batch", "dropped") >= 1);
}

TEST_CASE("client: a batch refused by the emulator is rejected with its body") {
    QuietLogs quiet;
    Emulator emu(emulator_options(emulator_fixture("portfolio.json")));
    auto c = connect(emu);
    HttpTarget target(std::move(c.client));
    auto outcome = target.send_batch(batch(R"({"components": {"create": [{"body": {"name": "X",
        "rootWorkspace": "aaaaaaaaaaaaaaaaaaaaaa01", "typeId": "p999"}}]}})"),
                                     "apply: request 1/2");
    CHECK(outcome.status == BatchOutcome::Status::rejected);
    CHECK(outcome.http_status >= 400);
    CHECK(outcome.http_status < 500);
    CHECK(outcome.body.find("p999") != std::string::npos);
    CHECK(outcome.error.starts_with("apply: request 1/2: POST /api/v2/batch: HTTP " +
                                    std::to_string(outcome.http_status)));
    CHECK(stat(emu, "POST /api/v2/batch", std::to_string(outcome.http_status)) == 1);
}

TEST_CASE("client: a response slower than the request timeout is a timeout, retried for reads") {
    QuietLogs quiet;
    Emulator emu(emulator_options(emulator_fixture("portfolio.json"), {"--latency-ms", "1500"}));
    ClientSetup setup;
    setup.retry.max_attempts = 2;
    setup.request_timeout = milliseconds(200);
    auto c = connect(emu, setup);
    CHECK(api_error([&] { c.client->get(c.client->v2("/me"), "check credentials"); }) ==
          "check credentials: GET /api/v2/me: timeout after 200 ms waiting for the response (gave "
          "up after 2 attempts)\n"
          "  hint: the server did not answer in time; raise --connect-timeout / --request-timeout "
          "or run again later");
}

TEST_CASE("client: a refused connection names the address") {
    QuietLogs quiet;
    int port = 0;
    {
        Emulator emu;
        port = emu.port();
    } // stopped: nothing listens there now
    ClientSetup setup;
    setup.retry.max_attempts = 2;
    auto c = connect("http://127.0.0.1:" + std::to_string(port), "some-token-value", setup);
    CHECK(api_error([&] { c.client->get(c.client->v2("/me"), "check credentials"); }) ==
          "check credentials: GET /api/v2/me: cannot connect to 127.0.0.1:" + std::to_string(port) +
              ": Connection refused (gave up after 2 attempts)\n"
              "  hint: check the target URL (--target / ARDOQ_API_HOST) and that the server is "
              "reachable");
}

TEST_CASE("client: a wrong token is refused with the 401 hint and never echoed") {
    QuietLogs quiet;
    Emulator emu(emulator_options(emulator_fixture("portfolio.json")));
    ClientSetup setup;
    setup.token = "wrong-token-abcdef";
    auto c = connect(emu, setup);
    auto message = api_error([&] { c.client->get(c.client->v2("/me"), "check credentials"); });
    CHECK(message.starts_with("check credentials: GET /api/v2/me: HTTP 401 Unauthorized\n"));
    CHECK(message.ends_with(
        "  hint: the token was refused: check ARDOQ_API_TOKEN or --token-file (tokens unused for "
        "60 days expire)"));
    CHECK(message.find("wrong-token-abcdef") == std::string::npos);
}
