# Run at every build (target coverage_git_commit): writes the git commit of the source tree
# into OUT as a #define, only when it changed, so --version names the commit that was built
# even when CMake is not re-run after new commits, and an unchanged commit rebuilds nothing.
# Variables: SRC (source tree), OUT (header to write), GIT (git executable; may be empty).
set(commit "unknown")
if(GIT AND EXISTS "${SRC}/.git")
  execute_process(COMMAND "${GIT}" describe --always --dirty --abbrev=12
                  WORKING_DIRECTORY "${SRC}" OUTPUT_VARIABLE out
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
  if(rc EQUAL 0 AND out)
    set(commit "${out}")
  endif()
endif()
set(text "#define COVERAGE_GIT_COMMIT \"${commit}\"\n")
set(old "")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
