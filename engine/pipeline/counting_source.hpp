#pragma once
// Wraps the source connectors so the pipeline learns how many records each source gave
// (the delete guard refuses every delete when a source gave none) and can show progress
// while the mapping evaluator streams them.

#include "model/record_source.hpp"
#include "pipeline/progress.hpp"
#include "plan/planner.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ardoq::pipeline {

// Counts per source name, in the order sources were first opened. add() may be called from
// several threads (sources read in parallel); read the counts once reading is done.
class RecordCounts {
public:
    void add(const std::string& source, std::uint64_t records);
    const std::vector<plan::SourceRecordCount>& counts() const noexcept { return m_counts; }
    std::uint64_t total() const noexcept;

private:
    std::mutex m_mutex;
    std::vector<plan::SourceRecordCount> m_counts;
};

// An opener that opens through `inner` and counts every record read into `counts` (when the
// source is exhausted or dropped), drawing `progress` as "reading <source>" (one source at
// a time when several are read at once). `counts` and `progress` must outlive the sources
// it opens; the sources may be read on different threads.
model::SourceOpener counting_opener(model::SourceOpener inner, RecordCounts& counts,
                                    Progress& progress);

} // namespace ardoq::pipeline
