#pragma once
// Paginated v2 lists: {"values": [...], "_links": {"next"?: {"href"}}, "_meta": {...}}.
// Pages follow creation order; the next link carries the same filters plus an opaque
// `cursor` (the sequence number of the last value), so deletions between pages skip nothing.

#include "routes.hpp"

#include <cstdint>
#include <optional>
#include <set>

namespace ardoq::emulator {

struct Page {
    std::string values; // the values as JSON text, comma-separated
    std::size_t count = 0;
    std::optional<std::uint64_t> last_seq; // set when another page follows
};

// The cursor of this request (0 for the first page); 400 when malformed.
std::uint64_t page_cursor(const RouteContext& ctx);

// Fails with 400 when the query has a parameter outside `allowed` (customFields.<key> is
// allowed when `custom_fields` is true).
void check_filters(const RouteContext& ctx, const std::set<std::string, std::less<>>& allowed,
                   bool custom_fields);

// Walks `set` (seq → entity*) after `after`, keeping entities for which `keep` holds, until a
// page is full and one more kept entity proves that another page follows. `write(out, e)`
// appends an entity's JSON text.
template <class Set, class Keep, class Write>
Page paginate(const Set& set, std::uint64_t after, std::size_t page_size, Keep&& keep,
              Write&& write) {
    Page page;
    std::uint64_t last = 0;
    for (auto it = set.upper_bound(after); it != set.end(); ++it) {
        if (!keep(*it->second))
            continue;
        if (page.count == page_size) {
            page.last_seq = last;
            break;
        }
        if (page.count++ > 0)
            page.values += ',';
        write(page.values, *it->second);
        last = it->first;
    }
    return page;
}

HttpResponse page_response(const RouteContext& ctx, Page page);

} // namespace ardoq::emulator
