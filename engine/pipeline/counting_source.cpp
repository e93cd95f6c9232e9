#include "pipeline/counting_source.hpp"

#include <algorithm>

namespace ardoq::pipeline {

namespace {

class CountingSource final : public model::RecordSource {
public:
    CountingSource(std::unique_ptr<model::RecordSource> inner, RecordCounts& counts,
                   Progress& progress)
        : m_inner(std::move(inner)), m_counts(counts), m_progress(progress) {
        m_progress.start("reading " + m_inner->spec().name, 0);
    }
    ~CountingSource() override { close(); }
    CountingSource(const CountingSource&) = delete;
    CountingSource& operator=(const CountingSource&) = delete;

    bool next(model::Record& out) override {
        if (!m_inner->next(out)) {
            close();
            return false;
        }
        m_progress.update(++m_records);
        return true;
    }

    const model::SourceSpec& spec() const noexcept override { return m_inner->spec(); }

private:
    void close() {
        if (m_closed)
            return;
        m_closed = true;
        m_progress.finish();
        m_counts.add(m_inner->spec().name, m_records);
    }

    std::unique_ptr<model::RecordSource> m_inner;
    RecordCounts& m_counts;
    Progress& m_progress;
    std::uint64_t m_records = 0;
    bool m_closed = false;
};

} // namespace

void RecordCounts::add(const std::string& source, std::uint64_t records) {
    auto it = std::find_if(m_counts.begin(), m_counts.end(),
                           [&](const plan::SourceRecordCount& c) { return c.source == source; });
    // A source opened twice (read once for lookups, once for rules) counts its records once.
    if (it == m_counts.end())
        m_counts.push_back({source, records});
    else
        it->records = std::max(it->records, records);
}

std::uint64_t RecordCounts::total() const noexcept {
    std::uint64_t n = 0;
    for (const auto& c : m_counts)
        n += c.records;
    return n;
}

model::SourceOpener counting_opener(model::SourceOpener inner, RecordCounts& counts,
                                    Progress& progress) {
    return [inner = std::move(inner), &counts,
            &progress](const model::SourceSpec& spec) -> std::unique_ptr<model::RecordSource> {
        return std::make_unique<CountingSource>(inner(spec), counts, progress);
    };
}

} // namespace ardoq::pipeline
