#pragma once
// Drops repeated desired entities: the same identity with identical content is one
// entity (the first keeps its origin); the same identity with different content is kept
// for the planner to judge (on_duplicate).

#include "model/desired.hpp"

#include <vector>

namespace ardoq::mapping {

std::vector<model::DesiredComponent> dedupe_components(std::vector<model::DesiredComponent> in);
std::vector<model::DesiredReference> dedupe_references(std::vector<model::DesiredReference> in);

} // namespace ardoq::mapping
