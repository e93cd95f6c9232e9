#include "connectors/cache/atomic_file.hpp"

#include "model/errors.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>

namespace ardoq::connectors {

namespace fs = std::filesystem;

namespace {

model::RunError io_error(const std::string& what, const fs::path& path, int err) {
    return model::RunError(what + " " + path.string() + ": " + std::strerror(err));
}

} // namespace

void write_all(std::FILE* f, const void* data, std::size_t size, const fs::path& path) {
    if (size > 0 && std::fwrite(data, 1, size, f) != size)
        throw io_error("cannot write", path, errno);
}

void write_file_atomically(const fs::path& path, const std::function<void(std::FILE*)>& write,
                           fs::perms permissions) {
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw model::RunError("cannot create directory " + dir.string() + ": " + ec.message());

    std::string temp = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
    int fd = mkstemp(temp.data());
    if (fd < 0)
        throw io_error("cannot create a temporary file next to", path, errno);
    std::FILE* f = fdopen(fd, "wb");
    if (f == nullptr) {
        int err = errno;
        close(fd);
        unlink(temp.c_str());
        throw io_error("cannot open", temp, err);
    }
    try {
        write(f);
        if (std::fflush(f) != 0 || fsync(fileno(f)) != 0)
            throw io_error("cannot write", path, errno);
    } catch (...) {
        std::fclose(f);
        unlink(temp.c_str());
        throw;
    }
    if (std::fclose(f) != 0) {
        int err = errno;
        unlink(temp.c_str());
        throw io_error("cannot write", path, err);
    }
    fs::permissions(temp, permissions, ec);
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        int err = errno;
        unlink(temp.c_str());
        throw io_error("cannot replace", path, err);
    }
    // Make the rename itself durable.
    int dir_fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dir_fd >= 0) {
        fsync(dir_fd);
        close(dir_fd);
    }
}

} // namespace ardoq::connectors
