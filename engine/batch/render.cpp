// Rendering one request of a batch sequence as a BatchRequest JSON body.

#include "batch/batch.hpp"
#include "batch/json_value.hpp"
#include "plan/field_values.hpp"

#include <boost/json.hpp>

namespace ardoq::batch {

namespace json = boost::json;

namespace {

using plan::Action;
using plan::EntityKind;
using plan::Link;

class Renderer {
public:
    Renderer(const plan::Plan& plan, const BatchSequence& seq, std::size_t index,
             const CreatedIds& created, json::storage_ptr sp)
        : m_plan(plan),
          m_seq(seq),
          m_index(index),
          m_created(created),
          m_sp(std::move(sp)),
          m_workspace(plan.snapshot->workspace.id, m_sp) {}

    model::Expected<json::object> render(const BatchOptions& options) {
        json::object out(m_sp);
        if (options.respond_with_entities)
            out["options"] = object({{"respondWithEntities", true}});
        json::array c_upsert(m_sp), c_update(m_sp), c_delete(m_sp), r_create(m_sp), r_update(m_sp),
            r_delete(m_sp);
        for (const auto& op : m_seq.requests[m_index].operations) {
            if (op.entity == EntityKind::component) {
                switch (op.op) {
                case OpKind::upsert:
                    c_upsert.push_back(component_upsert(op.entry));
                    break;
                case OpKind::update:
                    c_update.push_back(component_update(op.entry));
                    break;
                case OpKind::remove:
                    c_delete.push_back(component_delete(op));
                    break;
                case OpKind::create:
                    break; // components are created by upsert
                }
            } else {
                switch (op.op) {
                case OpKind::create:
                    r_create.push_back(reference_create(op.entry));
                    break;
                case OpKind::update:
                    r_update.push_back(reference_update(op.entry));
                    break;
                case OpKind::remove:
                    r_delete.push_back(object({{"id", ref_oid(op.entry)}}));
                    break;
                case OpKind::upsert:
                    break; // references are not upserted
                }
            }
            if (m_error)
                return model::unexpected(std::move(*m_error));
        }
        auto section = [&](std::initializer_list<std::pair<const char*, json::array*>> ops) {
            json::object s(m_sp);
            for (auto [name, items] : ops)
                if (!items->empty())
                    s[name] = std::move(*items);
            return s;
        };
        auto components =
            section({{"upsert", &c_upsert}, {"update", &c_update}, {"delete", &c_delete}});
        auto references =
            section({{"create", &r_create}, {"update", &r_update}, {"delete", &r_delete}});
        if (!components.empty())
            out["components"] = std::move(components);
        if (!references.empty())
            out["references"] = std::move(references);
        return out;
    }

private:
    // Every part of a request is made in the request's own arena (m_sp): building it costs
    // no allocation per value, and dropping it no walk over them.
    json::object
    object(std::initializer_list<std::pair<json::string_view, json::value_ref>> init) const {
        return json::object(init, 0, m_sp);
    }
    json::value text(std::string_view s) const { return json::value(json::string(s, m_sp)); }

    std::string where() const {
        return "request " + std::to_string(m_index + 1) + " of " +
               std::to_string(m_seq.requests.size());
    }

    // How a request names a component: its OID, the batchId of a component created in this
    // request, or the OID an earlier request returned for it.
    json::value component_ref(const Link& link, std::string_view role, const std::string& whose) {
        switch (link.kind) {
        case Link::Kind::root:
            return json::value(nullptr, m_sp);
        case Link::Kind::existing:
            return text(m_plan.snapshot->components()[link.index].id.to_string());
        case Link::Kind::entry:
            break;
        default:
            return json::value(nullptr, m_sp); // unmapped / unresolved never reach a request
        }
        const auto& e = m_plan.components[link.index];
        if (e.action != Action::create)
            return text(m_plan.snapshot->components()[e.existing].id.to_string());
        const auto req = m_seq.component_request[link.index];
        if (req == m_index)
            return text(batch_id(EntityKind::component, link.index));
        if (auto id = m_created.find(EntityKind::component, link.index); id && req < m_index)
            return text(id->to_string());
        if (!m_error)
            m_error = model::make_error(
                {},
                where() + ": " + whose + " needs the id of its " + std::string(role) + " " +
                    m_plan.describe(e) + ", created by request " + std::to_string(req + 1) +
                    ", but that request's response did not report it",
                "refresh the snapshot and plan again; the next run converges");
        return json::value(nullptr, m_sp);
    }

    json::value version_match(std::int64_t version) const {
        return version >= 1 ? json::value(version, m_sp) : text("latest");
    }

    model::FieldType field_type(std::string_view api_key) const {
        const auto* def = m_plan.snapshot->context.field(api_key);
        return def ? def->type : model::FieldType::other;
    }

    // Mapped fields, normalised to their types; `skip` is the identity field (set apart).
    json::object custom_fields(const model::DesiredFields& fields, std::string_view skip) const {
        json::object out(m_sp);
        for (const auto& f : fields)
            if (f.key != skip)
                out[f.key] =
                    to_json(plan::normalize_value(field_type(f.key), f.value.to_value()), m_sp);
        return out;
    }

