#pragma once
// Text forms of the v2 entity shapes for the read paths (GET, list pages, the state dump),
// written straight into a string: the same JSON as json::serialize of shapes_v2.hpp, without
// building the objects first.

#include "store.hpp"

#include <string>

namespace ardoq::emulator {

void append_json(std::string& out, std::string_view text); // a JSON string literal
void append_json(std::string& out, const json::value& value);
void append_json(std::string& out, const json::object& object);
void append_component_v2(std::string& out, const Store& store, const Component& c);
void append_reference_v2(std::string& out, const Reference& r);

} // namespace ardoq::emulator
