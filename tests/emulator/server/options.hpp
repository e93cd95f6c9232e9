#pragma once
// Every command-line switch of ardoq-emulator. Behaviours the Ardoq documentation leaves
// open are switches here, each with the documented default (docs/emulator.md has the table).

#include "store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ardoq::emulator {

enum class NextLinks { absolute, relative };
enum class RepeatedWrites { reject, allow };
enum class DeleteChildren { reject, cascade };
enum class VersionBump { always, on_change };
enum class CustomFieldCheck { strict, lenient };
enum class DropMode { before, after, both };

struct Options {
    // server
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    int threads = 2;
    std::string token;
    std::string org_label; // "" keeps the seed's (or the default) label
    bool require_org = false;
    std::string data_file;
    std::string seed_file;
    std::optional<std::uint64_t> id_seed;
    bool admin = true;
    std::string tls_cert, tls_key;

    // API behaviour where the documentation is open
    std::size_t page_size = 100;
    NextLinks next_links = NextLinks::absolute;
    NameMatch name_match = NameMatch::exact;
    bool allow_mixed_upsert = false;
    bool reference_upsert_by_endpoints = false;
    RepeatedWrites repeated_writes = RepeatedWrites::reject;
    DeleteChildren delete_children = DeleteChildren::reject;
    bool list_cascaded_deletes = false;
    VersionBump version_bump = VersionBump::always;
    CustomFieldCheck custom_fields = CustomFieldCheck::strict;
    bool json_trailing_commas = false;
    bool shuffle_results = false;

    // faults and limits
    double fail_rate = 0;
    int fail_status = 500;
    double rate_limit = 0; // requests per second; 0 = unlimited
    int latency_ms = 0;
    double drop_rate = 0;
    DropMode drop_mode = DropMode::both;
    std::uint64_t fault_seed = 1;
};

// Parses argv. On --help / --version prints to stdout and returns an exit code in `exit_code`;
// on a usage error prints "ardoq-emulator: error: ..." plus a hint to stderr and sets
// `exit_code` to 2. Returns nullopt in both cases.
std::optional<Options> parse_options(int argc, char** argv, int& exit_code);

} // namespace ardoq::emulator
