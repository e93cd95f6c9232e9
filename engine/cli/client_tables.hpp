#pragma once
// The --output table layouts of the ardoqpy-style commands: which members of an Ardoq
// entity become which column.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>

namespace ardoq::cli {

std::string workspace_table(const boost::json::array& workspaces); // ID NAME KEY
std::string summary_table(const boost::json::array& summaries);    // ID NAME COMPONENTS REFERENCES
std::string folder_table(const boost::json::array& folders);       // ID NAME WORKSPACES
std::string component_table(const boost::json::array& components); // ID NAME TYPE KEY PARENT
std::string reference_table(const boost::json::array& references); // ID SOURCE TARGET TYPE ...
std::string tag_table(const boost::json::array& tags);             // ID NAME COMPONENTS REFERENCES
std::string field_table(const boost::json::array& fields);         // ID NAME LABEL TYPE MODEL
std::string model_table(const boost::json::array& models);         // ID NAME TEMPLATE
// The workspace's own members as FIELD / VALUE rows, then its components and references.
std::string aggregated_table(const boost::json::object& workspace);
// A v1 model: its component types as an indented tree, then its reference types.
std::string model_tree(const boost::json::object& model);

} // namespace ardoq::cli
