#include "options.hpp"

#include <CLI/CLI.hpp>

#include <charconv>
#include <iostream>
#include <map>

namespace ardoq::emulator {

namespace {

// "50/s", "50" or "2.5/s" → requests per second.
bool parse_rate(const std::string& text, double& out) {
    std::string number = text;
    if (auto slash = text.find('/'); slash != std::string::npos) {
        if (text.substr(slash) != "/s")
            return false;
        number = text.substr(0, slash);
    }
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), out);
    return ec == std::errc() && end == number.data() + number.size() && out >= 0;
}

} // namespace

std::optional<Options> parse_options(int argc, char** argv, int& exit_code) {
    Options o;
    CLI::App app{"ardoq-emulator: a local, in-memory implementation of the Ardoq REST API "
                 "(v2 with the Batch API, and the v1 calls ardoqpy makes) for tests and for "
                 "trying mappings offline. See docs/emulator.md."};
    app.set_version_flag("--version", "ardoq-emulator 1");
    app.get_formatter()->column_width(34);

    app.add_option("--host", o.host, "Address to listen on")->capture_default_str();
    app.add_option("--port", o.port, "Port to listen on; 0 lets the OS choose")
        ->capture_default_str();
    app.add_option("--threads", o.threads, "Worker threads")
        ->capture_default_str()
        ->check(CLI::Range(1, 64));
    app.add_option("--token", o.token,
                   "The API token clients must send (Bearer or legacy Token token=)")
        ->envname("ARDOQ_API_TOKEN")
        ->required();
    app.add_option("--org", o.org_label, "Organisation label (what /me reports and X-org must be)");
    app.add_flag("--require-org", o.require_org,
                 "Require the X-org header on every API request, like app.ardoq.com");
    app.add_option(
        "--data", o.data_file,
        "State file: loaded at start when it exists, written atomically on SIGTERM/SIGINT");
    app.add_option(
        "--seed", o.seed_file,
        "Fixture loaded at start when --data does not exist yet (and by /_emulator/reset)");
    app.add_option("--id-seed", o.id_seed, "Seed for generated OIDs (default: random)");
    bool no_admin = false;
    app.add_flag("--no-admin", no_admin, "Disable the /_emulator/ admin routes");
    app.add_option("--tls-cert", o.tls_cert, "PEM certificate chain: serve HTTPS")
        ->check(CLI::ExistingFile);
    app.add_option("--tls-key", o.tls_key, "PEM private key for --tls-cert")
        ->check(CLI::ExistingFile);

    app.add_option("--page-size", o.page_size, "Values per page of every v2 list")
        ->capture_default_str()
        ->check(CLI::Range(1, 100000));
    app.add_option("--next-links", o.next_links, "Form of _links.next.href: absolute|relative")
        ->transform(CLI::CheckedTransformer(std::map<std::string, NextLinks>{
            {"absolute", NextLinks::absolute}, {"relative", NextLinks::relative}}))
        ->default_str("absolute");
    app.add_option("--name-match", o.name_match,
                   "Name comparison in aliases, uniqueBy and matches: exact|ignore-case")
        ->transform(CLI::CheckedTransformer(std::map<std::string, NameMatch>{
            {"exact", NameMatch::exact}, {"ignore-case", NameMatch::ignore_case}}))
        ->default_str("exact");
    app.add_flag("--allow-mixed-upsert", o.allow_mixed_upsert,
                 "Allow upsert with create/update/delete of the same entity kind in one batch");
    app.add_flag("--allow-reference-upsert-by-endpoints", o.reference_upsert_by_endpoints,
                 "Accept reference upserts with uniqueBy [source, target, type]");
    app.add_option("--repeated-writes", o.repeated_writes,
                   "Two write operations on one entity in a batch: reject|allow")
        ->transform(CLI::CheckedTransformer(std::map<std::string, RepeatedWrites>{
            {"reject", RepeatedWrites::reject}, {"allow", RepeatedWrites::allow}}))
        ->default_str("reject");
    app.add_option("--delete-children", o.delete_children,
                   "Deleting a component that keeps children: reject|cascade")
        ->transform(CLI::CheckedTransformer(std::map<std::string, DeleteChildren>{
            {"reject", DeleteChildren::reject}, {"cascade", DeleteChildren::cascade}}))
        ->default_str("reject");
    app.add_flag("--list-cascaded-deletes", o.list_cascaded_deletes,
                 "List references deleted with their components in references.deleted");
    app.add_option("--version-bump", o.version_bump,
                   "When an update raises _version: always|on-change")
        ->transform(CLI::CheckedTransformer(std::map<std::string, VersionBump>{
            {"always", VersionBump::always}, {"on-change", VersionBump::on_change}}))
        ->default_str("always");
    app.add_option("--custom-fields", o.custom_fields,
                   "Check custom fields against the workspace context: strict|lenient")
        ->transform(CLI::CheckedTransformer(std::map<std::string, CustomFieldCheck>{
            {"strict", CustomFieldCheck::strict}, {"lenient", CustomFieldCheck::lenient}}))
        ->default_str("strict");
    app.add_flag("--json-trailing-commas", o.json_trailing_commas,
                 "Accept trailing commas in request bodies");
    app.add_flag("--shuffle-results", o.shuffle_results,
                 "Shuffle the entries of batch results (deterministic with --fault-seed)");

    std::string rate;
    app.add_option("--fail-rate", o.fail_rate,
                   "Fraction of API requests answered with --fail-status")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--fail-status", o.fail_status, "Status of injected failures")
        ->capture_default_str()
        ->check(CLI::Range(500, 599));
    app.add_option("--rate-limit", rate, "Requests per second before 429 + Retry-After, e.g. 50/s");
    app.add_option("--latency-ms", o.latency_ms, "Delay before every API response")
        ->check(CLI::Range(0, 600000));
    app.add_option("--drop-rate", o.drop_rate,
                   "Fraction of API requests whose connection is closed without an answer")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option(
           "--drop-mode", o.drop_mode,
           "Drop before applying the request, after applying it, or either: before|after|both")
        ->transform(CLI::CheckedTransformer(std::map<std::string, DropMode>{
            {"before", DropMode::before}, {"after", DropMode::after}, {"both", DropMode::both}}))
        ->default_str("both");
    app.add_option("--fault-seed", o.fault_seed, "Seed of every injected fault")
        ->capture_default_str();

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        exit_code = app.exit(e);
        return std::nullopt;
    } catch (const CLI::ParseError& e) {
        std::cerr << "ardoq-emulator: error: " << e.what() << "\n"
                  << "  hint: run ardoq-emulator --help for every option\n";
        exit_code = 2;
        return std::nullopt;
    }
    if (!rate.empty() && !parse_rate(rate, o.rate_limit)) {
        std::cerr << "ardoq-emulator: error: --rate-limit: cannot read " << quoted(rate)
                  << "\n  hint: give requests per second, e.g. --rate-limit 50/s\n";
        exit_code = 2;
        return std::nullopt;
    }
    if (o.tls_cert.empty() != o.tls_key.empty()) {
        std::cerr << "ardoq-emulator: error: --tls-cert and --tls-key go together\n"
                  << "  hint: give both to serve HTTPS, or neither for HTTP\n";
        exit_code = 2;
        return std::nullopt;
    }
    if (o.token.empty()) {
        std::cerr << "ardoq-emulator: error: --token must not be empty\n";
        exit_code = 2;
        return std::nullopt;
    }
    o.admin = !no_admin;
    return o;
}

} // namespace ardoq::emulator
