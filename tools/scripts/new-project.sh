#!/usr/bin/env bash
# Scaffolds the config files of one Nx project: new-project.sh <root> <name> <tags,comma> <pure:yes|no> <types>
set -euo pipefail
root=$1 name=$2 tags=$3 pure=$4 types=${5:-node,jest}
depth=$(echo "$root" | awk -F/ '{print NF}')
up=$(printf '../%.0s' $(seq 1 "$depth"))
mkdir -p "$root/src"
tags_json=$(echo "$tags" | awk -F, '{for(i=1;i<=NF;i++){printf "%s\"%s\"", (i>1?", ":""), $i}}')
types_json=$(echo "$types" | awk -F, '{for(i=1;i<=NF;i++){if($i!="")printf "%s\"%s\"", (i>1?", ":""), $i}}')
cat > "$root/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "${up}node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$root/src",
  "projectType": "library",
  "tags": [$tags_json],
  "targets": {
    "typecheck": {
      "executor": "nx:run-commands",
      "options": { "command": "tsc -p $root/tsconfig.json --noEmit" }
    }
  }
}
JSON
cat > "$root/tsconfig.json" <<JSON
{
  "extends": "${up}tsconfig.base.json",
  "compilerOptions": { "types": [$types_json] },
  "include": ["src/**/*.ts"]
}
JSON
cat > "$root/jest.config.cjs" <<JS
module.exports = {
  ...require('${up}jest.preset.js'),
  displayName: '$name',
  rootDir: __dirname,
};
JS
if [ "$pure" = yes ]; then
cat > "$root/eslint.config.mjs" <<JS
import base from '${up}eslint.config.mjs';
import pure from '${up}tools/eslint/pure.mjs';

export default [...base, ...pure];
JS
else
cat > "$root/eslint.config.mjs" <<JS
import base from '${up}eslint.config.mjs';

export default [...base];
JS
fi
