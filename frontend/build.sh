#!/usr/bin/env bash
# Rebuild the vendored GOV.UK Frontend assets for STAR.
#
#   bash frontend/build.sh
#
# Installs the exact versions pinned in package.json (no lock file is written,
# see .npmrc), compiles star.scss and refreshes
# star/core/static/vendor/govuk-frontend/. Commit that folder; node_modules/
# is never committed and is not needed at run time.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

OUT=../star/core/static/vendor/govuk-frontend
PKG=node_modules/govuk-frontend
DIST=$PKG/dist/govuk

npm install --no-audit --no-fund

version=$(node -p 'require("./node_modules/govuk-frontend/package.json").version')
wanted=$(node -p 'require("./package.json").dependencies["govuk-frontend"]')
if [[ "$version" != "$wanted" ]]; then
  echo "build.sh: installed govuk-frontend $version, package.json pins $wanted" >&2
  exit 1
fi
sass_version=$(node -p 'require("./node_modules/sass/package.json").version')

rm -rf "$OUT"
mkdir -p "$OUT"

# CSS: GOV.UK Frontend configured by star.scss (system font, no GDS Transport,
# no crest, neutral brand colour).
npx --no-install sass \
  --style=compressed --no-source-map --quiet-deps \
  --load-path=node_modules \
  star.scss "$OUT/govuk-frontend.min.css"

# JS: the upstream ES module bundle, unchanged, with the source map that its
# sourceMappingURL comment names (the package README says to copy both).
cp "$DIST/govuk-frontend.min.js" "$DIST/govuk-frontend.min.js.map" "$OUT/"

# Assets: deliberately none. dist/govuk/assets/ holds only GOV.UK branding:
# fonts/ is GDS Transport (licensed for GOV.UK services only), images/ are the
# crown favicon and app icons, the Royal Arms crest and the GOV.UK Open Graph
# image, and manifest.json only lists those crown icons. star.scss makes the
# CSS refer to none of them.

# Licence. The npm package does not ship its LICENSE.txt (MIT), so a copy of
# the upstream file is kept beside this script; prefer the package's own if a
# later version ships one.
if [[ -f "$PKG/LICENSE.txt" ]]; then
  cp "$PKG/LICENSE.txt" "$OUT/LICENSE.txt"
else
  cp govuk-frontend-LICENSE.txt "$OUT/LICENSE.txt"
fi

cat > "$OUT/README.md" <<EOF
# GOV.UK Frontend ${version} (vendored, STAR build)

Compiled from the npm package \`govuk-frontend@${version}\` (with \`sass@${sass_version}\`)
by \`frontend/build.sh\`; do not edit these files by hand, change
\`frontend/star.scss\` and rerun \`bash frontend/build.sh\`.

- \`govuk-frontend.min.css\`: GOV.UK Frontend compiled with STAR settings
  (\`frontend/star.scss\`): system font stack, neutral brand colour, a few
  \`.star-*\` helpers.
- \`govuk-frontend.min.js\` (+ \`.map\`): the upstream ES module bundle,
  unchanged. Load it with \`<script type="module">\` and call \`initAll()\`;
  see \`frontend/NOTES-v6-markup.md\`.
- \`LICENSE.txt\`: GOV.UK Frontend's MIT licence.

Excluded on purpose, because STAR is a council service and not GOV.UK:
the GDS Transport font (licensed for GOV.UK only; no \`@font-face\` is emitted),
the GOV.UK crown and Royal Arms crest (no crest image, no crown icons, favicon,
manifest or Open Graph image), and GOV.UK blue as the brand colour.
EOF

# Checks: no GDS Transport, no crest, every url() in the CSS resolves to a file
# here (ManifestStaticFilesStorage fails collectstatic otherwise).
css="$OUT/govuk-frontend.min.css"
if grep -q "GDS Transport" "$css"; then
  echo "build.sh: GDS Transport found in $css" >&2
  exit 1
fi
if grep -qi "crest" "$css"; then
  echo "build.sh: crest image referenced in $css" >&2
  exit 1
fi
while IFS= read -r ref; do
  target=${ref#url(}
  target=${target%)}
  target=${target//\"/}
  target=${target//\'/}
  case "$target" in data:*|http:*|https:*|//*) continue ;; esac
  if [[ ! -f "$OUT/${target%%[?#]*}" ]]; then
    echo "build.sh: $css refers to $target, which is not in $OUT" >&2
    exit 1
  fi
done < <(grep -o 'url([^)]*)' "$css" || true)

echo "GOV.UK Frontend $version built into ${OUT#../}:"
ls -l "$OUT"
