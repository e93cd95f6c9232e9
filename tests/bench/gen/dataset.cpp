#include "gen/dataset.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace ardoq::bench {

const char* const k_type_names[k_levels] = {"Domain", "Application", "Service"};
const char* const k_type_ids[k_levels] = {"p1000000000001", "p1000000000002", "p1000000000003"};
const char* const k_lifecycles[3] = {"Planned", "Live", "Retired"};
const char* const k_label_options[6] = {"web", "batch", "legacy", "cloud", "mobile", "api"};

namespace {

const char* const k_words[] = {"billing", "Zürich", "payroll", "søk",     "ledger", "日本",
                               "portal",  "Ærø",    "gateway", "café",    "core",   "Kraków",
                               "reports", "naïve",  "archive", "Montréal"};
const char* const k_vendors[] = {"Acme, Inc.", "\"Best\" Systems", "Müller & Söhne",  "日本電気",
                                 "Nordic AS",  "O'Brien, \"Ltd\"", "Ørsted Software", "Initech"};
const char* const k_regions[] = {"Zürich", "Oslo", "São Paulo", "東京", "Kraków", "Montréal"};
const char* const k_kinds[] = {"sync", "async", "batch"};

enum Salt : std::uint64_t {
    s_parent = 1,
    s_name1,
    s_name2,
    s_life,
    s_cost,
    s_users,
    s_critical,
    s_date,
    s_date_null,
    s_labels,
    s_owner,
    s_vendor,
    s_notes,
    s_notes_kind,
    s_region,
    s_missing,
    s_changed,
    s_changed_field,
    s_ref_offset,
    s_ref_kind,
    s_ref_missing
};

template <std::size_t N> const char* pick(const char* const (&list)[N], std::uint64_t h) {
    return list[h % N];
}

} // namespace

std::string component_key(std::uint64_t id) {
    return "c-" + std::to_string(id);
}

Dataset::Dataset(DatasetSpec spec) : m_spec(spec) {
    const std::uint64_t n = spec.components;
    if (n < 3)
        throw std::invalid_argument("--components must be at least 3 (one per level)");
    const std::uint64_t domains = std::max<std::uint64_t>(1, n / 100);
    const std::uint64_t apps = std::max<std::uint64_t>(1, n * 9 / 100);
    m_start[0] = 1;
    m_start[1] = 1 + domains;
    m_start[2] = 1 + domains + apps;
    m_start[3] = n + 1;
    const std::uint64_t services = n - domains - apps;
    if (spec.references > services * (services - 1))
        throw std::invalid_argument(
            "--references: at most " + std::to_string(services * (services - 1)) +
            " distinct references between " + std::to_string(services) + " services");
    m_rounds = std::max<std::uint64_t>(1, (spec.references + services - 1) / services);
    m_span = std::max<std::uint64_t>(1, (services - 1) / m_rounds);
}

std::uint64_t Dataset::hash(std::uint64_t id, std::uint64_t salt) const noexcept {
    // splitmix64 over the seed, the row and the purpose of the number
    std::uint64_t z = m_spec.seed * 0x9e3779b97f4a7c15ULL + id * 0xbf58476d1ce4e5b9ULL +
                      salt * 0x94d049bb133111ebULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

bool Dataset::chance(std::uint64_t id, std::uint64_t salt, double share) const noexcept {
    return static_cast<double>(hash(id, salt) % 1'000'000) < share * 1'000'000.0;
}

int Dataset::level(std::uint64_t id) const noexcept {
    return id < m_start[1] ? 0 : id < m_start[2] ? 1 : 2;
}

ComponentRow Dataset::component(std::uint64_t id) const {
    ComponentRow r;
    r.id = id;
    r.level = level(id);
    r.name = std::string(pick(k_words, hash(id, s_name1))) + " " +
             pick(k_words, hash(id, s_name2)) + " " + std::to_string(id);
    if (r.level > 0) {
        const std::uint64_t first = m_start[r.level - 1];
        r.parent = first + hash(id, s_parent) % (m_start[r.level] - first);
    }
    r.lifecycle = pick(k_lifecycles, hash(id, s_life));
    char buf[64];
    const std::uint64_t cents = hash(id, s_cost) % 10'000'000;
    std::snprintf(buf, sizeof buf, "%llu.%02llu", static_cast<unsigned long long>(cents / 100),
                  static_cast<unsigned long long>(cents % 100));
    r.cost = buf;
    r.users = static_cast<std::int64_t>(hash(id, s_users) % 5000);
    r.critical = hash(id, s_critical) % 4 == 0;
    if (!chance(id, s_date_null, 0.03)) {
        const std::uint64_t h = hash(id, s_date);
        std::snprintf(buf, sizeof buf, "%04llu-%02llu-%02llu",
                      static_cast<unsigned long long>(2000 + h % 26),
                      static_cast<unsigned long long>(1 + (h >> 8) % 12),
                      static_cast<unsigned long long>(1 + (h >> 16) % 28));
        r.go_live = buf;
    }
    // 1 to 3 distinct labels, in the order of the options
    const std::uint64_t mask = 1 + hash(id, s_labels) % 63;
    int count = 0;
    for (int b = 0; b < 6 && count < 3; ++b)
        if (mask & (1u << b)) {
            r.labels += (count++ ? ";" : "");
            r.labels += k_label_options[b];
        }
    r.owner = "owner" + std::to_string(hash(id, s_owner) % 5000) + "@example.com";
    r.vendor = pick(k_vendors, hash(id, s_vendor));
    const std::uint64_t nk = hash(id, s_notes_kind) % 20;
    if (nk == 0)
        r.notes = std::nullopt;
    else if (nk < 3)
        r.notes = "first line of " + std::to_string(id) + "\nsecond line, \"quoted\"";
    else if (nk < 6)
        r.notes = "says \"hello, world\" (" + std::to_string(hash(id, s_notes) % 1000) + ")";
    else
        r.notes = "reviewed " + std::to_string(hash(id, s_notes) % 1000);
    r.region = pick(k_regions, hash(id, s_region));
    return r;
}

ReferenceRow Dataset::reference(std::uint64_t index) const {
    const std::uint64_t services = m_start[3] - m_start[2];
    const std::uint64_t round = index / services;
    const std::uint64_t j = index % services;
    const std::uint64_t offset = 1 + round * m_span + hash(index, s_ref_offset) % m_span;
    ReferenceRow r;
    r.from = m_start[2] + j;
    r.to = m_start[2] + (j + offset) % services;
    r.kind = pick(k_kinds, hash(index, s_ref_kind));
    return r;
}

bool Dataset::component_missing(std::uint64_t id) const noexcept {
    if (level(id) != 2)
        return false; // nothing in the source hangs below a service
    const double services = static_cast<double>(m_start[3] - m_start[2]);
    return chance(id, s_missing,
                  m_spec.missing * static_cast<double>(m_spec.components) / services);
}

bool Dataset::reference_missing(std::uint64_t index) const noexcept {
    const ReferenceRow r = reference(index);
    return component_missing(r.from) || component_missing(r.to) ||
           chance(index, s_ref_missing, m_spec.missing);
}

int Dataset::changed_field(std::uint64_t id) const noexcept {
    if (!chance(id, s_changed, m_spec.changed))
        return -1;
    return static_cast<int>(hash(id, s_changed_field) % 3);
}

} // namespace ardoq::bench
