#include "app.hpp"

#include "http_server.hpp"
#include "options.hpp"
#include "router.hpp"
#include "state_io.hpp"

#include <csignal>
#include <filesystem>
#include <iostream>
#include <malloc.h>
#include <random>

namespace ardoq::emulator {

namespace {

std::optional<json::value> read_state_file(const std::string& path) {
    std::string text = read_text_file(path);
    std::string error;
    auto doc = parse_json(text, false, error);
    if (!doc)
        throw StateError(path + ": " + error);
    return doc;
}

// Loading a large state leaves many freed blocks behind; hand them back so that later
// allocations (every request) do not walk long free lists.
void release_free_memory() {
    malloc_trim(0);
}

// Request bodies and answers of a few hundred kilobytes would each be mapped and unmapped
// (and the heap top trimmed) by default; keeping them on the heap avoids page faults on
// every batch. 32 MB is the largest mmap threshold glibc accepts (HEAP_MAX_SIZE / 2 on
// 64-bit): a larger one is refused, and since setting the trim threshold turns off the
// dynamic mmap threshold, every block above 128 KB was then mapped afresh (and its pages
// cleared) on every request.
void tune_allocator() {
    // (Under a sanitizer's allocator mallopt does nothing and returns 0: not an error.)
    constexpr int k_mmap_threshold = 32 * 1024 * 1024;
    mallopt(M_MMAP_THRESHOLD, k_mmap_threshold);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TOP_PAD, 16 * 1024 * 1024);
}

} // namespace

int run_app(int argc, char** argv) {
    int exit_code = 0;
    auto parsed = parse_options(argc, argv, exit_code);
    if (!parsed)
        return exit_code;
    const Options options = std::move(*parsed);
    std::signal(SIGPIPE, SIG_IGN);
    tune_allocator();

    std::uint64_t id_seed = options.id_seed.value_or(
        (static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}());
    // Entities of the seed without _meta are dated at start-up, so /_emulator/reset gives
    // back exactly the state the server started with.
    const std::string start_time = iso_now();
    std::optional<json::value> seed_doc;
    std::unique_ptr<Store> initial;
    auto make_store = [&](const json::value* document) {
        auto store = std::make_unique<Store>(id_seed, options.name_match);
        if (document != nullptr)
            load_state(*store, *document, "state", iso_now());
        else if (seed_doc)
            load_state(*store, *seed_doc, options.seed_file, start_time);
        if (!options.org_label.empty())
            store->org.label = options.org_label;
        release_free_memory();
        return store;
    };
    try {
        if (!options.seed_file.empty())
            seed_doc = read_state_file(options.seed_file);
        if (!options.data_file.empty() && std::filesystem::exists(options.data_file)) {
            auto data = read_state_file(options.data_file);
            initial = std::make_unique<Store>(id_seed, options.name_match);
            load_state(*initial, *data, options.data_file, start_time);
            if (!options.org_label.empty())
                initial->org.label = options.org_label;
            release_free_memory();
        } else {
            initial = make_store(nullptr);
        }
    } catch (const StateError& e) {
        std::cerr << "ardoq-emulator: error: " << e.what() << "\n"
                  << "  hint: the state format is described in docs/emulator.md\n";
        return 2;
    }

    Router router(options, std::move(initial), make_store);
    ServerConfig config;
    config.host = options.host;
    config.port = options.port;
    config.threads = options.threads;
    config.tls_cert = options.tls_cert;
    config.tls_key = options.tls_key;
    std::unique_ptr<HttpServer> server;
    try {
        server = std::make_unique<HttpServer>(
            config, [&router](const HttpRequest& request) { return router.handle(request); });
    } catch (const std::exception& e) {
        std::cerr << "ardoq-emulator: error: " << e.what() << "\n";
        return 1;
    }
    std::cout << "listening on " << options.host << ":" << server->port() << std::endl;
    std::cerr << "ardoq-emulator: serving " << (options.tls_cert.empty() ? "http" : "https")
              << "://" << options.host << ":" << server->port() << "/api/v2\n";
    server->run();

    if (!options.data_file.empty()) {
        try {
            write_file_atomically(options.data_file, router.dump());
        } catch (const StateError& e) {
            std::cerr << "ardoq-emulator: error: " << e.what() << "\n";
            return 1;
        }
    }
    std::cerr << "ardoq-emulator: stopped\n";
    return 0;
}

} // namespace ardoq::emulator
