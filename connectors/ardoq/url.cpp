#include "connectors/ardoq/url.hpp"

#include <charconv>

namespace ardoq::connectors {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool valid_host_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_';
}

} // namespace

std::string BaseUrl::to_string() const {
    std::string out = tls ? "https://" : "http://";
    out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
    if (port != (tls ? 443 : 80))
        out += ":" + std::to_string(port);
    out += prefix;
    return out;
}

std::string BaseUrl::cache_key() const {
    std::string out;
    for (char c : host)
        out.push_back(c == ':' ? '_' : c);
    if (port != (tls ? 443 : 80))
        out += "_" + std::to_string(port);
    return out;
}

std::string BaseUrl::host_header() const {
    std::string out = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    if (port != (tls ? 443 : 80))
        out += ":" + std::to_string(port);
    return out;
}

model::Expected<BaseUrl, std::string> parse_base_url(std::string_view text) {
    using model::unexpected;
    BaseUrl url;
    std::string_view rest = text;
    if (rest.starts_with("https://")) {
        url.tls = true;
        rest.remove_prefix(8);
    } else if (rest.starts_with("http://")) {
        url.tls = false;
        rest.remove_prefix(7);
    } else {
        return unexpected(std::string("the URL must start with https:// or http://"));
    }
    auto path_at = rest.find('/');
    std::string_view authority = rest.substr(0, path_at);
    std::string_view path = path_at == std::string_view::npos ? "" : rest.substr(path_at);
    if (authority.find('@') != std::string_view::npos)
        return unexpected(std::string("the URL must not carry user information (user:password@)"));
    if (path.find_first_of("?#") != std::string_view::npos)
        return unexpected(std::string("the URL must not carry a query or a fragment"));

    std::string_view port_text;
    bool has_port = false;
    if (authority.starts_with("[")) {
        auto close = authority.find(']');
        if (close == std::string_view::npos)
            return unexpected(std::string("unterminated IPv6 address (missing ']')"));
        url.host = std::string(authority.substr(1, close - 1));
        std::string_view after = authority.substr(close + 1);
        if (!after.empty() && !after.starts_with(":"))
            return unexpected(std::string("unexpected text after the IPv6 address"));
        has_port = !after.empty();
        if (has_port)
            port_text = after.substr(1);
    } else {
        auto colon = authority.find(':');
        url.host = std::string(authority.substr(0, colon));
        has_port = colon != std::string_view::npos;
        if (has_port)
            port_text = authority.substr(colon + 1);
        for (char c : url.host)
            if (!valid_host_char(c))
                return unexpected("invalid character '" + std::string(1, c) + "' in the host name");
    }
    if (url.host.empty())
        return unexpected(std::string("the URL has no host name"));

    url.port = url.tls ? 443 : 80;
    if (has_port) {
        unsigned value = 0;
        auto [end, ec] =
            std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
        if (ec != std::errc{} || end != port_text.data() + port_text.size() || value == 0 ||
            value > 65535)
            return unexpected("invalid port \"" + std::string(port_text) + "\"");
        url.port = static_cast<std::uint16_t>(value);
    }

    std::string prefix(path);
    while (!prefix.empty() && prefix.back() == '/')
        prefix.pop_back();
    for (std::string_view api : {"/api/v2", "/api"})
        if (ends_with(prefix, api)) {
            prefix.resize(prefix.size() - api.size());
            break;
        }
    url.prefix = std::move(prefix);
    return url;
}

} // namespace ardoq::connectors
