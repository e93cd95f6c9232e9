#include "batch/batch.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_map>

namespace ardoq::batch {

namespace {

using plan::Action;
using plan::EntityKind;

// Packs operations into requests of at most `size` operations, never putting an upsert
// and a create / update / delete of the same entity kind into one request.
class Packer {
public:
    Packer(BatchSequence& out, std::size_t size)
        : m_out(out), m_size(std::max<std::size_t>(size, 1)) {}

    void add(Operation op) {
        const auto kind = static_cast<std::size_t>(op.entity);
        const bool upsert = op.op == OpKind::upsert;
        if (m_out.requests.empty() || m_count == m_size ||
            (upsert ? m_other[kind] : m_upsert[kind]))
            start();
        (upsert ? m_upsert : m_other)[kind] = true;
        if (op.entity == EntityKind::component &&
            (op.op == OpKind::upsert || op.op == OpKind::create))
            m_out.component_request[op.entry] =
                static_cast<std::uint32_t>(m_out.requests.size() - 1);
        m_out.requests.back().operations.push_back(op);
        ++m_count;
        ++m_out.operation_count;
    }

private:
    void start() {
        m_out.requests.emplace_back();
        m_count = 0;
        m_upsert[0] = m_upsert[1] = m_other[0] = m_other[1] = false;
    }

    BatchSequence& m_out;
    std::size_t m_size;
    std::size_t m_count = 0;
    bool m_upsert[2] = {false, false};
    bool m_other[2] = {false, false};
};

// Missing components whose identity value is text held by no other Ardoq component can be
// deleted by match (idempotent: a repeated delete matches nothing); others go by id.
std::vector<std::uint8_t> deletable_by_match(const plan::Plan& plan,
                                             const std::vector<std::uint32_t>& deletes) {
    std::vector<std::uint8_t> out(deletes.size(), 0);
    if (plan.identity.kind != model::IdentityKind::field || !plan.identity_field_key ||
        deletes.empty())
        return out;
    std::unordered_map<std::string_view, std::uint32_t> uses;
    for (auto i : deletes) {
        const auto s = plan.components[i].existing;
        if (!plan.existing_key(s).empty() && !plan.existing_key_texts.count(s))
            uses.emplace(plan.existing_key(s), 0);
    }
    const auto n = static_cast<std::uint32_t>(plan.snapshot->components().size());
    for (std::uint32_t s = 0; s < n; ++s)
        if (auto it = uses.find(plan.existing_key(s)); it != uses.end())
            ++it->second;
    for (std::size_t k = 0; k < deletes.size(); ++k) {
        auto it = uses.find(plan.existing_key(plan.components[deletes[k]].existing));
        out[k] = it != uses.end() && it->second == 1 ? 1 : 0;
    }
    return out;
}

} // namespace

std::string batch_id(EntityKind kind, std::uint32_t entry) {
    return (kind == EntityKind::component ? "c" : "r") + std::to_string(entry);
}

std::optional<std::pair<EntityKind, std::uint32_t>> parse_batch_id(std::string_view id) {
    if (id.size() < 2 || (id[0] != 'c' && id[0] != 'r'))
        return std::nullopt;
    std::uint32_t entry = 0;
    auto [ptr, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), entry);
    if (ec != std::errc{} || ptr != id.data() + id.size())
        return std::nullopt;
    return std::pair{id[0] == 'c' ? EntityKind::component : EntityKind::reference, entry};
}

BatchSequence build_sequence(const plan::Plan& plan, const BatchOptions& options) {
    BatchSequence seq;
    seq.component_request.assign(plan.components.size(), plan::k_none);
    Packer pack(seq, options.batch_size);
    const bool by_name = plan.identity.kind == model::IdentityKind::name;
    const auto n_components = static_cast<std::uint32_t>(plan.components.size());

    // Component writes: upserts by depth (a parent is created before its children: in an
    // earlier request, or earlier in the same one), then by-id updates (name identity:
    // an upsert by name cannot rename "crm" to "CRM").
    std::vector<std::uint32_t> upserts, updates, deletes;
    for (std::uint32_t i = 0; i < n_components; ++i) {
        const auto& e = plan.components[i];
        if (e.action == Action::create || (e.action == Action::update && !by_name))
            upserts.push_back(i);
        else if (e.action == Action::update)
            updates.push_back(i);
        else if (e.action == Action::remove)
            deletes.push_back(i);
    }
    auto by_depth = [&](std::uint32_t a, std::uint32_t b) {
        return plan.components[a].depth < plan.components[b].depth;
    };
    std::stable_sort(upserts.begin(), upserts.end(), by_depth);
    std::stable_sort(updates.begin(), updates.end(), by_depth);
    for (auto i : upserts)
        pack.add({EntityKind::component, OpKind::upsert, false, i});
    for (auto i : updates)
        pack.add({EntityKind::component, OpKind::update, false, i});

    const auto n_references = static_cast<std::uint32_t>(plan.references.size());
    for (std::uint32_t j = 0; j < n_references; ++j) {
        const auto a = plan.references[j].action;
        if (a == Action::create || a == Action::update)
            pack.add({EntityKind::reference, a == Action::create ? OpKind::create : OpKind::update,
                      false, j});
    }
    for (std::uint32_t j = 0; j < n_references; ++j)
        if (plan.references[j].action == Action::remove)
            pack.add({EntityKind::reference, OpKind::remove, false, j});

    // Deletes: deepest first, so that children go before (or with) their parents.
    std::stable_sort(deletes.begin(), deletes.end(), [&](std::uint32_t a, std::uint32_t b) {
        return plan.components[a].depth > plan.components[b].depth;
    });
    auto match = deletable_by_match(plan, deletes);
    for (std::size_t k = 0; k < deletes.size(); ++k)
        pack.add({EntityKind::component, OpKind::remove, match[k] != 0, deletes[k]});
    return seq;
}

} // namespace ardoq::batch
