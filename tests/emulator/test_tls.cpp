// Conformance: HTTPS with --tls-cert/--tls-key, using a self-signed certificate made with the
// openssl command at test time.
#include "support/emulator.hpp"

#include "emulator/conformance.hpp"

#include <doctest/doctest.h>

using namespace ardoq::test;
using namespace ardoq::test::conformance;

TEST_CASE("emulator: serves HTTPS with --tls-cert and --tls-key") {
    std::string dir = make_temp_dir("emu-tls");
    auto gen = run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                            "-keyout", dir + "/key.pem", "-out", dir + "/cert.pem", "-days", "1",
                            "-subj", "/CN=127.0.0.1"});
    REQUIRE_MESSAGE(gen.exit_code == 0, gen.err);
    Emulator emu(portfolio(
        {"--tls-cert", dir + "/cert.pem", "--tls-key", dir + "/key.pem", "--page-size", "2"}));
    CHECK(emu.base_url() == "https://127.0.0.1:" + std::to_string(emu.port()));
    auto me = emu.get("/api/v2/me");
    CHECK(me.status == 200);
    CHECK(me.json().at("org").at("label") == "example");
    auto page = emu.get("/api/v2/components").json();
    std::string href = str(page.at("_links").at("next").at("href"));
    CHECK(
        href.rfind("https://127.0.0.1:" + std::to_string(emu.port()) + "/api/v2/components?cursor=",
                   0) == 0);
    CHECK(emu.post("/api/v2/batch", "{}").status == 200);
    // Plain HTTP to the HTTPS port gets no HTTP answer.
    auto plain = http_request("127.0.0.1", emu.port(), false, "GET", "/api/v2/me", {},
                              {{"Authorization", "Bearer " + emu.token()}}, 3000);
    CHECK(plain.status == 0);
    CHECK(emu.stop() == 0);
}

TEST_CASE("emulator: --tls-cert without --tls-key is a usage error") {
    auto r = run_process({emulator_bin(), "--token", "t", "--tls-cert", "/etc/hostname"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "ardoq-emulator: error: --tls-cert and --tls-key go together\n  hint: give "
                   "both to serve HTTPS, or neither for HTTP\n");
}
