#!/bin/sh
# quickstart.sh: on a fresh Debian 12 machine, install what pmmlc needs to
# build and test (apt-get), build it, and score the bundled example model.
# Run from the top folder of the source tree. As root or with sudo.
set -eu
cd "$(dirname "$0")"

packages="build-essential autoconf automake libtool autoconf-archive
  pkg-config libexpat1-dev zlib1g-dev libxml2-dev libxml2-utils libpcre2-dev
  libcunit1-dev valgrind"

if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi
missing=
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
    missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "quickstart: installing$missing"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing
fi

[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure
make -j"$(nproc 2>/dev/null || echo 2)"

echo
echo "quickstart: scoring examples/iris.csv with examples/iris.pmml:"
./pmmlc/pmmlc score examples/iris.pmml examples/iris.csv | head -n 8
echo "..."
