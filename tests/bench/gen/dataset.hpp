#pragma once
// The benchmark dataset of bench-gen: N components in a three-level type hierarchy
// (Domain → Application → Service) with ten custom fields of mixed kinds, and M "Depends on"
// references between services. Every row is a pure function of (seed, index), so each
// writer can produce any row on its own and two runs with one seed give identical files.
//
// The workspace side (what Ardoq holds) is the same data with a chosen fraction of the
// components changed in one field and a chosen fraction of the services (and of the
// references) missing.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ardoq::bench {

struct DatasetSpec {
    std::uint64_t components = 10'000;
    std::uint64_t references = 10'000;
    std::uint64_t seed = 1;
    double changed = 0.01;  // share of components that differ in Ardoq in one field
    double missing = 0.005; // share of services and of references Ardoq does not have
};

inline constexpr int k_levels = 3;
extern const char* const k_type_names[k_levels]; // "Domain", "Application", "Service"
extern const char* const k_type_ids[k_levels];   // "p1000000000001", ...
extern const char* const k_lifecycles[3];        // the List field's options
extern const char* const k_label_options[6];     // the SelectMultipleList field's options

// One source record. Optional members are empty cells (null) in the source.
struct ComponentRow {
    std::uint64_t id = 0; // 1-based; the key is "c-<id>"
    int level = 0;        // 0 Domain, 1 Application, 2 Service
    std::string name;     // UTF-8, unique
    std::optional<std::uint64_t> parent;
    std::string lifecycle;
    std::string cost; // decimal text with two digits, e.g. "1234.50"
    std::int64_t users = 0;
    bool critical = false;
    std::optional<std::string> go_live; // "2019-03-01"
    std::string labels;                 // "web;batch"
    std::string owner;                  // e-mail address
    std::string vendor;                 // may hold commas and quotes
    std::optional<std::string> notes;   // may hold commas, quotes and a newline
    std::string region;                 // UTF-8
};

struct ReferenceRow {
    std::uint64_t from = 0; // component ids
    std::uint64_t to = 0;
    std::string kind; // display text
};

class Dataset {
public:
    explicit Dataset(DatasetSpec spec);

    const DatasetSpec& spec() const noexcept { return m_spec; }
    int level(std::uint64_t id) const noexcept;
    ComponentRow component(std::uint64_t id) const;
    ReferenceRow reference(std::uint64_t index) const; // index in [0, references)

    // The workspace side: whether Ardoq lacks a component / reference, and which field
    // (0..2: users, vendor, lifecycle) differs for a changed component, -1 for none.
    bool component_missing(std::uint64_t id) const noexcept;
    bool reference_missing(std::uint64_t index) const noexcept;
    int changed_field(std::uint64_t id) const noexcept;

    // Counts of the workspace side, for the summary.
    std::uint64_t level_start(int level) const noexcept { return m_start[level]; }

private:
    std::uint64_t hash(std::uint64_t id, std::uint64_t salt) const noexcept;
    bool chance(std::uint64_t id, std::uint64_t salt, double share) const noexcept;

    DatasetSpec m_spec;
    std::uint64_t m_start[k_levels + 1] = {}; // first id of each level, then N + 1
    std::uint64_t m_rounds = 1;               // reference rounds over the services
    std::uint64_t m_span = 1;                 // target offsets per round
};

// Key of a component ("c-42").
std::string component_key(std::uint64_t id);

} // namespace ardoq::bench
