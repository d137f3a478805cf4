"""What the conformance scripts share about exporting: torch 2.13's default (dynamo) ONNX exporter tried as users run
it, its failure recorded as the one line that names the cause (the outer exceptions only say "step 1/3")."""
import os
import re

import onnx
import torch


def dynamo(module, example, path, input_names, output_names, **options):
    """torch.onnx.export(dynamo=True) to `path`: "ok", or the exporter's root cause (no half-written files left)."""
    try:
        torch.onnx.export(module, (example,), path, dynamo=True, input_names=input_names, output_names=output_names,
                          **options)
        return "ok"
    except Exception as error:  # recorded for the export guide, not hidden
        for leftover in (path, path + ".data"):
            if os.path.exists(leftover):
                os.remove(leftover)
        while error.__cause__ is not None:
            error = error.__cause__
        lines = [l.strip() for l in re.sub(r"\x1b\[[0-9;]*m", "", str(error)).splitlines() if l.strip()]
        return (type(error).__name__ + ": " + (lines[0] if lines else ""))[:300]


def opset(path):
    """The default-domain opset an ONNX file declares (its weights are not read)."""
    return next(o.version for o in onnx.load(path, load_external_data=False).opset_import
                if o.domain in ("", "ai.onnx"))
