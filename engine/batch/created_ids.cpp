#include "batch/batch.hpp"

#include <boost/json.hpp>

#include <unordered_set>

namespace ardoq::batch {

namespace json = boost::json;

namespace {

model::Diagnostic bad_response(std::string what) {
    return model::make_error({}, "batch response: " + std::move(what),
                             "the target answered in an unexpected shape; refresh the snapshot "
                             "and plan again before retrying");
}

} // namespace

void CreatedIds::set(plan::EntityKind kind, std::uint32_t entry, const model::Oid& id) {
    (kind == plan::EntityKind::component ? m_components : m_references)[entry] = id;
}

std::optional<model::Oid> CreatedIds::find(plan::EntityKind kind, std::uint32_t entry) const {
    const auto& map = kind == plan::EntityKind::component ? m_components : m_references;
    auto it = map.find(entry);
    return it == map.end() ? std::nullopt : std::optional<model::Oid>(it->second);
}

model::Expected<std::size_t> CreatedIds::record(const Request& request,
                                                const json::value& response) {
    if (!response.is_object())
        return model::unexpected(bad_response("not a JSON object"));
    std::unordered_set<std::string> expected;
    for (const auto& op : request.operations)
        if (op.op == OpKind::upsert || op.op == OpKind::create)
            expected.insert(batch_id(op.entity, op.entry));
    std::size_t recorded = 0;
    for (const char* kind : {"components", "references"}) {
        const json::value* section = response.as_object().if_contains(kind);
        if (section == nullptr)
            continue;
        const json::value* created =
            section->is_object() ? section->as_object().if_contains("created") : nullptr;
        if (!section->is_object() || (created != nullptr && !created->is_array()))
            return model::unexpected(bad_response(std::string(kind) + ".created is not a list"));
        if (created == nullptr)
            continue;
        std::size_t k = 0;
        for (const auto& item : created->as_array()) {
            const std::string at = std::string(kind) + ".created[" + std::to_string(k++) + "]";
            const json::value* batch =
                item.is_object() ? item.as_object().if_contains("batchId") : nullptr;
            if (batch == nullptr)
                continue; // created without a batchId: not one this sequence needs
            const json::value* id = item.as_object().if_contains("id");
            auto oid = id && id->is_string() ? model::Oid::parse(id->as_string()) : std::nullopt;
            if (!oid)
                return model::unexpected(bad_response(at + ".id is not an object id"));
            auto parsed = batch->is_string() ? parse_batch_id(batch->as_string()) : std::nullopt;
            if (!parsed || !expected.count(std::string(batch->as_string())) ||
                (parsed->first == plan::EntityKind::component) !=
                    (std::string_view(kind) == "components"))
                return model::unexpected(bad_response(at + ".batchId " + json::serialize(*batch) +
                                                      " is not one this request sent"));
            set(parsed->first, parsed->second, *oid);
            ++recorded;
        }
    }
    return recorded;
}

} // namespace ardoq::batch
