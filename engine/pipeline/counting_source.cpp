#include "pipeline/counting_source.hpp"

#include <algorithm>
#include <mutex>

namespace ardoq::pipeline {

namespace {

// The progress bar shows one source at a time. The mapping evaluator reads independent
// sources on several threads: the first one opened draws the bar; when it is done, the
// next one still being read takes the bar over.
struct SharedProgress {
    explicit SharedProgress(Progress& p) : progress(p) {}
    Progress& progress;
    std::mutex mutex;
    bool taken = false;
};

class CountingSource final : public model::RecordSource {
public:
    CountingSource(std::unique_ptr<model::RecordSource> inner, RecordCounts& counts,
                   std::shared_ptr<SharedProgress> progress)
        : m_inner(std::move(inner)), m_counts(counts), m_progress(std::move(progress)) {
        m_counts.add(m_inner->spec().name, 0); // counts are listed in the order of opening
        try_take_progress();
    }
    ~CountingSource() override { close(); }
    CountingSource(const CountingSource&) = delete;
    CountingSource& operator=(const CountingSource&) = delete;

    bool next(model::Record& out) override {
        if (!m_inner->next(out)) {
            close();
            return false;
        }
        ++m_records;
        if (m_has_progress)
            m_progress->progress.update(m_records);
        else if ((m_records & 4095U) == 0)
            try_take_progress();
        return true;
    }

    const model::SourceSpec& spec() const noexcept override { return m_inner->spec(); }

private:
    void try_take_progress() {
        const std::lock_guard lock(m_progress->mutex);
        if (m_progress->taken)
            return;
        m_progress->taken = m_has_progress = true;
        m_progress->progress.start("reading " + m_inner->spec().name, 0);
        m_progress->progress.update(m_records);
    }

    void close() {
        if (m_closed)
            return;
        m_closed = true;
        if (m_has_progress) {
            const std::lock_guard lock(m_progress->mutex);
            m_progress->progress.finish();
            m_progress->taken = m_has_progress = false;
        }
        m_counts.add(m_inner->spec().name, m_records);
    }

    std::unique_ptr<model::RecordSource> m_inner;
    RecordCounts& m_counts;
    std::shared_ptr<SharedProgress> m_progress;
    std::uint64_t m_records = 0;
    bool m_has_progress = false; // this source draws the bar (see SharedProgress)
    bool m_closed = false;
};

} // namespace

void RecordCounts::add(const std::string& source, std::uint64_t records) {
    const std::lock_guard lock(m_mutex);
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
    auto shared = std::make_shared<SharedProgress>(progress);
    return [inner = std::move(inner), &counts,
            shared](const model::SourceSpec& spec) -> std::unique_ptr<model::RecordSource> {
        return std::make_unique<CountingSource>(inner(spec), counts, shared);
    };
}

} // namespace ardoq::pipeline
