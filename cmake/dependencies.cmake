# Third-party dependencies, all from Debian 12 packages (see scripts/install-deps.sh).
find_package(Threads REQUIRED)
find_package(Boost 1.81 REQUIRED COMPONENTS json)
find_package(yaml-cpp REQUIRED)
find_package(spdlog REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(CLI11 REQUIRED)
if(ARDOQ_SYNC_BUILD_TESTS)
  find_package(doctest REQUIRED)
endif()

# Boost.Asio/Beast are header-only; keep their use to few translation units.
add_library(ardoq_boost_net INTERFACE)
target_link_libraries(ardoq_boost_net INTERFACE Boost::boost Threads::Threads OpenSSL::SSL OpenSSL::Crypto)
target_compile_definitions(ardoq_boost_net INTERFACE BOOST_ASIO_NO_DEPRECATED BOOST_BEAST_USE_STD_STRING_VIEW)
