#!/bin/sh
# Installs shian for the current user: a private Python environment, the `shian` command on
# ~/.local/bin and a desktop-menu entry. Run from a checkout: installer/install.sh
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
prefix=${SHIAN_PREFIX:-$HOME/.local/share/shian/app}
python=$("$here/installer/find-python")
"$python" -m venv "$prefix"
"$prefix/bin/python" -m pip install -q --upgrade pip
"$prefix/bin/python" -m pip install -q "$here[gui]"
mkdir -p "$HOME/.local/bin" "$HOME/.local/share/applications"
ln -sf "$prefix/bin/shian" "$HOME/.local/bin/shian"
cp "$here/installer/shian.desktop" "$HOME/.local/share/applications/shian.desktop"
echo "installed: run 'shian' or pick 食品安全指挥中心 from the applications menu"
