# Sourced by the bench scripts (after they set ROOT).

# True when a sibling module in the local Maven repository is missing or older than the built
# file $1. exec:java and exec:exec in one module resolve the other modules from that repository,
# not from their target/ folders, so a checkout built only with `package` (the README's run
# command) must be installed before they can run.
modules_not_installed() {
  local built="$1" version repo module jar
  version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$ROOT/pom.xml" | head -n 1)"
  repo="${MAVEN_REPO:-$HOME/.m2/repository}"
  for module in api-spec generated-server generated-client impl; do
    jar="$repo/io/mediaconnector/$module/$version/$module-$version.jar"
    [[ -f "$jar" && ! "$built" -nt "$jar" ]] || return 0
  done
  return 1
}
