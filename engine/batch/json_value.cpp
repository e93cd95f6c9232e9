#include "batch/json_value.hpp"

#include <boost/json.hpp>

#include <cmath>

namespace ardoq::batch {

boost::json::value to_json(const model::Value& v, const boost::json::storage_ptr& sp) {
    switch (v.kind()) {
    case model::ValueKind::null:
        return boost::json::value(nullptr, sp);
    case model::ValueKind::boolean:
        return boost::json::value(v.as_bool(), sp);
    case model::ValueKind::integer:
        return boost::json::value(v.as_int(), sp);
    case model::ValueKind::real: {
        double d = v.as_double();
        return std::isfinite(d) ? boost::json::value(d, sp) : boost::json::value(nullptr, sp);
    }
    case model::ValueKind::string:
        return boost::json::value(boost::json::string(v.as_string(), sp));
    case model::ValueKind::list: {
        boost::json::array out(sp);
        out.reserve(v.as_list().size());
        for (const auto& item : v.as_list())
            out.push_back(to_json(item, sp));
        return out;
    }
    case model::ValueKind::object: {
        boost::json::object out(sp);
        for (const auto& f : v.as_object())
            out[f.key] = to_json(f.value, sp);
        return out;
    }
    }
    return boost::json::value(nullptr, sp);
}

} // namespace ardoq::batch
