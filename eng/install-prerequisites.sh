#!/usr/bin/env bash
# Installs what CourseHub needs on Debian 12 and does nothing when it is already there.
# Servers are only installed: the AppHost starts its own instances, with data under .coursehub/.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# poppler-utils: the certificate test renders the PDF (pdftoppm) to read its QR code back.
# ffmpeg: the Worker probes and transcodes lesson videos with it (its fonts-dejavu-core has the watermark's font).
apt_packages=(postgresql redis-server rabbitmq-server chromium wrk poppler-utils ffmpeg fonts-dejavu-core)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# Node.js may come from elsewhere than Debian (with its own npm); only add Debian's when there is none.
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm tools, pinned: MailDev 2's REST API (GET /email) is what the tests and docs use.
npm_install=()
command -v azurite-blob >/dev/null || npm_install+=("azurite@3")
case "$(maildev --version 2>/dev/null || true)" in
  2.*) ;;
  *) npm_install+=("maildev@2.2.1") ;;
esac
if [ ${#npm_install[@]} -gt 0 ]; then
  echo "Installing npm tools: ${npm_install[*]}"
  as_root npm install -g --silent --no-fund --no-audit "${npm_install[@]}" >/dev/null
fi

# Browser libraries the Web bundles (hls.js), pinned by CourseHub.Web/package-lock.json; the Web's build copies them into wwwroot/lib.
(cd "$(dirname "$0")/../CourseHub.Web" && [ -f node_modules/hls.js/dist/hls.min.js ] || npm ci --silent --no-fund --no-audit >/dev/null)

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is missing: see https://dot.net" >&2; exit 1; }
# The Aspire CLI (`dotnet aspire run`) is a local tool of the repository (.config/dotnet-tools.json).
# A first restore on an empty package cache can mix up the two tools' packages ("the command
# dotnet-ef is not contained in the package"); the second restore finds them in the cache.
(cd "$(dirname "$0")/.." && { dotnet tool restore >/dev/null || dotnet tool restore >/dev/null; })
echo "Prerequisites are in place."