    json::object component_upsert(std::uint32_t i) {
        const auto& e = m_plan.components[i];
        const auto& d = m_plan.desired->components[e.desired];
        const bool by_name = m_plan.identity.kind == model::IdentityKind::name;
        json::object body(m_sp);
        body["rootWorkspace"] = m_workspace;
        body["typeId"] = m_plan.snapshot->context.component_types[e.type].type_id;
        body["name"] = d.name;
        if (d.description)
            body["description"] = *d.description;
        if (e.parent.kind != Link::Kind::unmapped)
            body["parent"] = component_ref(e.parent, "parent", m_plan.describe(e));
        json::object fields(m_sp);
        if (!by_name)
            fields[m_plan.identity.field] = d.key;
        for (auto& [k, v] :
             custom_fields(d.fields, by_name ? std::string_view() : m_plan.identity.field))
            fields[k] = std::move(v);
        if (!fields.empty())
            body["customFields"] = std::move(fields);
        json::object item(m_sp);
        if (by_name)
            item["uniqueBy"] = json::array({"rootWorkspace", "name"}, m_sp);
        else
            item["uniqueBy"] =
                json::array({"customFields." + m_plan.identity.field, "rootWorkspace"}, m_sp);
        if (e.action == Action::create)
            item["batchId"] = batch_id(EntityKind::component, i);
        item["body"] = std::move(body);
        return item;
    }

    // The changed fields of an update (partial body).
    template <typename Entry, typename Desired>
    json::object changed_body(const Entry& e, const Desired& d) {
        json::object body(m_sp);
        json::object fields(m_sp);
        const plan::Detail* detail = m_plan.detail(e.detail);
        if (detail == nullptr)
            return body;
        for (const auto& c : detail->changes) {
            if (c.field == "name" || c.field == "description" || c.field == "displayText")
                body[c.field] = to_json(c.after, m_sp);
            else if constexpr (std::is_same_v<Entry, plan::ComponentEntry>) {
                if (c.field == "parent")
                    body["parent"] = component_ref(e.parent, "parent", m_plan.describe(e));
                else
                    fields[c.field] = to_json(c.after, m_sp);
            } else {
                if (c.field == "source")
                    body["source"] = component_ref(e.source, "source", m_plan.describe(e));
                else if (c.field == "target")
                    body["target"] = component_ref(e.target, "target", m_plan.describe(e));
                else
                    fields[c.field] = to_json(c.after, m_sp);
            }
        }
        (void)d;
        if (!fields.empty())
            body["customFields"] = std::move(fields);
        return body;
    }

    json::object component_update(std::uint32_t i) {
        const auto& e = m_plan.components[i];
        const auto& c = m_plan.snapshot->components()[e.existing];
        return object({{"id", c.id.to_string()},
                       {"ifVersionMatch", version_match(c.version)},
                       {"body", changed_body(e, m_plan.desired->components[e.desired])}});
    }

    json::object component_delete(const Operation& op) {
        const auto& e = m_plan.components[op.entry];
        if (!op.by_match)
            return object({{"id", m_plan.snapshot->components()[e.existing].id.to_string()}});
        json::object fields = object({{m_plan.identity.field, m_plan.existing_key(e.existing)}});
        return object({{"match", object({{"rootWorkspace", m_workspace},
                                         {"customFields", std::move(fields)}})}});
    }

    std::string ref_oid(std::uint32_t j) const {
        return m_plan.snapshot->references()[m_plan.references[j].existing].id.to_string();
    }

    json::object reference_create(std::uint32_t j) {
        const auto& e = m_plan.references[j];
        const auto& d = m_plan.desired->references[e.desired];
        const auto who = m_plan.describe(e);
        json::object body(m_sp);
        body["source"] = component_ref(e.source, "source", who);
        body["target"] = component_ref(e.target, "target", who);
        body["type"] = m_plan.snapshot->context.reference_types[e.type].type;
        if (d.display_text)
            body["displayText"] = *d.display_text;
        if (d.description)
            body["description"] = *d.description;
        if (auto fields = custom_fields(d.fields, {}); !fields.empty())
            body["customFields"] = std::move(fields);
        return object({{"batchId", batch_id(EntityKind::reference, j)}, {"body", std::move(body)}});
    }

    json::object reference_update(std::uint32_t j) {
        const auto& e = m_plan.references[j];
        const auto& r = m_plan.snapshot->references()[e.existing];
        return object({{"id", r.id.to_string()},
                       {"ifVersionMatch", version_match(r.version)},
                       {"body", changed_body(e, m_plan.desired->references[e.desired])}});
    }

    const plan::Plan& m_plan;
    const BatchSequence& m_seq;
    std::size_t m_index;
    const CreatedIds& m_created;
    json::storage_ptr m_sp;
    json::string m_workspace;
    std::optional<model::Diagnostic> m_error;
};

} // namespace

model::Expected<json::object> render_request(const plan::Plan& plan, const BatchSequence& sequence,
                                             std::size_t index, const CreatedIds& created,
                                             const BatchOptions& options) {
    return Renderer(plan, sequence, index, created,
                    json::make_shared_resource<json::monotonic_resource>())
        .render(options);
}

model::Expected<json::object> render_request(const plan::Plan& plan, const BatchSequence& sequence,
                                             std::size_t index, const CreatedIds& created,
                                             const BatchOptions& options, json::storage_ptr sp) {
    return Renderer(plan, sequence, index, created, std::move(sp)).render(options);
}

} // namespace ardoq::batch
