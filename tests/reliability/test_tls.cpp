// Reliability: HTTPS to Ardoq is verified. Against the emulator in HTTPS mode, with
// certificates made at test time by the openssl command: a self-signed certificate, a
// certificate for another host name and an expired certificate are each refused, and
// accepted only with the documented override (--ca-file for an authority the user trusts,
// --insecure to skip verification).

#include "reliability/reliability_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace ardoq::test;
using namespace ardoq::test::reliability;
namespace fs = std::filesystem;

namespace {

void openssl(std::vector<std::string> args, const std::string& dir) {
    args.insert(args.begin(), "/usr/bin/openssl");
    const auto r = run_process(args, {}, {}, dir);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
}

// A certificate authority in `dir` (ca.pem, ca.key) that issues server certificates with
// chosen names and validity (openssl ca keeps its records in dir/db).
struct TestAuthority {
    std::string dir = make_temp_dir("reliability-tls");

    TestAuthority() {
        openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                 "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj",
                 "/CN=ardoq-sync test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                 "-addext", "keyUsage=critical,keyCertSign,cRLSign"},
                dir);
        fs::create_directory(dir + "/db");
        write_file(dir + "/db/index.txt", "");
        write_file(dir + "/db/serial", "01\n");
        write_file(dir + "/ca.cnf", "[ca]\ndefault_ca = test\n"
                                    "[test]\ndatabase = db/index.txt\nnew_certs_dir = db\n"
                                    "serial = db/serial\ndefault_md = sha256\npolicy = any\n"
                                    "unique_subject = no\ncopy_extensions = none\n"
                                    "[any]\ncommonName = supplied\n");
    }
    ~TestAuthority() { fs::remove_all(dir); }

    // name.pem + name.key for `san` ("IP:127.0.0.1"), valid between the given times
    // (openssl ca -startdate/-enddate, YYYYMMDDHHMMSSZ) or for `days` from now.
    void issue(const std::string& name, const std::string& san, const std::string& start = {},
               const std::string& end = {}) {
        openssl({"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                 "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name},
                dir);
        write_file(dir + "/" + name + ".ext",
                   "[ext]\nsubjectAltName = " + san + "\nextendedKeyUsage = serverAuth\n");
        std::vector<std::string> args{
            "ca",       "-batch",   "-config",     "ca.cnf",      "-cert", "ca.pem",
            "-keyfile", "ca.key",   "-in",         name + ".csr", "-out",  name + ".pem",
            "-notext",  "-extfile", name + ".ext", "-extensions", "ext"};
        if (start.empty())
            args.insert(args.end(), {"-days", "2"});
        else
            args.insert(args.end(), {"-startdate", start, "-enddate", end});
        openssl(args, dir);
    }

    // A self-signed certificate (not issued by this authority): name.pem + name.key.
    void self_signed(const std::string& name, const std::string& san) {
        openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                 "-nodes", "-keyout", name + ".key", "-out", name + ".pem", "-days", "2", "-subj",
                 "/CN=" + name, "-addext", "subjectAltName=" + san},
                dir);
    }

    EmulatorOptions serving(const std::string& name) const {
        return {.seed_file = empty_portfolio_fixture(),
                .extra_args = {"--tls-cert", dir + "/" + name + ".pem", "--tls-key",
                               dir + "/" + name + ".key"}};
    }
};

// `ardoq-sync workspace list` against the emulator with extra options, run in `dir`.
ProcessResult list_workspaces(const Emulator& emu, const std::string& dir,
                              std::vector<std::string> options) {
    std::vector<std::string> args{"workspace", "list", "-o", "table", "--connect-timeout", "5"};
    args.insert(args.end(), options.begin(), options.end());
    return sync(emu, dir, args);
}

std::string refused(const Emulator& emu, const std::string& reason, const std::string& hint) {
    return "error: list workspaces: GET /api/v2/workspaces: TLS handshake with 127.0.0.1:" +
           std::to_string(emu.port()) + " failed: certificate verify failed (SSL routines) (" +
           reason + ")\n  hint: " + hint + "\n";
}

const std::string k_ca_hint = "pass --ca-file with the certificate (PEM) of the authority that "
                              "issued the server's certificate; --insecure skips verification "
                              "(unsafe)";
const std::string k_listed = "Application Portfolio";

} // namespace

TEST_CASE("reliability: TLS refuses a self-signed certificate unless given as --ca-file or "
          "--insecure") {
    TestAuthority ca;
    ca.self_signed("self", "IP:127.0.0.1");
    Emulator emu(ca.serving("self"));
    REQUIRE(emu.base_url().starts_with("https://"));

    auto r = list_workspaces(emu, ca.dir, {});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    CHECK(r.err == refused(emu, "self-signed certificate", k_ca_hint));

    r = list_workspaces(emu, ca.dir, {"--ca-file", ca.dir + "/self.pem"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.find(k_listed) != std::string::npos);

    r = list_workspaces(emu, ca.dir, {"--insecure"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.find(k_listed) != std::string::npos);
    CHECK(r.err.find("warning: ") != std::string::npos); // --insecure is never silent
}

TEST_CASE("reliability: TLS accepts a certificate from an authority given with --ca-file") {
    // The control for the two cases below: the same authority, the right name, in date.
    TestAuthority ca;
    ca.issue("good", "IP:127.0.0.1");
    Emulator emu(ca.serving("good"));
    auto r = list_workspaces(emu, ca.dir, {});
    CHECK(r.exit_code == 1);
    CHECK(r.err == refused(emu, "unable to get local issuer certificate", k_ca_hint));
    r = list_workspaces(emu, ca.dir, {"--ca-file", ca.dir + "/ca.pem"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.find(k_listed) != std::string::npos);
    CHECK(r.err == "");
}

TEST_CASE("reliability: TLS refuses a certificate for another host name unless --insecure") {
    TestAuthority ca;
    ca.issue("other-host", "DNS:ardoq.example.com");
    Emulator emu(ca.serving("other-host"));
    auto r = list_workspaces(emu, ca.dir, {"--ca-file", ca.dir + "/ca.pem"});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    CHECK(r.err == refused(emu, "IP address mismatch", k_ca_hint));

    r = list_workspaces(emu, ca.dir, {"--insecure"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.find(k_listed) != std::string::npos);
}

TEST_CASE("reliability: TLS refuses an expired certificate unless --insecure") {
    TestAuthority ca;
    ca.issue("expired", "IP:127.0.0.1", "20200101000000Z", "20200102000000Z");
    Emulator emu(ca.serving("expired"));
    auto r = list_workspaces(emu, ca.dir, {"--ca-file", ca.dir + "/ca.pem"});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    CHECK(r.err == refused(emu, "certificate has expired", k_ca_hint));

    r = list_workspaces(emu, ca.dir, {"--insecure"});
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.find(k_listed) != std::string::npos);
}
