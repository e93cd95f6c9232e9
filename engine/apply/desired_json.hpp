#pragma once
// The desired state as JSON, for saved plans: every component and reference with its
// mapped values and origin, so that `apply plan.json` carries out what was reviewed
// without reading the sources again.

#include "model/desired.hpp"
#include "model/expected.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <deque>
#include <memory>
#include <string>

namespace ardoq::apply {

boost::json::object desired_to_json(const model::DesiredState& desired);

// A desired state read back, with the text its origins point at.
struct LoadedDesired {
    std::shared_ptr<const model::DesiredState> state;
    std::shared_ptr<const std::deque<std::string>> origin_text; // keep alive with `state`
};

// Errors are "what is wrong" texts naming the JSON path ("components[3].key is missing").
model::Expected<LoadedDesired, std::string> desired_from_json(const boost::json::value& v);

} // namespace ardoq::apply
