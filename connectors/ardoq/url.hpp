#pragma once
// The base URL of an Ardoq API: scheme, host, port and an optional path prefix. Parsed
// from --target / ARDOQ_API_HOST ("https://myorg.ardoq.com", "http://127.0.0.1:8080",
// "https://app.ardoq.com/api/v2" — a trailing /api or /api/v2 is dropped).

#include <cstdint>
#include <string>
#include <string_view>

#include "model/expected.hpp"

namespace ardoq::connectors {

struct BaseUrl {
    bool tls = true;
    std::string host;       // "myorg.ardoq.com", "127.0.0.1" (no brackets for IPv6)
    std::uint16_t port = 0; // 443 / 80 when not written
    std::string prefix;     // path before /api ("" normally), no trailing '/'

    // "https://myorg.ardoq.com" (port only when not the scheme's default).
    std::string to_string() const;
    // "myorg.ardoq.com" or "127.0.0.1_8080": a directory name for the cache.
    std::string cache_key() const;
    // The Host header value ("host" or "host:port").
    std::string host_header() const;
};

// Parses a base URL. The error message says what is wrong; it never repeats user
// information (user:password@), which is refused because it would be a secret in a URL.
model::Expected<BaseUrl, std::string> parse_base_url(std::string_view text);

} // namespace ardoq::connectors
