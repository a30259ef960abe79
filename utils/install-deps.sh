#!/usr/bin/env bash
# Install what selmcast needs from Debian 12's packages, when it is missing.
#   --in-tree   also what the in-tree check needs (a deb-src entry for `apt-get source ns3`).
# Uses sudo when not run as root. Safe to run again: installs only what is missing.
set -euo pipefail

packages=(build-essential cmake python3 python3-matplotlib python3-docutils libns3-dev ns3 libgsl-dev libboost-dev
          libgtest-dev libbenchmark-dev tshark libgoogle-perftools-dev)
in_tree=0
for arg in "$@"; do
    case "$arg" in
    --in-tree) in_tree=1 ;;
    *)
        echo "install-deps.sh: unknown option '$arg' (allowed: --in-tree)" >&2
        exit 2
        ;;
    esac
done
if [ "$in_tree" = 1 ]; then
    # ns-3's own build (./ns3, test.py) needs these besides the compiler and CMake; Sphinx
    # builds the model chapter with ns-3's doc/models Makefile.
    # OpenMPI for ns-3's mpi module (distributed runs, in-tree only).
    packages+=(dpkg-dev python3-minimal xz-utils bzip2 make python3-sphinx libopenmpi-dev openmpi-bin)
fi

sudo_cmd=()
if [ "$(id -u)" != 0 ]; then
    sudo_cmd=(sudo)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

need_update=0
deb_src=/etc/apt/sources.list.d/selmcast-deb-src.sources
if [ "$in_tree" = 1 ] && ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "install-deps.sh: adding a deb-src entry for bookworm ($deb_src)"
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' |
        "${sudo_cmd[@]}" tee "$deb_src" >/dev/null
    need_update=1
fi

if [ "${#missing[@]}" -gt 0 ] || [ "$need_update" = 1 ]; then
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -qq
fi
if [ "${#missing[@]}" -gt 0 ]; then
    # tshark (the pcap-dissector test) would otherwise ask whether non-root users may capture.
    echo "wireshark-common wireshark-common/install-setuid boolean false" |
        "${sudo_cmd[@]}" debconf-set-selections
    echo "install-deps.sh: installing ${missing[*]}"
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
