#pragma once
// Keeps the API token out of every text that leaves the client: log lines, error
// messages, response bodies kept for reports, cache files. Everything the client logs or
// raises goes through scrub(); paths are shown with sensitive query values masked.

#include "connectors/ardoq/secret.hpp"

#include <string>
#include <string_view>

namespace ardoq::connectors {

inline constexpr std::string_view k_redacted = "[REDACTED]";
// Tokens shorter than this are not scrubbed from text (see Redactor's constructor).
inline constexpr std::size_t k_min_scrubbed_length = 6;

class Redactor {
public:
    Redactor() = default;
    explicit Redactor(const Secret& token);

    // `text` with every occurrence of the token (as is or percent-encoded) replaced by
    // [REDACTED].
    std::string scrub(std::string_view text) const;
    // A request target ("/api/v2/x?token=…") with the values of query parameters whose
    // name suggests a credential masked, then scrubbed.
    std::string path(std::string_view target) const;

private:
    std::string m_token;
    std::string m_token_encoded; // percent-encoded form, "" when equal to m_token
};

// Percent-encodes everything but unreserved characters (RFC 3986), for query values.
std::string url_encode(std::string_view text);

} // namespace ardoq::connectors
