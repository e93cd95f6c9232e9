#include "mappings/expr/ast.hpp"

namespace ardoq::mapping::expr {

std::string KindSet::describe() const {
    using model::ValueKind;
    std::vector<std::string> parts;
    if (has(ValueKind::string))
        parts.emplace_back("a string");
    if (has(ValueKind::integer) || has(ValueKind::real))
        parts.emplace_back("a number");
    if (has(ValueKind::boolean))
        parts.emplace_back("true/false");
    if (has(ValueKind::list))
        parts.emplace_back("a list");
    if (has(ValueKind::object))
        parts.emplace_back("an object");
    if (has(ValueKind::null))
        parts.emplace_back("null");
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0)
            out += i + 1 == parts.size() ? " or " : ", ";
        out += parts[i];
    }
    return out.empty() ? "nothing" : out;
}

} // namespace ardoq::mapping::expr
