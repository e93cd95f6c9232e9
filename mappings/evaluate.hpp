#pragma once
// Turning source records into the desired state: every rule evaluated on every record of
// its source.

#include "mappings/mapping.hpp"
#include "model/desired.hpp"
#include "model/diagnostic.hpp"
#include "model/record_source.hpp"

#include <atomic>

namespace ardoq::mapping {

// Opens each source the mapping uses exactly once (a source feeding several rules is read
// once; a source that lookup() joins is indexed before the rules run, and kept in memory
// when rules read it too) and evaluates every rule on every record.
//
// Output order: component rules in mapping order, each in record order; the same for
// references. DesiredComponent::rule / DesiredReference::rule are the rule's position
// among the component / reference rules. Entities with the same type and key (for
// references: type, source and target) and identical content are emitted once, with the
// first origin (derived components, e.g. one Domain per distinct value); with different
// content all are emitted and the planner applies on_duplicate.
//
// A record on which a rule fails (a filter cannot convert a value, an empty key) is
// skipped and reported into `diags` naming the record ("apps.csv:42") and the rule
// ("mapping.yaml:14"). A source that cannot be opened or read is reported the same way
// (the InputError its connector threw). The desired state is incomplete whenever `diags`
// has errors: do not plan from it. Origins point into `mapping`; keep it alive.
//
// `stop` (optional) is read between records: once it is true, reading ends early and the
// result is incomplete, to be discarded (a run that failed elsewhere meanwhile).
model::DesiredState evaluate(const Mapping& mapping, const model::SourceOpener& open,
                             model::Diagnostics& diags, const std::atomic<bool>* stop = nullptr);

} // namespace ardoq::mapping
