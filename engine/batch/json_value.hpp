#pragma once
// model::Value → boost::json::value, as the Batch API expects custom-field values.

#include "model/value.hpp"

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

namespace ardoq::batch {

// Objects keep their field order; non-finite doubles become null (JSON has no NaN). The
// value and all it holds use `sp`'s memory.
boost::json::value to_json(const model::Value& v, const boost::json::storage_ptr& sp = {});

} // namespace ardoq::batch
