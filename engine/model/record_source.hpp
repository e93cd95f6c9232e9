#pragma once
// A stream of records from one source. Connectors implement it (connectors/); the mapping
// evaluator consumes it through a SourceOpener, so mappings/ never links connectors/.

#include "model/record.hpp"
#include "model/source_spec.hpp"

#include <functional>
#include <memory>

namespace ardoq::model {

class RecordSource {
public:
    virtual ~RecordSource() = default;

    // Reads the next record into `out`, reusing its buffers (values keep their capacity,
    // so a steady stream does not allocate per field). Returns false at the end.
    // A malformed input throws InputError naming the file, line (and column) and a fix.
    virtual bool next(Record& out) = 0;

    // The spec this source was opened from (name and file for origins and messages).
    virtual const SourceSpec& spec() const noexcept = 0;
};

// Opens a source; throws InputError when the file cannot be opened or is not of the format.
using SourceOpener = std::function<std::unique_ptr<RecordSource>(const SourceSpec&)>;

} // namespace ardoq::model
