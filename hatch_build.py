"""Bundle the current release into the wheel as ``strikeledger/release``.

The loader's default release is the one the package version names; a wheel
without it would load nothing, so building a wheel before ``make build`` fails.
"""

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads build/<version>/ from the checkout
        release = Path(self.root, "build", self.metadata.version)
        if not (release / "datapackage.json").is_file():
            raise RuntimeError(f"{release} is missing: run `strikeledger build` before "
                               "building the wheel")
        build_data["force_include"][str(release)] = "strikeledger/release"
