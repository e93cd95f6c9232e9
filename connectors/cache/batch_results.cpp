#include "connectors/cache/batch_results.hpp"

#include "connectors/ardoq/json_model.hpp"

#include <boost/json.hpp>

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

// One write of an entity: its state after it, or a deletion (no body).
struct Write {
    model::Oid id;
    const json::value* body = nullptr;
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

bool apply_batch_response(model::Snapshot& s, const json::object& response) {
    return apply_batch_responses(s, std::vector<json::object>{response});
}

bool apply_batch_responses(model::Snapshot& s, const std::vector<json::object>& responses) {
    // Every write, in order; a deletion has no body. Check everything first, so that
    // responses that cannot be used change nothing.
    std::vector<Write> components, references;
    for (const auto& response : responses)
        for (std::string_view kind : {"components", "references"}) {
            auto& writes = kind == "components" ? components : references;
            for (std::string_view what : {"created", "updated"})
                if (const auto* list = list_at(response, kind, what))
                    for (const auto& item : *list) {
                        auto id = id_of(item);
                        const auto* body = body_of(item);
                        if (!id || body == nullptr)
                            return false;
                        writes.push_back({*id, body});
                    }
            if (const auto* list = list_at(response, kind, "deleted"))
                for (const auto& item : *list) {
                    auto id = id_of(item);
                    if (!id)
                        return false;
                    writes.push_back({*id, nullptr});
                }
        }
    keep_last_writes(components);
    keep_last_writes(references);
    // Read once, into a scratch snapshot (so that an unreadable body changes nothing), then
    // copied into `s` with the scratch's field keys translated to `s`'s.
    model::Snapshot scratch;
    for (const auto& w : components)
        if (w.body != nullptr && !add_component_from_json(scratch, *w.body))
            return false;
    for (const auto& w : references)
        if (w.body != nullptr && !add_reference_from_json(scratch, *w.body))
            return false;
    std::vector<model::FieldKey> field_key; // scratch's key → s's key
    field_key.reserve(scratch.field_keys().size());
    for (const auto& key : scratch.field_keys())
        field_key.push_back(s.intern_field(key));
    auto translated = [&](auto entity) {
        model::CustomFields fields;
        for (const auto& f : entity.custom_fields)
            fields.append(field_key[f.key], f.value);
        entity.custom_fields = std::move(fields);
        return entity;
    };

    // A deleted component takes its references along.
    std::unordered_set<model::Oid, model::OidHash> gone;
    for (const auto& w : components)
        if (w.body == nullptr)
            gone.insert(w.id);
    std::vector<model::Oid> replaced_components, replaced_references;
    replaced_components.reserve(components.size());
    replaced_references.reserve(references.size());
    for (const auto& w : components)
        replaced_components.push_back(w.id);
    for (const auto& w : references)
        replaced_references.push_back(w.id);
    if (!gone.empty())
        for (const auto& r : s.references())
            if (gone.count(r.source) > 0 || gone.count(r.target) > 0)
                replaced_references.push_back(r.id);
    s.remove_components(replaced_components);
    s.remove_references(replaced_references);
    s.reserve(s.components().size() + scratch.components().size(),
              s.references().size() + scratch.references().size());
    for (const auto& c : scratch.components())
        s.add_component(translated(c));
    for (const auto& r : scratch.references())
        s.add_reference(translated(r));
    s.reindex();
    return true;
}

} // namespace ardoq::connectors
