#pragma once
// Drops repeated desired entities: the same identity with identical content is one
// entity (the first keeps its origin); the same identity with different content is kept
// for the planner to judge (on_duplicate).

#include "model/desired.hpp"

#include <vector>

namespace ardoq::mapping {

void dedupe_components(model::ChunkedVector<model::DesiredComponent>& v);
void dedupe_references(model::ChunkedVector<model::DesiredReference>& v);

} // namespace ardoq::mapping
