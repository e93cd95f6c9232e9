#include "connectors/cache/batch_results.hpp"

#include "connectors/ardoq/json_model.hpp"

#include <boost/json.hpp>

#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace ardoq::connectors {

namespace json = boost::json;

namespace {

const json::array* list_at(const json::object& response, std::string_view kind,
                           std::string_view what) {
    const auto* part = response.if_contains(kind);
    if (part == nullptr || !part->is_object())
        return nullptr;
    const auto* list = part->get_object().if_contains(what);
    return list != nullptr && list->is_array() ? &list->get_array() : nullptr;
}

std::optional<model::Oid> id_of(const json::value& item) {
    if (const auto* o = item.if_object())
        if (const auto* id = o->if_contains("id"); id && id->is_string())
            return model::Oid::parse(id->get_string());
    return std::nullopt;
}

const json::value* body_of(const json::value& item) {
    const auto* o = item.if_object();
    const auto* body = o ? o->if_contains("body") : nullptr;
    return body != nullptr && body->is_object() ? body : nullptr;
}

// One write of an entity: its state after it (an index into the fold's scratch snapshot), or
// a deletion.
struct Write {
    static constexpr std::size_t deleted = static_cast<std::size_t>(-1);
    model::Oid id;
    std::size_t entity = deleted;
};

// Keeps the last write of each entity, in the order of those last writes: the order that
// applying the writes one by one (each replaced entity removed, then appended) leaves.
void keep_last_writes(std::vector<Write>& writes) {
    std::unordered_map<model::Oid, std::size_t, model::OidHash> last;
    last.reserve(writes.size());
    for (std::size_t i = 0; i < writes.size(); ++i)
        last[writes[i].id] = i;
    if (last.size() == writes.size())
        return;
    std::vector<Write> kept;
    kept.reserve(last.size());
    for (std::size_t i = 0; i < writes.size(); ++i)
        if (last[writes[i].id] == i)
            kept.push_back(writes[i]);
    writes = std::move(kept);
}

} // namespace

struct BatchFold::State {
    // Every write, in order. The bodies are read into `scratch` as they come (so that an
    // unreadable body changes nothing), then copied into the snapshot with the scratch's
    // field keys translated to the snapshot's.
    std::vector<Write> components, references;
    model::Snapshot scratch;
    bool usable = true;
};

BatchFold::BatchFold() : m_state(std::make_unique<State>()) {}
BatchFold::~BatchFold() = default;
BatchFold::BatchFold(BatchFold&&) noexcept = default;
BatchFold& BatchFold::operator=(BatchFold&&) noexcept = default;

bool BatchFold::usable() const noexcept {
    return m_state->usable;
}

bool BatchFold::add(const json::object& response) {
    State& st = *m_state;
    if (!st.usable)
        return false;
    // Checked first, so that a response that cannot be used adds nothing.
    for (std::string_view kind : {"components", "references"}) {
        for (std::string_view what : {"created", "updated"})
            if (const auto* list = list_at(response, kind, what))
                for (const auto& item : *list)
                    if (!id_of(item) || body_of(item) == nullptr)
                        return st.usable = false;
        if (const auto* list = list_at(response, kind, "deleted"))
            for (const auto& item : *list)
                if (!id_of(item))
                    return st.usable = false;
    }
    for (std::string_view kind : {"components", "references"}) {
        const bool components = kind == "components";
        auto& writes = components ? st.components : st.references;
        for (std::string_view what : {"created", "updated"})
            if (const auto* list = list_at(response, kind, what))
                for (const auto& item : *list) {
                    auto read = components ? add_component_from_json(st.scratch, *body_of(item))
                                           : add_reference_from_json(st.scratch, *body_of(item));
                    if (!read)
                        return st.usable = false;
                    writes.push_back({*id_of(item), *read});
                }
        if (const auto* list = list_at(response, kind, "deleted"))
            for (const auto& item : *list)
                writes.push_back({*id_of(item), Write::deleted});
    }
    return true;
}

void BatchFold::apply_to(model::Snapshot& s) {
    State& st = *m_state;
    keep_last_writes(st.components);
    keep_last_writes(st.references);
    // Scratch's key → s's key, interned at first use: the scratch also holds the keys of
    // bodies a later write replaced.
    std::vector<std::optional<model::FieldKey>> field_key(st.scratch.field_keys().size());
    auto translated = [&](auto entity) {
        model::CustomFields fields;
        for (const auto& f : entity.custom_fields) {
            auto& key = field_key[f.key];
            if (!key)
                key = s.intern_field(st.scratch.field_keys()[f.key]);
            fields.append(*key, f.value);
        }
        entity.custom_fields = std::move(fields);
        return entity;
    };

    // A deleted component takes its references along.
    std::unordered_set<model::Oid, model::OidHash> gone;
    for (const auto& w : st.components)
        if (w.entity == Write::deleted)
            gone.insert(w.id);
    std::vector<model::Oid> replaced_components, replaced_references;
    replaced_components.reserve(st.components.size());
    replaced_references.reserve(st.references.size());
    for (const auto& w : st.components)
        replaced_components.push_back(w.id);
    for (const auto& w : st.references)
        replaced_references.push_back(w.id);
    if (!gone.empty())
        for (const auto& r : s.references())
            if (gone.count(r.source) > 0 || gone.count(r.target) > 0)
                replaced_references.push_back(r.id);
    s.remove_components(replaced_components);
    s.remove_references(replaced_references);
    s.reserve(s.components().size() + st.components.size(),
              s.references().size() + st.references.size());
    for (const auto& w : st.components)
        if (w.entity != Write::deleted)
            s.add_component(translated(st.scratch.components()[w.entity]));
    for (const auto& w : st.references)
        if (w.entity != Write::deleted)
            s.add_reference(translated(st.scratch.references()[w.entity]));
    s.reindex();
    *m_state = State();
}

bool apply_batch_response(model::Snapshot& s, const json::object& response) {
    return apply_batch_responses(s, std::vector<json::object>{response});
}

bool apply_batch_responses(model::Snapshot& s, const std::vector<json::object>& responses) {
    BatchFold fold;
    for (const auto& response : responses)
        if (!fold.add(response))
            return false;
    fold.apply_to(s);
    return true;
}

} // namespace ardoq::connectors
