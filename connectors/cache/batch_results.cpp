#include "connectors/cache/batch_results.hpp"

#include "connectors/ardoq/json_model.hpp"

#include <boost/json.hpp>

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

} // namespace

bool apply_batch_response(model::Snapshot& s, const json::object& response) {
    // Check everything first, so that a response that cannot be used changes nothing.
    std::vector<model::Oid> replaced_components, replaced_references, deleted_components,
        deleted_references;
    std::vector<const json::value*> component_bodies, reference_bodies;
    for (std::string_view kind : {"components", "references"}) {
        const bool components = kind == "components";
        for (std::string_view what : {"created", "updated"})
            if (const auto* list = list_at(response, kind, what))
                for (const auto& item : *list) {
                    auto id = id_of(item);
                    const auto* body = body_of(item);
                    if (!id || body == nullptr)
                        return false;
                    (components ? replaced_components : replaced_references).push_back(*id);
                    (components ? component_bodies : reference_bodies).push_back(body);
                }
        if (const auto* list = list_at(response, kind, "deleted"))
            for (const auto& item : *list) {
                auto id = id_of(item);
                if (!id)
                    return false;
                (components ? deleted_components : deleted_references).push_back(*id);
            }
    }
    model::Snapshot scratch;
    for (const auto* b : component_bodies)
        if (!add_component_from_json(scratch, *b))
            return false;
    for (const auto* b : reference_bodies)
        if (!add_reference_from_json(scratch, *b))
            return false;

    std::unordered_set<model::Oid, model::OidHash> gone(deleted_components.begin(),
                                                        deleted_components.end());
    for (const auto& r : s.references())
        if (gone.count(r.source) > 0 || gone.count(r.target) > 0)
            deleted_references.push_back(r.id);
    replaced_components.insert(replaced_components.end(), deleted_components.begin(),
                               deleted_components.end());
    replaced_references.insert(replaced_references.end(), deleted_references.begin(),
                               deleted_references.end());
    s.remove_components(replaced_components);
    s.remove_references(replaced_references);
    for (const auto* b : component_bodies)
        (void)add_component_from_json(s, *b);
    for (const auto* b : reference_bodies)
        (void)add_reference_from_json(s, *b);
    s.reindex();
    return true;
}

} // namespace ardoq::connectors
