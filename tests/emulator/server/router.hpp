#pragma once
// Router: turns one HttpRequest into one HttpResponse. In order: admin routes (/_emulator/,
// exempt from limits and faults), the rate limit (429 + Retry-After), authentication (401),
// X-org (--require-org), injected faults (drop before / 5xx), the API routes under the store
// lock, drop after, latency. Thread-safe; counts every answer per route and status.

#include "faults.hpp"
#include "http_types.hpp"
#include "options.hpp"
#include "store.hpp"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

namespace ardoq::emulator {

class Router {
public:
    // Builds a fresh store: from `document` when given (PUT /_emulator/state; throws
    // StateError), else the state /_emulator/reset returns to (the seed, or empty).
    using StoreFactory = std::function<std::unique_ptr<Store>(const json::value* document)>;

    Router(const Options& options, std::unique_ptr<Store> store, StoreFactory make_store);

    HttpResponse handle(const HttpRequest& request);

    // The whole state as JSON text (taken under the store lock), for --data at shutdown.
    std::string dump() const;

private:
    HttpResponse handle_api(const HttpRequest& request, const Target& target);
    HttpResponse handle_admin(const HttpRequest& request, const Target& target);
    void check_auth(const HttpRequest& request, const std::string& operation) const;
    void count(const HttpRequest& request, const Target& target, const HttpResponse& response);

    const Options& m_options;
    FaultPlan m_faults;
    RateLimiter m_rate_limiter;
    StoreFactory m_make_store;

    mutable std::shared_mutex m_store_mutex;
    std::unique_ptr<Store> m_store;

    std::atomic<std::uint64_t> m_request_number{0};
    std::mutex m_stats_mutex;
    std::map<std::string, std::map<int, std::uint64_t>> m_stats;
};

} // namespace ardoq::emulator
