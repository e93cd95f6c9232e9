#pragma once
// Test support: the real ardoq-emulator started on 127.0.0.1 with an OS-chosen port for
// the lifetime of this object (stopped with SIGTERM on destruction).

#include "support/process.hpp"

#include <memory>
#include <string>
#include <vector>

namespace ardoq::test {

struct EmulatorOptions {
    std::string token = "test-token-0123456789";
    std::string seed_file;               // --seed fixture.json, "" for none
    std::string data_file;               // --data state.json, "" for a temp file
    std::vector<std::string> extra_args; // e.g. {"--page-size", "2", "--fail-rate", "0.1"}
};

class Emulator {
public:
    explicit Emulator(EmulatorOptions options = {});
    ~Emulator();

    int port() const noexcept { return m_port; }
    // "http://127.0.0.1:PORT" (or https:// when started with --tls-cert).
    std::string base_url() const;
    const std::string& token() const noexcept { return m_options.token; }
    const std::string& data_file() const noexcept { return m_options.data_file; }
    // Stops the server gracefully (SIGTERM); returns its exit code.
    int stop();

private:
    EmulatorOptions m_options;
    std::unique_ptr<BackgroundProcess> m_process;
    int m_port = 0;
    bool m_tls = false;
};

} // namespace ardoq::test
