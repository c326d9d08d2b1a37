"""Bundle the releases into the wheel: the current one as ``strikeledger/release``, and every
earlier one as its zip in ``strikeledger/releases/`` beside the manifest of their checksums
(``build/RELEASES.json``), so that any version loads offline (``strikeledger.reader.versions``).

The loader's default release is the one the package version names; a wheel without it
would load nothing, so building a wheel before ``make build`` fails. So does a zip that no
longer matches the manifest: the wheel carries releases exactly as they were published.
"""

import hashlib
import json
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MANIFEST = "RELEASES.json"  # strikeledger.release_format.MANIFEST (not importable here)


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads build/ from the checkout
        builds = Path(self.root, "build")
        current = self.metadata.version
        release = builds / current
        if not (release / "datapackage.json").is_file():
            raise RuntimeError(f"{release} is missing: run `strikeledger build` before "
                               "building the wheel")
        include = build_data["force_include"]
        include[str(release)] = "strikeledger/release"
        manifest = json.loads((builds / MANIFEST).read_text(encoding="utf-8"))
        include[str(builds / MANIFEST)] = f"strikeledger/releases/{MANIFEST}"
        for past, recorded in manifest.items():
            if past == current:
                continue  # carried as the folder above
            archive = builds / f"{past}.zip"
            digest = "sha256:" + hashlib.sha256(archive.read_bytes()).hexdigest()
            if digest != recorded["zip"]:
                raise RuntimeError(f"{archive} does not match {MANIFEST}; a published "
                                   "release never changes")
            include[str(archive)] = f"strikeledger/releases/{past}.zip"
