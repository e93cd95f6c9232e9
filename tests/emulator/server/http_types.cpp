#include "http_types.hpp"

namespace ardoq::emulator {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::string decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.push_back(plus_is_space && c == '+' ? ' ' : c);
    }
    return out;
}

} // namespace

const std::string* Target::param(std::string_view name) const {
    for (const auto& [k, v] : query)
        if (k == name)
            return &v;
    return nullptr;
}

Target parse_target(std::string_view target) {
    Target t;
    auto q = target.find('?');
    std::string_view path = target.substr(0, q);
    t.path = decode(path, false);
    std::size_t start = 1;
    while (start <= path.size()) {
        auto slash = path.find('/', start);
        std::string_view seg = path.substr(
            start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (!seg.empty())
            t.segments.push_back(decode(seg, false));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    if (q != std::string_view::npos) {
        std::string_view query = target.substr(q + 1);
        while (!query.empty()) {
            auto amp = query.find('&');
            std::string_view pair = query.substr(0, amp);
            if (!pair.empty()) {
                auto eq = pair.find('=');
                t.query.emplace_back(decode(pair.substr(0, eq), true),
                                     eq == std::string_view::npos
                                         ? std::string()
                                         : decode(pair.substr(eq + 1), true));
            }
            if (amp == std::string_view::npos)
                break;
            query.remove_prefix(amp + 1);
        }
    }
    return t;
}

std::string url_encode(std::string_view text) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
            u == '-' || u == '_' || u == '.' || u == '~') {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(k_hex[u >> 4]);
            out.push_back(k_hex[u & 15]);
        }
    }
    return out;
}

HttpResponse json_response(int status, const json::value& body) {
    HttpResponse r;
    r.status = status;
    r.body = json::serialize(body);
    return r;
}

} // namespace ardoq::emulator
