#pragma once
// The thin Ardoq client, one function per feature of ardoqpy's ArdoqClient (namespace
// ardoq::connectors::api), on top of ApiClient (retries, deadlines, redaction, pagination):
//   workspaces and folders  workspaces_api.hpp
//   components              components_api.hpp
//   references              references_api.hpp
//   tags                    tags_api.hpp
//   models, types, fields   metamodel_api.hpp
// v2 is used where Ardoq offers the call, v1 otherwise (docs/cli.md has the full table).

#include "connectors/ardoq/components_api.hpp"
#include "connectors/ardoq/metamodel_api.hpp"
#include "connectors/ardoq/references_api.hpp"
#include "connectors/ardoq/tags_api.hpp"
#include "connectors/ardoq/workspaces_api.hpp"
