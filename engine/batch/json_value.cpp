#include "batch/json_value.hpp"

#include <boost/json.hpp>

#include <cmath>

namespace ardoq::batch {

boost::json::value to_json(const model::Value& v) {
    switch (v.kind()) {
    case model::ValueKind::null:
        return nullptr;
    case model::ValueKind::boolean:
        return v.as_bool();
    case model::ValueKind::integer:
        return v.as_int();
    case model::ValueKind::real: {
        double d = v.as_double();
        return std::isfinite(d) ? boost::json::value(d) : boost::json::value(nullptr);
    }
    case model::ValueKind::string:
        return boost::json::string(v.as_string());
    case model::ValueKind::list: {
        boost::json::array out;
        out.reserve(v.as_list().size());
        for (const auto& item : v.as_list())
            out.push_back(to_json(item));
        return out;
    }
    case model::ValueKind::object: {
        boost::json::object out;
        for (const auto& f : v.as_object())
            out[f.key] = to_json(f.value);
        return out;
    }
    }
    return nullptr;
}

} // namespace ardoq::batch
