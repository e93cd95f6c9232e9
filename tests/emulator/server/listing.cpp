#include "listing.hpp"

#include <charconv>

namespace ardoq::emulator {

std::uint64_t page_cursor(const RouteContext& ctx) {
    const std::string* cursor = ctx.target.param("cursor");
    if (cursor == nullptr)
        return 0;
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(cursor->data(), cursor->data() + cursor->size(), value);
    if (ec != std::errc() || end != cursor->data() + cursor->size())
        fail(400, "invalid_cursor", ctx.operation(), "cursor " + quoted(*cursor) + " is not valid",
             "follow _links.next.href exactly as returned");
    return value;
}

void check_filters(const RouteContext& ctx, const std::set<std::string, std::less<>>& allowed,
                   bool custom_fields) {
    for (const auto& [name, value] : ctx.target.query) {
        if (name == "cursor" || allowed.count(name))
            continue;
        if (custom_fields && name.rfind("customFields.", 0) == 0 && name.size() > 13)
            continue;
        std::string list;
        for (const auto& a : allowed)
            list += (list.empty() ? "" : ", ") + a;
        if (custom_fields)
            list += ", customFields.<apiKey>";
        fail(400, "unknown_filter", ctx.operation(), "unknown query parameter " + quoted(name),
             "filters here: " + list);
    }
}

HttpResponse page_response(const RouteContext& ctx, Page page) {
    json::object links;
    if (page.last_seq) {
        std::string href;
        if (ctx.options.next_links == NextLinks::absolute) {
            std::string host = ctx.request.host.empty() ? "127.0.0.1" : ctx.request.host;
            href = (ctx.request.tls ? "https://" : "http://") + host;
        }
        href += ctx.target.path + "?";
        for (const auto& [name, value] : ctx.target.query)
            if (name != "cursor")
                href += url_encode(name) + "=" + url_encode(value) + "&";
        href += "cursor=" + std::to_string(*page.last_seq);
        links["next"] = json::object{{"href", href}};
    }
    json::object meta;
    meta["pageSize"] = ctx.options.page_size;
    meta["count"] = page.count;
    HttpResponse r;
    r.body.reserve(page.values.size() + 200);
    r.body += "{\"values\":[";
    r.body += page.values;
    r.body += "],\"_links\":";
    r.body += json::serialize(links);
    r.body += ",\"_meta\":";
    r.body += json::serialize(meta);
    r.body += '}';
    return r;
}

} // namespace ardoq::emulator
