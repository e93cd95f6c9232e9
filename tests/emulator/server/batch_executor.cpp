#include "batch_executor.hpp"

#include "batch.hpp"
#include "buffer_pool.hpp"
#include "json_text.hpp"
#include "shapes_v2.hpp"

#include <algorithm>

namespace ardoq::emulator {

void BatchExecutor::run() {
    register_batch_ids();
    resolve_aliases();
    component_writes();
    reference_writes();
    deletes();
}

json::object BatchExecutor::response() const {
    bool entities = m_request.respond_with_entities;
    auto created = [&](const std::pmr::vector<Created>& list, bool components) {
        json::array out;
        out.reserve(list.size());
        for (const auto& c : list) {
            json::object o;
            o["id"] = std::string_view(c.id);
            if (c.batch_id)
                o["batchId"] = *c.batch_id;
            if (entities)
                o["body"] = components ? component_v2(m_store, *m_store.component(c.id))
                                       : reference_v2(*m_store.reference(c.id));
            out.emplace_back(std::move(o));
        }
        return out;
    };
    auto updated = [&](const std::pmr::vector<std::pmr::string>& list, bool components) {
        json::array out;
        out.reserve(list.size());
        for (const auto& id : list) {
            json::object o;
            o["id"] = std::string_view(id);
            if (entities)
                o["body"] = components ? component_v2(m_store, *m_store.component(id))
                                       : reference_v2(*m_store.reference(id));
            out.emplace_back(std::move(o));
        }
        return out;
    };
    auto deleted = [](const std::vector<std::string>& list) {
        json::array out;
        out.reserve(list.size());
        for (const auto& id : list)
            out.emplace_back(json::object{{"id", id}});
        return out;
    };
    json::object components, references;
    components["created"] = created(m_created_components, true);
    components["updated"] = updated(m_updated_components, true);
    components["deleted"] = deleted(m_deleted_components);
    references["created"] = created(m_created_references, false);
    references["updated"] = updated(m_updated_references, false);
    references["deleted"] = deleted(m_deleted_references);
    return json::object{{"components", std::move(components)},
                        {"references", std::move(references)}};
}

std::string BatchExecutor::response_text() const {
    const bool entities = m_request.respond_with_entities;
    std::string out =
        take_buffer(64 + 48 *
                             (m_created_components.size() + m_created_references.size() +
                              m_updated_components.size() + m_updated_references.size() +
                              m_deleted_components.size() + m_deleted_references.size()) *
                             (entities ? 16 : 1));
    auto body = [&](std::string_view id, bool components) {
        if (!entities)
            return;
        out += ",\"body\":";
        if (components)
            append_component_v2(out, m_store, *m_store.component(id));
        else
            append_reference_v2(out, *m_store.reference(id));
    };
    auto section = [&](bool components) {
        const auto& created = components ? m_created_components : m_created_references;
        const auto& updated = components ? m_updated_components : m_updated_references;
        const auto& deleted = components ? m_deleted_components : m_deleted_references;
        out += "{\"created\":[";
        for (std::size_t i = 0; i < created.size(); ++i) {
            out += i == 0 ? "{\"id\":" : ",{\"id\":";
            append_json(out, std::string_view(created[i].id));
            if (created[i].batch_id) {
                out += ",\"batchId\":";
                append_json(out, std::string_view(*created[i].batch_id));
            }
            body(created[i].id, components);
            out += '}';
        }
        out += "],\"updated\":[";
        for (std::size_t i = 0; i < updated.size(); ++i) {
            out += i == 0 ? "{\"id\":" : ",{\"id\":";
            append_json(out, std::string_view(updated[i]));
            body(updated[i], components);
            out += '}';
        }
        out += "],\"deleted\":[";
        for (std::size_t i = 0; i < deleted.size(); ++i) {
            out += i == 0 ? "{\"id\":" : ",{\"id\":";
            append_json(out, std::string_view(deleted[i]));
            out += '}';
        }
        out += "]}";
    };
    out += "{\"components\":";
    section(true);
    out += ",\"references\":";
    section(false);
    out += '}';
    return out;
}

json::object BatchExecutor::expansion() const {
    auto list = [](const std::vector<json::object>& ops) {
        json::array out;
        for (const auto& o : ops)
            out.emplace_back(o);
        return out;
    };
    json::object out;
    if (!m_request.options.is_null())
        out["options"] = m_request.options;
    out["components"] = json::object{{"create", list(m_x_component_create)},
                                     {"upsert", list(m_x_component_upsert)},
                                     {"update", list(m_x_component_update)},
                                     {"delete", list(m_x_component_delete)}};
    out["references"] = json::object{{"create", list(m_x_reference_create)},
                                     {"upsert", list(m_x_reference_upsert)},
                                     {"update", list(m_x_reference_update)},
                                     {"delete", list(m_x_reference_delete)}};
    return out;
}

namespace {

// Runs `executor` inside a store transaction and returns `answer(executor)`, computed before
// the transaction ends; commits in BatchMode::execute, rolls back otherwise or on a throw.
template <class Answer>
auto transact(Store& store, const BatchRequest& request, BatchMode mode, BatchExecutor& executor,
              Answer answer) -> decltype(answer(executor)) {
    const auto& c = request.components;
    const auto& r = request.references;
    store.begin(c.create.size() + c.upsert.size() + c.update.size() + r.create.size() +
                r.upsert.size() + r.update.size() + 16);
    decltype(answer(executor)) out;
    try {
        executor.run();
        out = answer(executor);
    } catch (...) {
        store.rollback();
        throw;
    }
    if (mode == BatchMode::expand)
        store.rollback();
    else
        store.commit();
    return out;
}

} // namespace

std::string run_batch_text(Store& store, const Options& options, const FaultPlan& faults,
                           std::uint64_t request_number, const BatchRequest& request) {
    if (options.shuffle_results) // the shuffle works on the JSON answer
        return json::serialize(
            run_batch(store, options, faults, request_number, request, BatchMode::execute));
    BatchExecutor executor(store, options, request, false);
    return transact(store, request, BatchMode::execute, executor,
                    [](const BatchExecutor& e) { return e.response_text(); });
}

json::object run_batch(Store& store, const Options& options, const FaultPlan& faults,
                       std::uint64_t request_number, const BatchRequest& request, BatchMode mode) {
    BatchExecutor executor(store, options, request, mode == BatchMode::expand);
    json::object answer = transact(store, request, mode, executor, [mode](const BatchExecutor& e) {
        return mode == BatchMode::execute ? e.response() : e.expansion();
    });
    if (mode == BatchMode::expand)
        return answer;
    if (options.shuffle_results) {
        // Fisher-Yates with the fault plan's draws: the same request number, the same order.
        std::uint64_t stream = 16;
        for (auto* kind : {&answer["components"], &answer["references"]})
            for (auto* key : {"created", "updated", "deleted"}) {
                json::array& a = kind->as_object()[key].as_array();
                for (std::size_t i = a.size(); i > 1; --i) {
                    auto j = static_cast<std::size_t>(faults.draw(request_number, stream++) *
                                                      static_cast<double>(i));
                    std::swap(a[i - 1], a[std::min(j, i - 1)]);
                }
            }
    }
    return answer;
}

} // namespace ardoq::emulator
