# orm_generate(OUTPUT <header> PROJECT_DIR <dir> [TARGET <target>] [NAMESPACE <ns>] [ORM <orm>])
#
# Keeps the header of `orm generate --lang cpp` in step with an orm project's committed migrations:
# a build step re-runs `orm generate` whenever the project's migrations/orm.state or orm.sum
# change. With TARGET, the header becomes one of the target's sources (so it is made before the
# target's files compile) and its folder an include directory. ORM is the orm executable; by
# default the `orm` target when orm is built in the same tree (add_subdirectory), else `orm` on
# the PATH.
function(orm_generate)
  cmake_parse_arguments(ORM_GENERATE "" "OUTPUT;PROJECT_DIR;TARGET;NAMESPACE;ORM" "" ${ARGN})
  if(NOT ORM_GENERATE_OUTPUT OR NOT ORM_GENERATE_PROJECT_DIR)
    message(FATAL_ERROR "orm_generate: OUTPUT and PROJECT_DIR are required")
  endif()
  get_filename_component(output "${ORM_GENERATE_OUTPUT}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  get_filename_component(project "${ORM_GENERATE_PROJECT_DIR}" ABSOLUTE)
  if(NOT ORM_GENERATE_NAMESPACE)
    set(ORM_GENERATE_NAMESPACE models)
  endif()
  set(depends "${project}/migrations/orm.state" "${project}/migrations/orm.sum")
  if(ORM_GENERATE_ORM)
    set(orm "${ORM_GENERATE_ORM}")
  elseif(TARGET orm)
    set(orm "$<TARGET_FILE:orm>")
    list(APPEND depends orm)
  else()
    find_program(orm_program orm REQUIRED)
    set(orm "${orm_program}")
  endif()
  add_custom_command(
    OUTPUT "${output}"
    # generate leaves an unchanged header alone; the touch tells the build it is current.
    COMMAND "${orm}" -q generate --lang cpp --namespace "${ORM_GENERATE_NAMESPACE}" --out "${output}"
    COMMAND "${CMAKE_COMMAND}" -E touch "${output}"
    DEPENDS ${depends}
    WORKING_DIRECTORY "${project}"
    COMMENT "orm generate: ${output}"
    VERBATIM)
  if(ORM_GENERATE_TARGET)
    target_sources(${ORM_GENERATE_TARGET} PRIVATE "${output}")
    get_filename_component(folder "${output}" DIRECTORY)
    target_include_directories(${ORM_GENERATE_TARGET} PRIVATE "${folder}")
  endif()
endfunction()
