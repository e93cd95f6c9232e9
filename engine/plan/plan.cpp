#include "plan/plan.hpp"

namespace ardoq::plan {

std::string_view situation_name(Situation s) noexcept {
    switch (s) {
    case Situation::absent:
        return "absent";
    case Situation::unchanged:
        return "unchanged";
    case Situation::changed:
        return "changed";
    case Situation::ambiguous:
        return "ambiguous";
    case Situation::duplicate:
        return "duplicate";
    case Situation::missing:
        return "missing";
    case Situation::unresolved:
        return "unresolved";
    }
    return "?";
}

std::string_view action_name(Action a) noexcept {
    switch (a) {
    case Action::create:
        return "create";
    case Action::update:
        return "update";
    case Action::remove:
        return "delete";
    case Action::none:
        return "none";
    case Action::conflict:
        return "conflict";
    case Action::cache_miss:
        return "cache_miss";
    case Action::error:
        return "error";
    case Action::skip:
        return "skip";
    }
    return "?";
}

std::string_view Plan::type_name(const ComponentEntry& e) const noexcept {
    const auto& types = snapshot->context.component_types;
    return e.type < types.size() ? std::string_view(types[e.type].name) : std::string_view();
}

std::string_view Plan::type_name(const ReferenceEntry& e) const noexcept {
    const auto& types = snapshot->context.reference_types;
    return e.type < types.size() ? std::string_view(types[e.type].name) : std::string_view();
}

std::string_view Plan::existing_key(std::uint32_t snapshot_index) const noexcept {
    return existing_key(*snapshot, identity, identity_field_key, existing_key_texts,
                        snapshot_index);
}

std::string_view Plan::existing_key(const model::Snapshot& snapshot,
                                    const model::Identity& identity,
                                    const std::optional<model::FieldKey>& identity_field_key,
                                    const std::unordered_map<std::uint32_t, std::string>& texts,
                                    std::uint32_t snapshot_index) noexcept {
    const auto& c = snapshot.components()[snapshot_index];
    if (identity.kind == model::IdentityKind::name)
        return c.name;
    if (!identity_field_key)
        return {};
    auto v = model::Snapshot::field_value(c.custom_fields, *identity_field_key);
    if (!v || v->is_null())
        return {};
    if (v->is_string())
        return v->as_string();
    auto it = texts.find(snapshot_index);
    return it == texts.end() ? std::string_view() : std::string_view(it->second);
}

std::string_view Plan::key(const ComponentEntry& e) const noexcept {
    if (e.desired != k_none) {
        const auto& d = desired->components[e.desired];
        return d.key.empty() && identity.kind == model::IdentityKind::name ? d.name : d.key;
    }
    return existing_key(e.existing);
}

std::string_view Plan::name(const ComponentEntry& e) const noexcept {
    if (e.desired != k_none)
        return desired->components[e.desired].name;
    return snapshot->components()[e.existing].name;
}

std::string Plan::link_key(const Link& link) const {
    switch (link.kind) {
    case Link::Kind::entry:
        return std::string(key(components[link.index]));
    case Link::Kind::existing: {
        if (link.index == k_none)
            return {};
        auto k = existing_key(link.index);
        return k.empty() ? snapshot->components()[link.index].id.to_string() : std::string(k);
    }
    default:
        return {};
    }
}

std::string Plan::key(const ReferenceEntry& e) const {
    if (e.keyed) {
        if (e.desired != k_none) {
            for (const auto& f : desired->references[e.desired].fields)
                if (f.key == identity.field)
                    return f.value.to_text();
        } else if (identity_field_key) {
            const auto& r = snapshot->references()[e.existing];
            if (auto v = model::Snapshot::field_value(r.custom_fields, *identity_field_key))
                return v->to_text();
        }
    }
    if (e.desired != k_none) {
        const auto& d = desired->references[e.desired];
        return d.source.key + " → " + d.target.key;
    }
    // Endpoints outside the snapshot (another workspace) are shown by OID.
    const auto& r = snapshot->references()[e.existing];
    auto end = [&](const Link& l, const model::Oid& id) {
        return l.kind == Link::Kind::existing && l.index != k_none ? link_key(l) : id.to_string();
    };
    return end(e.source, r.source) + " → " + end(e.target, r.target);
}

std::string Plan::describe(const ComponentEntry& e) const {
    auto k = key(e);
    if (k.empty())
        k = name(e);
    std::string text(type_name(e));
    if (text.empty())
        text = e.desired != k_none ? desired->components[e.desired].type : "component";
    if (k.empty() && e.existing != k_none)
        return text + " " + snapshot->components()[e.existing].id.to_string();
    return text + " \"" + std::string(k) + "\"";
}

std::string Plan::describe(const ReferenceEntry& e) const {
    std::string text(type_name(e));
    if (text.empty())
        text = e.desired != k_none ? desired->references[e.desired].type : "reference";
    return text + " \"" + key(e) + "\"";
}

std::string Plan::origin(const ComponentEntry& e) const {
    return e.desired == k_none ? std::string() : desired->components[e.desired].origin.to_string();
}

std::string Plan::origin(const ReferenceEntry& e) const {
    return e.desired == k_none ? std::string() : desired->references[e.desired].origin.to_string();
}

std::size_t Plan::count(Action a) const noexcept {
    std::size_t n = 0;
    for (const auto& e : components)
        n += e.action == a ? 1 : 0;
    for (const auto& e : references)
        n += e.action == a ? 1 : 0;
    return n;
}

bool Plan::has_changes() const noexcept {
    auto writes = [](Action a) {
        return a == Action::create || a == Action::update || a == Action::remove;
    };
    for (const auto& e : components)
        if (writes(e.action))
            return true;
    for (const auto& e : references)
        if (writes(e.action))
            return true;
    return false;
}

} // namespace ardoq::plan
