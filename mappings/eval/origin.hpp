#pragma once
// Where a record came from, as a diagnostic location: "apps.csv:42" for line-based
// sources, "cmdb.db row 7" (as the file part) for row-based ones.

#include "model/diagnostic.hpp"
#include "model/record.hpp"

namespace ardoq::mapping {

inline model::Location origin_location(const model::Origin& origin) {
    if (!origin.file.empty() && origin.line > 0)
        return {std::string(origin.file), static_cast<std::uint32_t>(origin.line), 0};
    return {origin.to_string(), 0, 0};
}

} // namespace ardoq::mapping
