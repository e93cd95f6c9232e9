#include "connectors/ardoq/redaction.hpp"

#include <array>

namespace ardoq::connectors {

namespace {

void replace_all(std::string& text, std::string_view needle) {
    if (needle.empty())
        return;
    for (auto at = text.find(needle); at != std::string::npos;
         at = text.find(needle, at + k_redacted.size()))
        text.replace(at, needle.size(), k_redacted);
}

bool sensitive_name(std::string_view name) {
    static constexpr std::array<std::string_view, 10> k_names{
        "token",  "access_token", "api_key", "apikey",    "key",
        "secret", "password",     "auth",    "signature", "sig"};
    std::string lower;
    for (char c : name)
        lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    for (auto n : k_names)
        if (lower == n)
            return true;
    return false;
}

} // namespace

std::string url_encode(std::string_view text) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(k_hex[c >> 4]);
            out.push_back(k_hex[c & 0xF]);
        }
    }
    return out;
}

Redactor::Redactor(const Secret& token) {
    // Scrubbing a very short "token" would garble every message (a one-letter token
    // matches half the text); real Ardoq tokens are long.
    if (token.reveal().size() < k_min_scrubbed_length)
        return;
    m_token = token.reveal();
    auto encoded = url_encode(m_token);
    if (encoded != m_token)
        m_token_encoded = std::move(encoded);
}

std::string Redactor::scrub(std::string_view text) const {
    std::string out(text);
    replace_all(out, m_token);
    replace_all(out, m_token_encoded);
    return out;
}

std::string Redactor::path(std::string_view target) const {
    auto q = target.find('?');
    if (q == std::string_view::npos)
        return scrub(target);
    std::string out(target.substr(0, q + 1));
    std::string_view query = target.substr(q + 1);
    bool first = true;
    while (!query.empty()) {
        auto amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (!first)
            out.push_back('&');
        first = false;
        auto eq = pair.find('=');
        if (eq != std::string_view::npos && sensitive_name(pair.substr(0, eq))) {
            out.append(pair.substr(0, eq + 1));
            out.append(k_redacted);
        } else {
            out.append(pair);
        }
    }
    return scrub(out);
}

} // namespace ardoq::connectors
